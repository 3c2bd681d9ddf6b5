import { createHash } from 'node:crypto';

/** Names a schema's objects and derives the advisory-lock key its writers and readers share. */
export function postgresNames(schema: string) {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`schema: "${schema}" is not a plain lower-case identifier`);
  // One key per schema, so stores in different schemas of one database never wait on each other.
  const key = (purpose: string) => createHash('sha256').update(`actionplans.${purpose}:${schema}`).digest().readBigInt64BE(0).toString();
  return {
    schema,
    events: `"${schema}".events`,
    checkpoints: `"${schema}".checkpoints`,
    channel: `actionplans_${schema}`,
    /** Shared by appends, exclusive for readers taking the safe high-water mark. */
    lockKey: key('events'),
    /** Serialises schema creation; distinct from lockKey so DDL never waits in a cycle with appends. */
    migrationLockKey: key('migration'),
  };
}

export type PostgresNames = ReturnType<typeof postgresNames>;

/**
 * Data and metadata are `json`, not `jsonb`: `json` keeps the canonical text exactly as it was
 * hashed (jsonb reorders keys) and is cheaper to write and to read back.
 * Created on first start (PostgreSQL 14 or later); safe to run from several processes at once (guarded by the lock). */
export function postgresSchema(n: PostgresNames): string {
  return `
CREATE SCHEMA IF NOT EXISTS "${n.schema}";
CREATE TABLE IF NOT EXISTS ${n.events} (
  position    BIGSERIAL   PRIMARY KEY,
  id          UUID        NOT NULL UNIQUE,
  stream      TEXT        NOT NULL,
  version     BIGINT      NOT NULL,
  type        TEXT        NOT NULL,
  data        JSON        NOT NULL,
  metadata    JSON        NOT NULL,
  hash        TEXT        NOT NULL,
  prev_hash   TEXT,
  recorded_at TIMESTAMPTZ NOT NULL,
  UNIQUE (stream, version)
);
CREATE TABLE IF NOT EXISTS ${n.checkpoints} (
  subscriber  TEXT        PRIMARY KEY,
  position    BIGINT      NOT NULL,
  updated_at  TIMESTAMPTZ NOT NULL
);
`;
}
