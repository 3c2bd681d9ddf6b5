/** Who did something: a user id (or `system`) and the role they acted in. */
export interface Actor {
  id: string;
  role: string;
}

/** Metadata a caller supplies; the store adds `recordedAt`, `hash` and `prevHash`. */
export interface EventMetadataInput {
  actor: Actor;
  /** Business time (ISO 8601). Defaults to the time of recording; may be backdated. */
  occurredAt?: string;
  /** Shared by every event caused by one request. Defaults to the first event's id. */
  correlationId?: string;
  /** The event or command that caused this one, if any. */
  causationId?: string | null;
  /** Anything else the caller wants kept with the event (e.g. a backdating reason). */
  [extra: string]: unknown;
}

export interface EventToAppend<Data = unknown> {
  /** A UUID. Supplying it makes a retried append idempotent; generated when absent. */
  id?: string;
  /** Past tense, a stored contract: `ProgressUpdated`. */
  type: string;
  data: Data;
  metadata: EventMetadataInput;
}

export interface EventMetadata extends EventMetadataInput {
  occurredAt: string;
  /** When the store accepted the event (ISO 8601), set by the store. */
  recordedAt: string;
  correlationId: string;
  causationId: string | null;
  /** SHA-256 (hex) over `prevHash` and the canonical JSON of this event. */
  hash: string;
  /** The hash of the previous event in the same stream; null for the first. */
  prevHash: string | null;
}

/** The envelope every stored event is read back in. */
export interface RecordedEvent<Data = unknown> {
  id: string;
  stream: string;
  /** 1-based and contiguous within the stream. */
  version: number;
  /** Global position: unique and increasing in the order of the global log. */
  position: number;
  type: string;
  data: Data;
  metadata: EventMetadata;
}

/** No stream yet. */
export const NO_STREAM = 'no_stream' as const;
/** Whatever the stream's version is: no concurrency check. */
export const ANY = 'any' as const;
/**
 * What the caller believes the stream's version is: `NO_STREAM`, `ANY`, or the exact version
 * (the number of events in the stream) the caller decided on.
 */
export type ExpectedVersion = typeof NO_STREAM | typeof ANY | number;

export interface AppendResult {
  stream: string;
  /** The stream's version after the append. */
  version: number;
  /** Global position of the last event appended: the point a reader must reach to see it. */
  position: number;
  events: RecordedEvent[];
}

export interface ReadStreamOptions {
  /** First version to return (1-based, inclusive). Defaults to 1. */
  fromVersion?: number;
  limit?: number;
}

export interface SubscribeOptions {
  /** Stops the subscription; the iterator then ends without an error. */
  signal?: AbortSignal;
  /** How many events to read at a time while catching up. */
  batchSize?: number;
}

export interface StoreHealth {
  status: 'up' | 'down';
  store: EventStoreKind;
  detail?: string;
}

export type EventStoreKind = 'sqlite' | 'postgres' | 'kurrentdb';

/**
 * The event store port. Every adapter passes the same contract suite
 * (`contract/event-store.contract.ts`).
 */
export interface EventStore {
  readonly kind: EventStoreKind;
  /**
   * True where every global position from 1 to the last one is an event that was committed,
   * so a missing position means a deleted event (SQLite). `verify` uses it.
   */
  readonly positionsAreGapless: boolean;

  /**
   * Appends events to one stream, atomically, if the stream is at `expectedVersion`.
   * @throws WrongExpectedVersionError when it is not (nothing is appended).
   * @throws InvalidEventError naming the field, for bad input (nothing is appended).
   */
  append(stream: string, events: EventToAppend[], expectedVersion: ExpectedVersion): Promise<AppendResult>;

  /** Reads one stream forwards. A stream that does not exist reads as empty. */
  readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;

  /**
   * Reads several whole streams at once (a plan and its actions), one array per stream in the
   * order asked; a stream that does not exist reads as empty. One query where the store allows,
   * instead of one round trip per stream.
   */
  readStreams(streams: readonly string[]): Promise<RecordedEvent[][]>;

  /** Reads the global log forwards: up to `limit` events with a position greater than `after`. */
  readAll(after: number, limit: number): Promise<RecordedEvent[]>;

  /**
   * Catch-up subscription to the global log: every event after `after`, in order, then goes on
   * live until the signal aborts.
   */
  subscribe(after: number, options?: SubscribeOptions): AsyncIterable<RecordedEvent>;

  /** The global position of the newest event (0 when empty). */
  headPosition(): Promise<number>;

  health(): Promise<StoreHealth>;

  close(): Promise<void>;
}

/** Where a named subscriber keeps the position of the last event it handled. */
export interface CheckpointStore {
  load(subscriber: string): Promise<number>;
  save(subscriber: string, position: number): Promise<void>;
}
