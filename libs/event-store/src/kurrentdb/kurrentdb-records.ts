import {
  DeadlineExceededError,
  MaxAppendSizeExceededError,
  NotLeaderError,
  START,
  streamNameFilter,
  UnavailableError,
  type EventData,
  type JSONType,
  type Position,
  type ReadPosition,
  type RegexFilter,
} from '@kurrent/kurrentdb-client';
import { EventStoreError, InvalidEventError, StoreUnavailableError } from '../errors';
import type { RecordedEvent } from '../event-store.port';
import { envelopeFromRow, type SealedEvent } from '../seal';

/**
 * Global positions.
 *
 * KurrentDB writes each event of an append as its own self-committed prepare record (flags
 * Data | IsCommitted, TransactionBegin on the first, TransactionEnd on the last) at consecutive
 * offsets of the transaction log. $all reports such an event at {commit: its own log position,
 * prepare: its own log position}, and so do stream reads and live subscriptions. So the events of
 * one multi-event append do NOT share a commit position, and `commit` alone is a byte offset that
 * is unique per event and strictly increasing in $all order: we use it as our position. It turns
 * back into the exact record position {commit: p, prepare: p}, which the server accepts as a start.
 * (Only the legacy TCP API's explicit transactions gave several events one commit position; this
 * adapter never writes them.) Byte offsets stay below 2^53 for any log smaller than 8 PiB.
 */
export function positionOf(record: StoredRecord): number {
  const commit = record.position?.commit;
  if (commit === undefined || commit > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new StoreUnavailableError(`KurrentDB gave no position for event ${record.id} (KurrentDB 22.6 or later is needed)`);
  }
  return Number(commit);
}

/** Where to start reading or subscribing to see what comes after `after`. */
export function readFrom(after: number): ReadPosition {
  if (after <= 0) return START;
  const at = BigInt(after);
  return { commit: at, prepare: at } satisfies Position;
}

/**
 * The application's streams: validateAppend only accepts names that start with a letter or
 * digit. This leaves out KurrentDB's own `$` streams and our `_checkpoint-` streams, which would
 * otherwise feed each checkpoint a subscriber saves back to it as a new event.
 */
export const applicationStreams = (): RegexFilter => streamNameFilter({ regex: '^[A-Za-z0-9]' });

/** Second guard, on the type: system events (`$>`, `$streamDeleted`…) can sit in any stream. */
export function isApplicationEvent(record: StoredRecord): boolean {
  return /^[A-Za-z]/.test(record.type) && /^[A-Za-z0-9]/.test(record.streamId);
}

/** The parts of a stored KurrentDB event this adapter reads. */
export interface StoredRecord {
  id: string;
  streamId: string;
  revision: bigint;
  type: string;
  data: unknown;
  metadata?: unknown;
  position?: Position;
}

/**
 * The event as KurrentDB stores it: the canonical data, and the canonical metadata plus hash and
 * prevHash, so reading it back gives exactly the values the hash was computed over.
 */
export function toEventData({ event, dataJson, metadataJson }: SealedEvent): EventData {
  const { hash, prevHash } = event.metadata;
  return {
    id: event.id,
    contentType: 'application/json',
    type: event.type,
    data: JSON.parse(dataJson) as JSONType,
    metadata: { ...(JSON.parse(metadataJson) as Record<string, unknown>), hash, prevHash },
  };
}

/** Rebuilds our envelope; revisions are 0-based, versions 1-based. */
export function toEnvelope(record: StoredRecord): RecordedEvent {
  const { hash, prevHash, ...metadata } = metadataOf(record);
  return envelopeFromRow({
    id: record.id,
    stream: record.streamId,
    version: Number(record.revision) + 1,
    position: positionOf(record),
    type: record.type,
    data: record.data,
    metadata,
    hash: typeof hash === 'string' ? hash : '',
    prevHash: typeof prevHash === 'string' ? prevHash : null,
  });
}

function metadataOf(record: StoredRecord): Record<string, unknown> {
  const metadata = record.metadata;
  const isObject = typeof metadata === 'object' && metadata !== null && !Array.isArray(metadata);
  return isObject && !(metadata instanceof Uint8Array) ? (metadata as Record<string, unknown>) : {};
}

/** Turns client errors callers can act on into the port's errors; anything else passes as is. */
export function storeError(error: unknown): unknown {
  if (error instanceof EventStoreError) return error;
  if (error instanceof MaxAppendSizeExceededError) {
    return new InvalidEventError('events', `together exceed KurrentDB's maximum append size of ${error.maxAppendSize} bytes`);
  }
  if (isUnreachable(error)) return new StoreUnavailableError(`KurrentDB unavailable: ${(error as Error).message}`);
  return error;
}

const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_UNAVAILABLE = 14;

function isUnreachable(error: unknown): boolean {
  if (error instanceof UnavailableError || error instanceof DeadlineExceededError || error instanceof NotLeaderError) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return code === GRPC_UNAVAILABLE || code === GRPC_DEADLINE_EXCEEDED;
}
