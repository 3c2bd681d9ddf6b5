import { Client, Pool, type PoolClient } from 'pg';
import { AppendSignal, catchUp } from '../catch-up';
import { StoreUnavailableError, WrongExpectedVersionError } from '../errors';
import type {
  AppendResult, CheckpointStore, EventStore, EventToAppend, ExpectedVersion, ReadStreamOptions, RecordedEvent,
  StoreHealth, SubscribeOptions,
} from '../event-store.port';
import { ANY } from '../event-store.port';
import { retriedAppend, suppliedIds } from '../idempotency';
import { EMPTY_HEAD, envelopeFromRow, satisfies, seal, validateAppend, type SealedEvent, type StreamHead } from '../seal';
import { postgresNames, postgresSchema, type PostgresNames } from './postgres-schema';

export interface PostgresEventStoreOptions {
  connectionString: string;
  /** Schema holding the tables; created on first start. */
  schema?: string;
  poolSize?: number;
  /** Safety poll for a live subscription, should a notification be missed. */
  pollIntervalMs?: number;
}

interface Row {
  position: string; id: string; stream: string; version: string; type: string;
  data: unknown; metadata: Record<string, unknown>; hash: string; prev_hash: string | null;
}

const COLUMNS = 'position, id, stream, version, type, data, metadata, hash, prev_hash';
const UNIQUE_VIOLATION = '23505';
const ANY_RETRIES = 5;
const LOCK_NOT_AVAILABLE = '55P03';

/**
 * PostgreSQL adapter.
 *
 * Why a subscriber never skips an event: positions come from a sequence when a row is inserted,
 * but transactions commit in any order, so position 11 can become visible while 10 is still
 * uncommitted; a reader that moved its checkpoint to 11 would never see 10. Every append
 * therefore holds a *shared* advisory lock (per schema) for its whole transaction, taken before
 * anything else. Readers only read up to a "safe" high-water mark, which they take while holding
 * the *exclusive* form of that lock: at that instant no append is in flight, so every position
 * at or below the largest one then visible is final (committed, or rolled back for good).
 * Appends still run concurrently with each other (and share fsyncs through group commit); they
 * wait only for the brief moment a reader takes the mark, and only when a reader has caught up.
 */
export class PostgresEventStore implements EventStore, CheckpointStore {
  readonly kind = 'postgres' as const;
  readonly positionsAreGapless = false;
  readonly appended = new AppendSignal();
  readonly pollIntervalMs: number;
  private readonly pool: Pool;
  private readonly names: PostgresNames;
  private safePosition = 0;
  private refreshing: Promise<number> | null = null;
  private listener: Client | null = null;

  private constructor(private readonly options: PostgresEventStoreOptions) {
    this.names = postgresNames(options.schema ?? 'actionplans');
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.pool = new Pool({ connectionString: options.connectionString, max: options.poolSize ?? 10 });
    this.pool.on('error', () => undefined); // an idle client's lost connection is replaced on next use
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

  private async migrate(): Promise<void> {
    await this.transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [this.names.lockKey]);
      await client.query(postgresSchema(this.names));
    });
  }

  private async listen(): Promise<void> {
    this.listener = new Client({ connectionString: this.options.connectionString });
    this.listener.on('error', () => undefined); // the safety poll carries on; see pollIntervalMs
    this.listener.on('notification', () => this.appended.notify());
    await this.listener.connect();
    await this.listener.query(`LISTEN ${this.names.channel}`);
  }

  async append(stream: string, events: EventToAppend[], expectedVersion: ExpectedVersion): Promise<AppendResult> {
    validateAppend(stream, events, expectedVersion);
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.transaction((client) => this.write(client, stream, events, expectedVersion));
      } catch (error) {
        if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
        // Another append took the same versions (or ids) first: a retry of ours, or a conflict.
        const retry = await this.retried(this.pool, stream, events);
        if (retry) return retry;
        const head = await this.head(this.pool, stream);
        if (expectedVersion !== ANY || attempt >= ANY_RETRIES) throw new WrongExpectedVersionError(stream, expectedVersion, head.version);
      }
    }
  }

  private async write(client: PoolClient, stream: string, events: EventToAppend[], expected: ExpectedVersion): Promise<AppendResult> {
    // First, before the sequence is touched: see the class comment.
    await client.query('SELECT pg_advisory_xact_lock_shared($1)', [this.names.lockKey]);
    const head = await this.head(client, stream);
    if (!satisfies(expected, head)) {
      const retry = await this.retried(client, stream, events);
      if (retry) return retry;
      throw new WrongExpectedVersionError(stream, expected, head.version);
    }
    const sealed = seal(stream, head, events, new Date());
    const { rows } = await client.query<{ position: string; version: string }>(
      `INSERT INTO ${this.names.events} (id, stream, version, type, data, metadata, hash, prev_hash, recorded_at)
       SELECT id, stream, version, type, data, metadata, hash, prev_hash, recorded_at FROM jsonb_to_recordset($1::jsonb)
         AS e(id uuid, stream text, version bigint, type text, data jsonb, metadata jsonb, hash text, prev_hash text, recorded_at timestamptz)
       ORDER BY version RETURNING position, version`,
      [toRecordset(sealed)]);
    const positions = new Map(rows.map((row) => [Number(row.version), Number(row.position)]));
    for (const { event } of sealed) event.position = positions.get(event.version)!;
    const last = sealed[sealed.length - 1].event;
    return { stream, version: last.version, position: last.position, events: sealed.map((s) => s.event) };
  }

  private async head(db: Pool | PoolClient, stream: string): Promise<StreamHead> {
    const { rows } = await db.query<{ version: string; hash: string }>(
      `SELECT version, hash FROM ${this.names.events} WHERE stream = $1 ORDER BY version DESC LIMIT 1`, [stream]);
    return rows[0] ? { version: Number(rows[0].version), hash: rows[0].hash } : EMPTY_HEAD;
  }

  private async retried(db: Pool | PoolClient, stream: string, events: EventToAppend[]): Promise<AppendResult | null> {
    const ids = suppliedIds(events);
    if (ids.length === 0) return null;
    const { rows } = await db.query<Row>(`SELECT ${COLUMNS} FROM ${this.names.events} WHERE id = ANY($1::uuid[])`, [ids]);
    return retriedAppend(stream, events, rows.map(toEnvelope));
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const { fromVersion = 1, limit = null } = options;
    const { rows } = await this.pool.query<Row>(
      `SELECT ${COLUMNS} FROM ${this.names.events} WHERE stream = $1 AND version >= $2 ORDER BY version LIMIT $3`,
      [stream, fromVersion, limit]);
    return rows.map(toEnvelope);
  }

  async readAll(after: number, limit: number): Promise<RecordedEvent[]> {
    const safe = this.safePosition > after ? this.safePosition : await this.refreshSafePosition();
    if (safe <= after) return [];
    const { rows } = await this.pool.query<Row>(
      `SELECT ${COLUMNS} FROM ${this.names.events} WHERE position > $1 AND position <= $2 ORDER BY position LIMIT $3`,
      [after, safe, limit]);
    return rows.map(toEnvelope);
  }

  /** Takes the safe high-water mark (see the class comment); concurrent callers share one query. */
  private refreshSafePosition(): Promise<number> {
    this.refreshing ??= this.transaction(async (client) => {
      await client.query(`SET LOCAL lock_timeout = '10s'`);
      await client.query('SELECT pg_advisory_xact_lock($1)', [this.names.lockKey]);
      const { rows } = await client.query<{ max: string | null }>(`SELECT MAX(position) AS max FROM ${this.names.events}`);
      this.safePosition = Math.max(this.safePosition, Number(rows[0].max ?? 0));
      return this.safePosition;
    })
      // A writer stuck in its transaction holds the mark back; the subscriber tries again on its next poll.
      .catch((error: { code?: string }) => (error.code === LOCK_NOT_AVAILABLE ? this.safePosition : Promise.reject(error)))
      .finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  subscribe(after: number, options?: SubscribeOptions): AsyncIterable<RecordedEvent> {
    return catchUp(this, after, options);
  }

  async headPosition(): Promise<number> {
    return this.refreshSafePosition();
  }

  async load(subscriber: string): Promise<number> {
    const { rows } = await this.pool.query<{ position: string }>(
      `SELECT position FROM ${this.names.checkpoints} WHERE subscriber = $1`, [subscriber]);
    return rows[0] ? Number(rows[0].position) : 0;
  }

  async save(subscriber: string, position: number): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${this.names.checkpoints} (subscriber, position, updated_at) VALUES ($1, $2, now())
       ON CONFLICT (subscriber) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at`,
      [subscriber, position]);
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

function toRecordset(sealed: SealedEvent[]): string {
  // The data and metadata texts are spliced in as they were hashed, not serialised a second time.
  const rows = sealed.map(({ event, dataJson, metadataJson }) =>
    `{"id":${JSON.stringify(event.id)},"stream":${JSON.stringify(event.stream)},"version":${event.version},` +
    `"type":${JSON.stringify(event.type)},"data":${dataJson},"metadata":${metadataJson},"hash":"${event.metadata.hash}",` +
    `"prev_hash":${JSON.stringify(event.metadata.prevHash)},"recorded_at":"${event.metadata.recordedAt}"}`);
  return `[${rows.join(',')}]`;
}

function toEnvelope(row: Row): RecordedEvent {
  return envelopeFromRow({
    id: row.id, stream: row.stream, version: Number(row.version), position: Number(row.position), type: row.type,
    data: row.data, metadata: row.metadata, hash: row.hash, prevHash: row.prev_hash,
  });
}
