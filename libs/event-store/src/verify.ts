import type { EventStore, RecordedEvent } from './event-store.port';
import { hashOf } from './hash-chain';

export type VerifyResult =
  { ok: true; events: number; streams: number } | { ok: false; events: number; streams: number; break: ChainBreak };

export interface ChainBreak {
  /** The stream and version where the chain first fails, or null for a missing global position. */
  stream: string | null;
  version: number | null;
  position: number;
  problem: string;
}

/** The last verified event of a stream. */
export interface ChainHead {
  version: number;
  hash: string;
}

/**
 * The hash chains of the streams in a sequence of events read in order (the global log, or an
 * audit bundle): each event must be the next link of its stream's chain. Shared by `verifyLog`
 * and `verifyBundle` so both apply exactly the same rules.
 */
export class StreamChains {
  private readonly heads = new Map<string, ChainHead>();

  /** Checks that `event` follows its stream's last event and, if it does, makes it the stream's head. */
  follow(event: RecordedEvent): ChainBreak | undefined {
    const found = checkLink(this.heads.get(event.stream), event);
    if (!found) this.heads.set(event.stream, { version: event.version, hash: event.metadata.hash });
    return found;
  }

  head(stream: string): ChainHead | undefined {
    return this.heads.get(stream);
  }

  /** Every stream seen, in the order first seen, with its head. */
  entries(): IterableIterator<[string, ChainHead]> {
    return this.heads.entries();
  }

  get streams(): number {
    return this.heads.size;
  }
}

/**
 * Walks the whole global log and checks every stream's hash chain: versions run 1, 2, 3…, each
 * event names its predecessor's hash, and each hash matches the event's content. Where the store
 * promises gapless positions, a missing position (a deleted event) is a break too.
 */
export async function verifyLog(store: EventStore & { lastAssignedPosition?(): Promise<number> }, pageSize = 1000): Promise<VerifyResult> {
  const chains = new StreamChains();
  let events = 0;
  let lastPosition = 0;
  // A missing position is reported only if no stream names the break more precisely.
  let gap: ChainBreak | undefined;
  const result = (found?: ChainBreak): VerifyResult =>
    found ? { ok: false, events, streams: chains.streams, break: found } : { ok: true, events, streams: chains.streams };

  for (let page = await store.readAll(0, pageSize); page.length > 0; page = await store.readAll(lastPosition, pageSize)) {
    for (const event of page) {
      if (store.positionsAreGapless && event.position !== lastPosition + 1) gap ??= missingPosition(lastPosition + 1);
      const found = chains.follow(event);
      if (found) return result(found);
      events += 1;
      lastPosition = event.position;
    }
  }
  const assigned = (await store.lastAssignedPosition?.()) ?? lastPosition;
  if (assigned > lastPosition) gap ??= missingPosition(lastPosition + 1);
  return result(gap);
}

/** One stream as `verifyStreams` found it: how many events, and the hash of the last one that checked out. */
export interface StreamCheck {
  stream: string;
  events: number;
  headHash: string | null;
}

export type StreamsVerification =
  { ok: true; events: number; streams: StreamCheck[] } | { ok: false; events: number; streams: StreamCheck[]; break: ChainBreak };

/**
 * Checks the hash chains of the named streams only (one plan's, say), read from the store each in
 * full, with the same rules as `verifyLog`. It cannot see a missing global position, nor the
 * newest events of a stream cut off: those need the whole log, or a head hash kept elsewhere.
 */
export async function verifyStreams(store: EventStore, streams: string[]): Promise<StreamsVerification> {
  const checked: StreamCheck[] = [];
  let events = 0;
  for (const stream of streams) {
    const chains = new StreamChains();
    const check: StreamCheck = { stream, events: 0, headHash: null };
    checked.push(check);
    for (const event of await store.readStream(stream)) {
      const found = chains.follow(event);
      if (found) return { ok: false, events, streams: checked, break: found };
      check.events += 1;
      check.headHash = event.metadata.hash;
      events += 1;
    }
  }
  return { ok: true, events, streams: checked };
}

/**
 * Whether `event` is the next link after `previous` (undefined: the stream's first event):
 * the next version, naming the previous hash, with a hash that matches its content.
 */
export function checkLink(previous: ChainHead | undefined, event: RecordedEvent): ChainBreak | undefined {
  const at = { stream: event.stream, version: event.version, position: event.position };
  const expectedVersion = (previous?.version ?? 0) + 1;
  if (event.version !== expectedVersion) {
    return { ...at, problem: `version ${expectedVersion} is missing or out of order (found version ${event.version} next)` };
  }
  if (event.metadata.prevHash !== (previous?.hash ?? null)) {
    return { ...at, problem: 'prevHash does not match the hash of the previous event: an event was removed or replaced' };
  }
  const { hash, prevHash, ...hashed } = event.metadata;
  if (hashOf(prevHash, { ...event, metadata: hashed }) !== hash) {
    return { ...at, problem: 'the event does not match its hash: its content was altered' };
  }
  return undefined;
}

function missingPosition(position: number): ChainBreak {
  return { stream: null, version: null, position, problem: `global position ${position} is missing: an event was deleted` };
}

/** One line for people: `verified N events in M streams`, or where the chain breaks. */
export function describeVerification(result: VerifyResult): string {
  if (result.ok) return `verified ${result.events} events in ${result.streams} streams`;
  return `tampering found at ${describeWhere(result.break)}: ${result.break.problem}`;
}

/** `stream S version V (position P)`, or `position P` for a break no stream names. */
export function describeWhere({ stream, version, position }: Pick<ChainBreak, 'stream' | 'version' | 'position'>): string {
  return stream ? `stream ${stream} version ${version} (position ${position})` : `position ${position}`;
}
