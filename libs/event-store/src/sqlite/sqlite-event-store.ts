import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppendSignal, catchUp } from '../catch-up';
import { StoreUnavailableError, WrongExpectedVersionError } from '../errors';
import type {
  AppendResult,
  CheckpointStore,
  EventMetadata,
  EventStore,
  EventToAppend,
  ExpectedVersion,
  ReadStreamOptions,
  RecordedEvent,
  StoreHealth,
  SubscribeOptions,
} from '../event-store.port';
import { retriedAppend, suppliedIds } from '../idempotency';
import { inAskedOrder } from '../read-streams';
import { EMPTY_HEAD, satisfies, seal, validateAppend, type StreamHead } from '../seal';
import { SQLITE_SCHEMA } from './sqlite-schema';

export interface SqliteEventStoreOptions {
  /** Path of the database file, or ':memory:'. */
  file: string;
  /** How often a live subscription looks for events written by other processes. */
  pollIntervalMs?: number;
  /** What `recordedAt` is read from: the system clock, unless a test that moves time by hand gives its own. */
  clock?: { now(): Date };
}

/** A row as an array, in COLUMNS order: better-sqlite3 reads arrays faster than objects. */
type Row = [
  position: number,
  id: string,
  stream: string,
  version: number,
  type: string,
  data: string,
  metadata: string,
  hash: string,
  prevHash: string | null,
];

interface PendingAppend {
  stream: string;
  events: EventToAppend[];
  expected: ExpectedVersion;
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

const COLUMNS = 'position, id, stream, version, type, data, metadata, hash, prev_hash';

/**
 * The embedded default: one SQLite file in WAL mode with `synchronous = FULL`, so the WAL is
 * fsynced before an append is acknowledged and it survives a power cut, not only a crash.
 *
 * Appends that arrive in the same turn of the event loop are committed together (group commit):
 * each runs in its own savepoint, so one that conflicts fails alone, and all share one fsync.
 */
export class SqliteEventStore implements EventStore, CheckpointStore {
  readonly kind = 'sqlite' as const;
  readonly positionsAreGapless = true;
  readonly appended = new AppendSignal();
  readonly pollIntervalMs: number;
  private readonly clock: { now(): Date };
  private readonly db: Database.Database;
  private readonly statements;
  private pending: PendingAppend[] = [];

  constructor(options: SqliteEventStoreOptions) {
    this.pollIntervalMs = options.pollIntervalMs ?? 250;
    this.clock = options.clock ?? { now: () => new Date() };
    try {
      if (options.file !== ':memory:') mkdirSync(dirname(options.file), { recursive: true });
      this.db = new Database(options.file);
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = FULL');
      this.db.pragma('busy_timeout = 5000');
      // 16 MiB of page cache holds the index pages appends touch; a page it misses comes from the
      // OS's file cache. 64 MiB appended no faster, and reading a 1,000,000-event log on start-up
      // filled it, all resident in the app.
      this.db.pragma('cache_size = -16384');
      this.db.exec(SQLITE_SCHEMA);
    } catch (error) {
      throw new StoreUnavailableError(`cannot open SQLite file ${options.file}: ${(error as Error).message}`);
    }
    this.statements = this.prepare();
  }

  private prepare() {
    const db = this.db;
    return {
      head: db.prepare<[string], { version: number; hash: string }>(
        'SELECT version, hash FROM events WHERE stream = ? ORDER BY version DESC LIMIT 1',
      ),
      insert: db.prepare(
        'INSERT INTO events (id, stream, version, type, data, metadata, hash, prev_hash, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      byIds: db.prepare<[string], Row>(`SELECT ${COLUMNS} FROM events WHERE id IN (SELECT value FROM json_each(?))`).raw(true),
      stream: db
        .prepare<[string, number, number], Row>(`SELECT ${COLUMNS} FROM events WHERE stream = ? AND version >= ? ORDER BY version LIMIT ?`)
        .raw(true),
      streams: db
        .prepare<[string], Row>(`SELECT ${COLUMNS} FROM events WHERE stream IN (SELECT value FROM json_each(?)) ORDER BY stream, version`)
        .raw(true),
      all: db.prepare<[number, number], Row>(`SELECT ${COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`).raw(true),
      headPosition: db.prepare<[], { position: number | null }>('SELECT MAX(position) AS position FROM events'),
      lastAssigned: db.prepare<[], { seq: number }>(`SELECT seq FROM sqlite_sequence WHERE name = 'events'`),
      loadCheckpoint: db.prepare<[string], { position: number }>('SELECT position FROM checkpoints WHERE subscriber = ?'),
      saveCheckpoint: db.prepare(
        `INSERT INTO checkpoints (subscriber, position, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (subscriber) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at`,
      ),
    };
  }

  async append(stream: string, events: EventToAppend[], expectedVersion: ExpectedVersion): Promise<AppendResult> {
    validateAppend(stream, events, expectedVersion);
    return new Promise((resolve, reject) => {
      if (this.pending.length === 0) setImmediate(() => this.commitPending());
      this.pending.push({ stream, events, expected: expectedVersion, resolve, reject });
    });
  }

  private commitPending(): void {
    const batch = this.pending;
    this.pending = [];
    const outcomes: Array<() => void> = [];
    try {
      this.db.exec('BEGIN IMMEDIATE');
      for (const request of batch) outcomes.push(this.appendInSavepoint(request));
      this.db.exec('COMMIT');
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      for (const request of batch) request.reject(error);
      return;
    }
    for (const settle of outcomes) settle();
    this.appended.notify();
  }

  /** Applies one append inside the open transaction; returns how to settle its promise after COMMIT. */
  private appendInSavepoint(request: PendingAppend): () => void {
    this.db.exec('SAVEPOINT append');
    try {
      const result = this.write(request);
      this.db.exec('RELEASE append');
      return () => request.resolve(result);
    } catch (error) {
      this.db.exec('ROLLBACK TO append');
      this.db.exec('RELEASE append');
      return () => request.reject(error);
    }
  }

  private write({ stream, events, expected }: PendingAppend): AppendResult {
    const retry = this.retried(stream, events);
    if (retry) return retry;
    const head: StreamHead = this.statements.head.get(stream) ?? EMPTY_HEAD;
    if (!satisfies(expected, head)) throw new WrongExpectedVersionError(stream, expected, head.version);
    const sealed = seal(stream, head, events, this.clock.now());
    for (const { event, dataJson, metadataJson } of sealed) {
      const info = this.statements.insert.run(
        event.id,
        stream,
        event.version,
        event.type,
        dataJson,
        metadataJson,
        event.metadata.hash,
        event.metadata.prevHash,
        event.metadata.recordedAt,
      );
      event.position = Number(info.lastInsertRowid);
    }
    const last = sealed[sealed.length - 1].event;
    return { stream, version: last.version, position: last.position, events: sealed.map((s) => s.event) };
  }

  private retried(stream: string, events: EventToAppend[]): AppendResult | null {
    const ids = suppliedIds(events);
    if (ids.length === 0) return null;
    return retriedAppend(stream, events, this.statements.byIds.all(JSON.stringify(ids)).map(toEnvelope));
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const { fromVersion = 1, limit = Number.MAX_SAFE_INTEGER } = options;
    return this.statements.stream.all(stream, fromVersion, limit).map(toEnvelope);
  }

  async readStreams(streams: readonly string[]): Promise<RecordedEvent[][]> {
    return inAskedOrder(streams, this.statements.streams.all(JSON.stringify(streams)).map(toEnvelope));
  }

  async readAll(after: number, limit: number): Promise<RecordedEvent[]> {
    return this.statements.all.all(after, limit).map(toEnvelope);
  }

  subscribe(after: number, options?: SubscribeOptions): AsyncIterable<RecordedEvent> {
    return catchUp(this, after, options);
  }

  async headPosition(): Promise<number> {
    return this.statements.headPosition.get()?.position ?? 0;
  }

  /** The last position AUTOINCREMENT handed out: above the newest event only if events were deleted. */
  async lastAssignedPosition(): Promise<number> {
    return this.statements.lastAssigned.get()?.seq ?? 0;
  }

  async load(subscriber: string): Promise<number> {
    return this.statements.loadCheckpoint.get(subscriber)?.position ?? 0;
  }

  async save(subscriber: string, position: number): Promise<void> {
    this.statements.saveCheckpoint.run(subscriber, position, new Date().toISOString());
  }

  async health(): Promise<StoreHealth> {
    try {
      this.db.prepare('SELECT 1').get();
      return { status: 'up', store: this.kind, detail: this.db.name };
    } catch (error) {
      return { status: 'down', store: this.kind, detail: (error as Error).message };
    }
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

function toEnvelope([position, id, stream, version, type, data, metadata, hash, prevHash]: Row): RecordedEvent {
  const stored = JSON.parse(metadata) as EventMetadata;
  stored.hash = hash;
  stored.prevHash = prevHash;
  return { id, stream, version, position, type, data: JSON.parse(data), metadata: stored };
}
