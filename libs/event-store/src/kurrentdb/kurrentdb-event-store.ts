import {
  BACKWARDS,
  END,
  KurrentDBClient,
  WrongExpectedVersionError as KurrentWrongExpectedVersion,
  type CurrentStreamState,
  type ReadAllOptions,
  type ReadStreamOptions as KurrentReadOptions,
} from '@kurrent/kurrentdb-client';
import { StoreUnavailableError, WrongExpectedVersionError } from '../errors';
import type {
  AppendResult,
  CheckpointStore,
  EventStore,
  EventToAppend,
  ExpectedVersion,
  ReadStreamOptions,
  RecordedEvent,
  StoreHealth,
  SubscribeOptions,
} from '../event-store.port';
import { ANY, NO_STREAM } from '../event-store.port';
import { retriedAppend, suppliedIds } from '../idempotency';
import { EMPTY_HEAD, satisfies, seal, validateAppend, type StreamHead } from '../seal';
import { KurrentDbCheckpoints } from './kurrentdb-checkpoints';
import { readRecords } from './kurrentdb-reads';
import { applicationStreams, isApplicationEvent, readFrom, storeError, toEnvelope, toEventData } from './kurrentdb-records';
import { subscribeToApplicationEvents } from './kurrentdb-subscription';

export interface KurrentDbEventStoreOptions {
  /** e.g. `kurrentdb://admin:changeit@localhost:2113?tls=false`; reading $all needs an admin user. */
  connectionString: string;
}

/** How often an ANY append re-reads the head after losing a race before it gives up. */
const ANY_ATTEMPTS = 5;
/** How far back from the end a retried ANY append is looked for: there is no index by event id. */
const RETRY_WINDOW = 256;

/**
 * KurrentDB adapter. Every append names the exact revision the hash chain was sealed on, even
 * when the caller said ANY, so two writers can never chain onto the same predecessor.
 */
export class KurrentDbEventStore implements EventStore, CheckpointStore {
  readonly kind = 'kurrentdb' as const;
  /** Positions are byte offsets in KurrentDB's log, far apart and not consecutive. */
  readonly positionsAreGapless = false;
  private readonly client: KurrentDBClient;
  private readonly checkpoints: KurrentDbCheckpoints;
  private closed = false;

  constructor(options: KurrentDbEventStoreOptions) {
    this.client = KurrentDBClient.connectionString(options.connectionString);
    this.checkpoints = new KurrentDbCheckpoints(this.client);
  }

  /** Connects, asks once, and disconnects: for a start-up check without keeping a client. */
  static async probe(connectionString: string): Promise<StoreHealth> {
    const store = new KurrentDbEventStore({ connectionString });
    try {
      return await store.health();
    } finally {
      await store.close();
    }
  }

  async append(stream: string, events: EventToAppend[], expectedVersion: ExpectedVersion): Promise<AppendResult> {
    validateAppend(stream, events, expectedVersion);
    try {
      return await this.appendOnHead(stream, events, expectedVersion);
    } catch (error) {
      throw storeError(error);
    }
  }

  private async appendOnHead(stream: string, events: EventToAppend[], expected: ExpectedVersion): Promise<AppendResult> {
    for (let attempt = 1; ; attempt += 1) {
      const head = await this.head(stream);
      if (!satisfies(expected, head)) return this.conflict(stream, events, expected, head.version);
      // With ANY the head moves past a stored earlier attempt, so look for one before writing again.
      const earlier = expected === ANY && head.version > 0 ? await this.retried(stream, events, ANY) : null;
      if (earlier) return earlier;
      const written = await this.write(stream, head, events);
      if (typeof written !== 'number') return written;
      if (expected !== ANY || attempt >= ANY_ATTEMPTS) return this.conflict(stream, events, expected, written);
    }
  }

  /** Appends on top of `head`; returns the stored result, or the stream's actual version on a conflict. */
  private async write(stream: string, head: StreamHead, events: EventToAppend[]): Promise<AppendResult | number> {
    const sealed = seal(stream, head, events, new Date());
    const streamState = head.version === 0 ? NO_STREAM : BigInt(head.version - 1);
    try {
      await this.client.appendToStream(stream, sealed.map(toEventData), { streamState });
    } catch (error) {
      if (error instanceof KurrentWrongExpectedVersion) return versionOf(error.actualState);
      throw error;
    }
    // Positions are known only once stored; reading back also returns exactly what was stored.
    const stored = (await this.read(stream, { fromRevision: BigInt(head.version), maxCount: sealed.length }, true)).map(toEnvelope);
    const last = stored[stored.length - 1];
    if (stored.length !== sealed.length) throw new StoreUnavailableError(`${stream}: the appended events cannot be read back`);
    return { stream, version: last.version, position: last.position, events: stored };
  }

  /** A conflict may be the retry of an append that succeeded: then its first result is returned. */
  private async conflict(stream: string, events: EventToAppend[], expected: ExpectedVersion, actual: number): Promise<AppendResult> {
    const earlier = await this.retried(stream, events, expected);
    if (earlier) return earlier;
    throw new WrongExpectedVersionError(stream, expected, actual);
  }

  /** Looks for the append's ids where an earlier attempt with the same expectation would have put them. */
  private async retried(stream: string, events: EventToAppend[], expected: ExpectedVersion): Promise<AppendResult | null> {
    const ids = new Set(suppliedIds(events));
    if (ids.size === 0) return null;
    const range: KurrentReadOptions =
      expected === ANY
        ? { direction: BACKWARDS, fromRevision: END, maxCount: events.length + RETRY_WINDOW }
        : { fromRevision: BigInt(expected === NO_STREAM ? 0 : expected), maxCount: events.length };
    const candidates = (await this.read(stream, range, true)).map(toEnvelope);
    return retriedAppend(
      stream,
      events,
      candidates.filter((event) => ids.has(event.id.toLowerCase())),
    );
  }

  private read(stream: string, options: KurrentReadOptions, fromLeader = false) {
    return readRecords(this.client, stream, options, fromLeader);
  }

  private async head(stream: string): Promise<StreamHead> {
    const [last] = await this.read(stream, { direction: BACKWARDS, fromRevision: END, maxCount: 1 }, true);
    if (!last) return EMPTY_HEAD;
    const event = toEnvelope(last);
    return { version: event.version, hash: event.metadata.hash || null };
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const { fromVersion = 1, limit = Number.MAX_SAFE_INTEGER } = options;
    if (limit <= 0) return [];
    try {
      return (await this.read(stream, { fromRevision: BigInt(Math.max(fromVersion, 1) - 1), maxCount: limit })).map(toEnvelope);
    } catch (error) {
      throw storeError(error);
    }
  }

  /** KurrentDB reads one stream per call; the reads go out together over the one connection. */
  readStreams(streams: readonly string[]): Promise<RecordedEvent[][]> {
    return Promise.all(streams.map((stream) => this.readStream(stream)));
  }

  async readAll(after: number, limit: number): Promise<RecordedEvent[]> {
    if (limit <= 0) return [];
    try {
      // A read starting at a position includes the event there: ask for one more, drop `after`.
      const page = await this.readLog({ fromPosition: readFrom(after), maxCount: limit + 1 });
      return page.filter((event) => event.position > after).slice(0, limit);
    } catch (error) {
      throw storeError(error);
    }
  }

  private async readLog(options: ReadAllOptions): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    for await (const resolved of this.client.readAll({ ...options, filter: applicationStreams() })) {
      if (resolved.event && isApplicationEvent(resolved.event)) events.push(toEnvelope(resolved.event));
    }
    return events;
  }

  subscribe(after: number, options?: SubscribeOptions): AsyncIterable<RecordedEvent> {
    return subscribeToApplicationEvents(this.client, after, options);
  }

  async headPosition(): Promise<number> {
    try {
      // A few, in case the newest in an application stream is a system event the type guard drops.
      const [last] = await this.readLog({ direction: BACKWARDS, fromPosition: END, maxCount: 16 });
      return last?.position ?? 0;
    } catch (error) {
      throw storeError(error);
    }
  }

  load(subscriber: string): Promise<number> {
    return this.checkpoints.load(subscriber);
  }

  save(subscriber: string, position: number): Promise<void> {
    return this.checkpoints.save(subscriber, position);
  }

  /** Up when one read of $all (the cheapest call that needs a working node) answers. */
  async health(): Promise<StoreHealth> {
    try {
      for await (const _ of this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 })) break;
      return { status: 'up', store: this.kind };
    } catch (error) {
      return { status: 'down', store: this.kind, detail: (error as Error).message };
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.client.dispose();
  }
}

/** The client reports a revision (0-based) or no stream; deleted streams come back negative. */
function versionOf(actual: CurrentStreamState): number {
  return actual === 'no_stream' ? 0 : Math.max(0, Number(actual) + 1);
}
