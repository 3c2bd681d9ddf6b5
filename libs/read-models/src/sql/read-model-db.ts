import { ConfigurationError, type AppConfig } from '@actionplans/config';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Pool, types } from 'pg';
import { createTables } from './schema';
import type { ReadModelTables } from './tables';

export type ReadModelDialect = 'sqlite' | 'postgres';

export interface ReadModelDb {
  db: Kysely<ReadModelTables>;
  dialect: ReadModelDialect;
  close(): Promise<void>;
}

export interface ReadModelDbOptions {
  dialect: ReadModelDialect;
  /** SQLite: the folder for `read-models.db`. */
  dataDir?: string;
  /** PostgreSQL: the connection URL and schema (default `actionplans_read`). */
  databaseUrl?: string;
  schema?: string;
}

// Positions and counts are bigint columns; they stay far below 2^53, so numbers are exact.
types.setTypeParser(types.builtins.INT8, (value) => Number(value));

/**
 * Opens the report tables: a SQLite file beside the events (it can always be rebuilt from them,
 * so it commits without waiting for the disk), or a PostgreSQL schema of its own.
 */
export async function openReadModelDb(options: ReadModelDbOptions): Promise<ReadModelDb> {
  const opened =
    options.dialect === 'sqlite'
      ? openSqlite(options.dataDir!)
      : await openPostgres(options.databaseUrl!, options.schema ?? 'actionplans_read');
  await createTables(opened.db, opened.dialect);
  return opened;
}

function openSqlite(dataDir: string): ReadModelDb {
  mkdirSync(dataDir, { recursive: true });
  const database = new Database(join(dataDir, 'read-models.db'));
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('busy_timeout = 5000');
  // Like the event store's: 64 MiB replayed no faster and stayed resident once filled.
  database.pragma('cache_size = -16384');
  const db = new Kysely<ReadModelTables>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}

/**
 * Kysely prepares every query afresh; the projection sends the same multi-row upserts over and
 * over, and preparing them was a third of a replay's time. Statements are kept by their SQL.
 */
function withStatementCache(database: Database.Database, size = 200): Database.Database {
  const cache = new Map<string, Database.Statement>();
  const prepare = (source: string) => {
    let statement = cache.get(source);
    if (!statement) {
      if (cache.size >= size) cache.delete(cache.keys().next().value!);
      statement = database.prepare(source);
      cache.set(source, statement);
    }
    return statement;
  };
  return new Proxy(database, {
    get: (target, property) => (property === 'prepare' ? prepare : (Reflect.get(target, property, target) as unknown)),
  });
}

async function openPostgres(connectionString: string, schema: string): Promise<ReadModelDb> {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`schema "${schema}" must be a plain lower-case name`);
  const setup = new Pool({ connectionString, max: 1 });
  try {
    await setup.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  } finally {
    await setup.end();
  }
  const pool = new Pool({ connectionString, max: 4, options: `-c search_path=${schema}` });
  // A lost connection (PostgreSQL restarting) fails the query using it, which the caller sees, and
  // is replaced on next use; the pool and the client report it again as 'error' events, which
  // unheard would end the process.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = new Kysely<ReadModelTables>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', close: () => db.destroy() };
}

/** Opens the report tables the configuration names; a failure names the variable to fix. */
export async function openConfiguredReadModels(config: AppConfig): Promise<ReadModelDb> {
  try {
    return await openReadModelDb({ dialect: config.readModels, dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  } catch (error) {
    const variable = config.readModels === 'postgres' ? 'DATABASE_URL' : 'DATA_DIR';
    throw new ConfigurationError(
      variable,
      `cannot open the read models: ${((error as Error).message || String(error)).replace(/\s+/g, ' ')}`,
    );
  }
}
