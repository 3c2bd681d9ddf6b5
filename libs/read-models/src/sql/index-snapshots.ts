import { sql, type Kysely } from 'kysely';
import type { ReadModelDb } from './read-model-db';

/** A saved state of an in-memory index: the log position it had read to, that event's id, and the readers' state. */
export interface StoredSnapshot {
  position: number;
  /** The id of the event at `position`: a snapshot of another log (a store replaced or restored) does not match it. */
  eventId: string;
  /** Of the code that built the state: a snapshot taken by other code is not read. */
  fingerprint: string;
  state: Buffer;
}

interface SnapshotRow {
  name: string;
  position: number;
  event_id: string;
  fingerprint: string;
  state: Buffer;
  saved_at: string;
}

/**
 * Where in-memory indexes keep their snapshots: a table of its own in the read-model database,
 * one row per index (named by its readers and their formats), beside the report tables but not
 * one of them (a replay of the report tables leaves it be). Several processes may save the same
 * row; any row saved is a true state of the log at its position, so the last one saved serves.
 */
export class IndexSnapshots {
  private readonly db: Kysely<{ index_snapshots: SnapshotRow }>;
  private created: Promise<void> | null = null;

  constructor(private readonly readModels: ReadModelDb) {
    this.db = readModels.db.withTables<{ index_snapshots: SnapshotRow }>() as unknown as Kysely<{ index_snapshots: SnapshotRow }>;
  }

  async load(name: string): Promise<StoredSnapshot | null> {
    await this.table();
    const row = await this.db.selectFrom('index_snapshots').selectAll().where('name', '=', name).executeTakeFirst();
    return row
      ? { position: Number(row.position), eventId: row.event_id, fingerprint: row.fingerprint, state: Buffer.from(row.state) }
      : null;
  }

  async save(name: string, snapshot: StoredSnapshot): Promise<void> {
    await this.table();
    const { position, eventId, fingerprint, state } = snapshot;
    const row = { name, position, event_id: eventId, fingerprint, state, saved_at: new Date().toISOString() };
    const { name: _, ...update } = row;
    await this.db
      .insertInto('index_snapshots')
      .values(row)
      .onConflict((conflict) => conflict.column('name').doUpdateSet(update))
      .execute();
  }

  private table(): Promise<void> {
    this.created ??= (async () => {
      const bytes = sql.raw(this.readModels.dialect === 'postgres' ? 'bytea' : 'blob');
      await this.db.schema
        .createTable('index_snapshots')
        .ifNotExists()
        .addColumn('name', 'text', (column) => column.primaryKey())
        .addColumn('position', 'bigint', (column) => column.notNull())
        .addColumn('event_id', 'text', (column) => column.notNull())
        .addColumn('fingerprint', 'text', (column) => column.notNull())
        .addColumn('state', bytes, (column) => column.notNull())
        .addColumn('saved_at', 'text', (column) => column.notNull())
        .execute();
    })().catch((error: unknown) => {
      // The database unreachable for now: the next load or save tries again.
      this.created = null;
      throw error;
    });
    return this.created;
  }
}
