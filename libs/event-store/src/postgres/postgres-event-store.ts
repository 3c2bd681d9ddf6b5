import { Client, Pool, type PoolClient } from 'pg';
import { AppendSignal, catchUp } from '../catch-up';
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
import { ANY } from '../event-store.port';
import { inAskedOrder } from '../read-streams';
import { retriedAppend, suppliedIds } from '../idempotency';
import { EMPTY_HEAD, satisfies, seal, validateAppend, type StreamHead } from '../seal';
import { reachable } from './postgres-errors';
import { SafeLogReader } from './postgres-log-reader';
import { AppendNotifier } from './postgres-notifier';
import { columns, selectEvents } from './postgres-rows';
import { postgresNames, postgresSchema, type PostgresNames } from './postgres-schema';

export interface PostgresEventStoreOptions {
  connectionString: string;
  /** Schema holding the tables; created on first start. */
  schema?: string;
  poolSize?: number;
  /** Safety poll for a live subscription, should a notification be missed. */
  pollIntervalMs?: number;
}

const UNIQUE_VIOLATION = '23505';
const ANY_RETRIES = 5;
const HEAD_CACHE_SIZE = 10_000;

/**
 * PostgreSQL adapter. Appends run concurrently, each one statement; readers read through
 * SafeLogReader, which explains how a subscriber never skips an event that committed late.
 */
export class PostgresEventStore implements EventStore, CheckpointStore {
  readonly kind = 'postgres' as const;
  readonly positionsAreGapless = false;
  readonly appended = new AppendSignal();
  readonly pollIntervalMs: number;
  private readonly pool: Pool;
  private readonly names: PostgresNames;
  private listener: Client | null = null;
  /** The head of each stream this instance appended to lately, to save a read per append. */
  private readonly heads = new Map<string, StreamHead>();
  private readonly reader: SafeLogReader;
  private readonly notifier: AppendNotifier;

  private constructor(private readonly options: PostgresEventStoreOptions) {
    this.names = postgresNames(options.schema ?? 'actionplans');
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.pool = new Pool({ connectionString: options.connectionString, max: options.poolSize ?? 10, connectionTimeoutMillis: 10_000 });
    this.pool.on('error', () => undefined); // an idle client's lost connection is replaced on next use
    // A client in use whose connection is lost fails its query, which reaches the caller, and then
    // emits 'error' too: unheard, that second report would end the process.
    this.pool.on('connect', (client) => client.on('error', () => undefined));
    this.reader = new SafeLogReader(this.pool, this.names, this.appended);
    this.notifier = new AppendNotifier(this.pool, this.names.channel);
  }

  /** Connects, creates the schema if needed, and listens for appends by any process. */
  static async open(options: PostgresEventStoreOptions): Promise<PostgresEventStore> {
    const store = new PostgresEventStore(options);
    try {
      await store.migrate();
      await store.listen();
    } catch (error) {
      await store.close();
      throw new StoreUnavailableError(`cannot use PostgreSQL: ${(error as Error).message}`);
    }
    return store;
  }

  /** Creates the schema unless it is complete: DDL on a live table would block its appends. */
  private async migrate(): Promise<void> {
    const installed = await this.pool.query<{ events: string | null; checkpoints: string | null }>(
      'SELECT to_regclass($1) AS events, to_regclass($2) AS checkpoints',
      [this.names.events, this.names.checkpoints],
    );
    if (installed.rows[0].events && installed.rows[0].checkpoints) return;
    await this.transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [this.names.migrationLockKey]);
      await client.query(postgresSchema(this.names));
    });
  }

  private async listen(): Promise<void> {
    this.listener = new Client({ connectionString: this.options.connectionString });
    this.listener.on('error', () => undefined); // the safety poll carries on; see pollIntervalMs
    // Our own appends already woke our subscribers when they committed.
    this.listener.on('notification', ({ payload }) => payload !== this.notifier.sender && this.appended.notify());
    await this.listener.connect();
    await this.listener.query(`LISTEN ${this.names.channel}`);
  }

  /** When PostgreSQL cannot be reached, throws StoreUnavailableError (see its `outcomeUnknown`). */
  async append(stream: string, events: EventToAppend[], expectedVersion: ExpectedVersion): Promise<AppendResult> {
    validateAppend(stream, events, expectedVersion);
    return reachable(() => this.appendChecked(stream, events, expectedVersion));
  }

  private async appendChecked(stream: string, events: EventToAppend[], expectedVersion: ExpectedVersion): Promise<AppendResult> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.write(stream, events, expectedVersion);
      } catch (error) {
        this.heads.delete(stream);
        if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
        // Another append took the same versions (or ids) first: a retry of ours, or a conflict.
        const retry = await this.retried(stream, events);
        if (retry) return retry;
        if (expectedVersion !== ANY || attempt >= ANY_RETRIES) {
          throw new WrongExpectedVersionError(stream, expectedVersion, (await this.head(stream)).version);
        }
      }
    }
  }

  private async write(stream: string, events: EventToAppend[], expected: ExpectedVersion): Promise<AppendResult> {
    let head = this.heads.get(stream) ?? (await this.head(stream));
    // The cached head may be behind another process's appends: look again before refusing.
    if (!satisfies(expected, head) && this.heads.has(stream)) head = await this.head(stream);
    if (!satisfies(expected, head)) {
      const retry = await this.retried(stream, events);
      if (retry) return retry;
      throw new WrongExpectedVersionError(stream, expected, head.version);
    }
    const sealed = seal(stream, head, events, new Date());
    // One statement, its own transaction. The shared lock (see SafeLogReader) is taken by the
    // materialised CTE, which the sorted SELECT reads in full before any row reaches the INSERT
    // and its sequence default: no position is drawn before the lock is held. A stale cached head
    // cannot fork a stream: the (stream, version) unique index refuses the insert.
    const { rows } = await this.insert(
      `WITH shared_lock AS MATERIALIZED (SELECT pg_advisory_xact_lock_shared($1::bigint))
       INSERT INTO ${this.names.events} (id, stream, version, type, data, metadata, hash, prev_hash, recorded_at)
       SELECT e.id, $2, e.version, e.type, e.data, e.metadata, e.hash, e.prev_hash, $3
       FROM unnest($4::uuid[], $5::bigint[], $6::text[], $7::json[], $8::json[], $9::text[], $10::text[])
         AS e(id, version, type, data, metadata, hash, prev_hash), shared_lock
       ORDER BY e.version RETURNING position, version`,
      [this.names.lockKey, stream, sealed[0].event.metadata.recordedAt, ...columns(sealed)],
    );
    const positions = new Map(rows.map((row) => [Number(row.version), Number(row.position)]));
    for (const { event } of sealed) event.position = positions.get(event.version)!;
    const last = sealed[sealed.length - 1].event;
    this.rememberHead(stream, { version: last.version, hash: last.metadata.hash });
    this.appended.notify();
    this.notifier.notify();
    return { stream, version: last.version, position: last.position, events: sealed.map((s) => s.event) };
  }

  /**
   * Runs the append's statement on a connection of its own: losing the server before the
   * statement is sent has written nothing, losing it after leaves the outcome unknown.
   */
  private async insert(text: string, values: unknown[]): Promise<{ rows: Array<{ position: string; version: string }> }> {
    const client = await this.pool.connect();
    try {
      return await reachable(() => client.query<{ position: string; version: string }>(text, values), true);
    } finally {
      client.release();
    }
  }

  private rememberHead(stream: string, head: StreamHead): void {
    this.heads.delete(stream);
    this.heads.set(stream, head);
    if (this.heads.size > HEAD_CACHE_SIZE) this.heads.delete(this.heads.keys().next().value!);
  }

  private async head(stream: string): Promise<StreamHead> {
    const { rows } = await this.pool.query<{ version: string; hash: string }>(
      `SELECT version, hash FROM ${this.names.events} WHERE stream = $1 ORDER BY version DESC LIMIT 1`,
      [stream],
    );
    return rows[0] ? { version: Number(rows[0].version), hash: rows[0].hash } : EMPTY_HEAD;
  }

  private async retried(stream: string, events: EventToAppend[]): Promise<AppendResult | null> {
    const ids = suppliedIds(events);
    if (ids.length === 0) return null;
    return retriedAppend(stream, events, await selectEvents(this.pool, this.names.events, 'WHERE id = ANY($1::uuid[])', [ids]));
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const { fromVersion = 1, limit = null } = options;
    return reachable(() =>
      selectEvents(this.pool, this.names.events, 'WHERE stream = $1 AND version >= $2 ORDER BY version LIMIT $3', [
        stream,
        fromVersion,
        limit,
      ]),
    );
  }

  async readStreams(streams: readonly string[]): Promise<RecordedEvent[][]> {
    const events = await reachable(() =>
      selectEvents(this.pool, this.names.events, 'WHERE stream = ANY($1::text[]) ORDER BY stream, version', [streams]),
    );
    return inAskedOrder(streams, events);
  }

  /** An empty page means nothing is readable after `after` now (callers may stop at it). */
  readAll(after: number, limit: number): Promise<RecordedEvent[]> {
    return reachable(() => this.reader.readAll(after, limit));
  }

  subscribe(after: number, options?: SubscribeOptions): AsyncIterable<RecordedEvent> {
    return catchUp(this, after, options);
  }

  async headPosition(): Promise<number> {
    return reachable(() => this.reader.refreshSafePosition());
  }

  async load(subscriber: string): Promise<number> {
    const { rows } = await reachable(() =>
      this.pool.query<{ position: string }>(`SELECT position FROM ${this.names.checkpoints} WHERE subscriber = $1`, [subscriber]),
    );
    return rows[0] ? Number(rows[0].position) : 0;
  }

  async save(subscriber: string, position: number): Promise<void> {
    await reachable(() =>
      this.pool.query(
        `INSERT INTO ${this.names.checkpoints} (subscriber, position, updated_at) VALUES ($1, $2, now())
       ON CONFLICT (subscriber) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at`,
        [subscriber, position],
      ),
    );
  }

  async health(): Promise<StoreHealth> {
    try {
      await this.pool.query('SELECT 1');
      return { status: 'up', store: this.kind, detail: `schema ${this.names.schema}` };
    } catch (error) {
      return { status: 'down', store: this.kind, detail: (error as Error).message };
    }
  }

  async close(): Promise<void> {
    await this.listener?.end().catch(() => undefined);
    this.listener = null;
    await this.pool.end();
  }

  private async transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}
