import { v7 as randomUUID } from 'uuid';
import { InvalidEventError } from './errors';
import type { EventMetadata, EventToAppend, ExpectedVersion, RecordedEvent } from './event-store.port';
import { ANY, NO_STREAM } from './event-store.port';
import { canonicalEvent, canonicalJson, chainHash } from './hash-chain';

/** An event ready to store: its envelope (position still unknown) and its stored JSON texts. */
export interface SealedEvent {
  event: RecordedEvent;
  dataJson: string;
  /** Metadata without hash and prevHash, as hashed. */
  metadataJson: string;
}

export interface StreamHead {
  version: number;
  hash: string | null;
}

export const EMPTY_HEAD: StreamHead = { version: 0, hash: null };

const STREAM_NAME = /^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,199}$/;
const EVENT_TYPE = /^[A-Za-z][A-Za-z0-9_.:-]{0,99}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Kept below the smallest limit of the three backends (KurrentDB's default 16 MiB per append). */
export const MAX_EVENTS_PER_APPEND = 10_000;
const MAX_EVENT_BYTES = 8 * 1024 * 1024;

/** Checks an append's arguments; throws InvalidEventError naming the first bad field. */
export function validateAppend(stream: string, events: EventToAppend[], expected: ExpectedVersion): void {
  if (typeof stream !== 'string' || !STREAM_NAME.test(stream)) {
    throw new InvalidEventError('stream', 'must be 1-200 letters, digits or ._:@- and not start with a symbol');
  }
  if (!(expected === NO_STREAM || expected === ANY || (Number.isSafeInteger(expected) && expected >= 0))) {
    throw new InvalidEventError('expectedVersion', `must be "${NO_STREAM}", "${ANY}" or a version >= 0`);
  }
  if (!Array.isArray(events) || events.length === 0) throw new InvalidEventError('events', 'must hold at least one event');
  if (events.length > MAX_EVENTS_PER_APPEND) {
    throw new InvalidEventError('events', `must hold at most ${MAX_EVENTS_PER_APPEND} events in one append`);
  }
  events.forEach((event, index) => validateEvent(event, `events[${index}]`));
  const ids = events.map((e) => e.id?.toLowerCase()).filter(Boolean);
  if (new Set(ids).size !== ids.length) throw new InvalidEventError('events[].id', 'the same id appears twice in one append');
}

function validateEvent(event: EventToAppend, at: string): void {
  if (event === null || typeof event !== 'object') throw new InvalidEventError(at, 'must be an object');
  if (event.id !== undefined && (typeof event.id !== 'string' || !UUID.test(event.id))) {
    throw new InvalidEventError(`${at}.id`, 'must be a UUID');
  }
  if (typeof event.type !== 'string' || !EVENT_TYPE.test(event.type)) {
    throw new InvalidEventError(`${at}.type`, 'must be a name of letters, digits or ._:- starting with a letter');
  }
  if (event.data === undefined) throw new InvalidEventError(`${at}.data`, 'is required');
  const metadata = event.metadata;
  if (metadata === null || typeof metadata !== 'object') throw new InvalidEventError(`${at}.metadata`, 'must be an object');
  const actor = metadata.actor;
  if (!actor || typeof actor.id !== 'string' || actor.id === '' || typeof actor.role !== 'string' || actor.role === '') {
    throw new InvalidEventError(`${at}.metadata.actor`, 'must have a non-empty id and role');
  }
  if (metadata.occurredAt !== undefined && !isIsoInstant(metadata.occurredAt)) {
    throw new InvalidEventError(`${at}.metadata.occurredAt`, 'must be an ISO 8601 date-time');
  }
  for (const key of ['recordedAt', 'hash', 'prevHash'] as const) {
    if (key in metadata) throw new InvalidEventError(`${at}.metadata.${key}`, 'is set by the store, not the caller');
  }
}

function isIsoInstant(value: unknown): boolean {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value));
}

/**
 * Gives each event its id, version, recordedAt and place in the stream's hash chain, on top of
 * the stream's current head. Positions are filled in by the adapter once stored.
 */
export function seal(stream: string, head: StreamHead, events: EventToAppend[], recordedAt: Date): SealedEvent[] {
  const recorded = recordedAt.toISOString();
  const firstId = events[0].id?.toLowerCase() ?? randomUUID();
  let prevHash = head.hash;
  return events.map((input, index) => {
    const id = index === 0 ? firstId : (input.id?.toLowerCase() ?? randomUUID());
    const version = head.version + index + 1;
    const metadata = storedMetadata(input.metadata, recorded, firstId);
    const at = `events[${index}]`;
    const dataJson = jsonField(input.data, `${at}.data`);
    const metadataJson = metadataText(metadata, at);
    if (dataJson.length + metadataJson.length > MAX_EVENT_BYTES) {
      throw new InvalidEventError(at, `is larger than ${MAX_EVENT_BYTES / 1024 / 1024} MiB as JSON`);
    }
    const hash = chainHash(prevHash, canonicalEvent({ id, stream, version, type: input.type }, dataJson, metadataJson));
    metadata.hash = hash;
    metadata.prevHash = prevHash;
    const event: RecordedEvent = {
      id,
      stream,
      version,
      position: 0,
      type: input.type,
      data: input.data,
      metadata: metadata as EventMetadata,
    };
    prevHash = hash;
    return { event, dataJson, metadataJson };
  });
}

/** The metadata as stored and hashed: the caller's, with the store's defaults filled in. */
function storedMetadata(input: EventToAppend['metadata'], recordedAt: string, firstId: string): Record<string, unknown> {
  const metadata: Record<string, unknown> = {
    actor: { id: input.actor.id, role: input.actor.role },
    occurredAt: input.occurredAt ? new Date(input.occurredAt).toISOString() : recordedAt,
    recordedAt,
    correlationId: input.correlationId ?? firstId,
    causationId: input.causationId ?? null,
  };
  for (const key in input) if (!(key in metadata)) metadata[key] = input[key];
  return metadata;
}

const STANDARD_KEYS = 5;

/**
 * Canonical JSON of the metadata. The usual shape (only the five standard keys) is written
 * directly, in JCS key order, because it is most of an append's hashing cost; any other shape
 * goes through the general canonicaliser. Both give the same text for the same value.
 */
function metadataText(metadata: Record<string, unknown>, at: string): string {
  const { actor, causationId, correlationId, occurredAt, recordedAt } = metadata as {
    actor: { id: string; role: string };
    causationId: unknown;
    correlationId: unknown;
    occurredAt: string;
    recordedAt: string;
  };
  if (
    Object.keys(metadata).length !== STANDARD_KEYS ||
    typeof correlationId !== 'string' ||
    (causationId !== null && typeof causationId !== 'string')
  ) {
    return jsonField(metadata, `${at}.metadata`);
  }
  const text =
    `{"actor":{"id":${JSON.stringify(actor.id)},"role":${JSON.stringify(actor.role)}},"causationId":${JSON.stringify(causationId)},` +
    `"correlationId":${JSON.stringify(correlationId)},"occurredAt":"${occurredAt}","recordedAt":"${recordedAt}"}`;
  if (text.includes('\\u0000')) throw new InvalidEventError(`${at}.metadata`, 'must not contain the character U+0000');
  return text;
}

function jsonField(value: unknown, field: string): string {
  let json: string;
  try {
    json = canonicalJson(value, field);
  } catch (error) {
    throw new InvalidEventError(field, (error as Error).message.replace(`${field}: `, ''));
  }
  // PostgreSQL's jsonb and text cannot hold U+0000, so queries over its log would fail on it;
  // refusing it in every store keeps the adapters alike.
  if (json.includes('\\u0000')) throw new InvalidEventError(field, 'must not contain the character U+0000');
  return json;
}

/** Whether a stream at `head` is where the caller expected it; the caller checks for a retry before refusing. */
export function satisfies(expected: ExpectedVersion, head: StreamHead): boolean {
  if (expected === ANY) return true;
  if (expected === NO_STREAM) return head.version === 0;
  return head.version === expected;
}

/** Rebuilds a stored event's envelope from its columns. */
export function envelopeFromRow(row: {
  id: string;
  stream: string;
  version: number;
  position: number;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
  hash: string;
  prevHash: string | null;
}): RecordedEvent {
  return {
    id: row.id,
    stream: row.stream,
    version: row.version,
    position: row.position,
    type: row.type,
    data: row.data,
    metadata: { ...row.metadata, hash: row.hash, prevHash: row.prevHash } as EventMetadata,
  };
}
