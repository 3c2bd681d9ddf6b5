#!/usr/bin/env node
// Benchmark peer: Emmett PostgreSQL event store (@event-driven-io/emmett-postgresql 0.42.0).
//
// Usage: DATABASE_URL=postgres://... node run.mjs [--events-scale <float>]
// stdout: one JSON line per figure {"name","value","unit"}; everything else goes to stderr.
//
// Isolation: Emmett has no schema option; every SQL statement it issues (tables, functions,
// dmb_migrations) is unqualified, so it lands in the first schema on search_path. We create a
// fresh schema per run, give Emmett a pg.Pool whose connections `SET search_path` to it, and
// drop the schema at the end.
import { performance } from 'node:perf_hooks';

import { dumbo } from '@event-driven-io/dumbo';
import {
  getPostgreSQLEventStore,
  PostgreSQLEventStoreDefaultStreamVersion,
  readMessagesBatch,
} from '@event-driven-io/emmett-postgresql';
import pg from 'pg';
import {
  emit, progressEvent, READ_PAGE, runAppendPhases, scale, WRITERS,
} from '../emmett-workload.mjs';

const log = (...args) => console.error('[emmett-postgresql]', ...args);

const connectionString = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

const DB = 'postgres';
const POOL_MAX = 16; // >= WRITERS; pg.Pool's default would be 10
const SCHEMA_PREFIX = 'emmett_bench_';




const appendOne = async (store, stream) => {
  const result = await store.appendToStream(stream.name, [progressEvent(stream.actionId)], {
    expectedStreamVersion: stream.version,
  });
  if (result.nextExpectedStreamVersion !== stream.version + 1n) {
    throw new Error(
      `unexpected version for ${stream.name}: ${result.nextExpectedStreamVersion}, expected ${stream.version + 1n}`,
    );
  }
  stream.version = result.nextExpectedStreamVersion;
};

const quoteIdent = (s) => `"${s.replaceAll('"', '""')}"`;
const schema = `${SCHEMA_PREFIX}${Date.now()}_${process.pid}`;

const admin = new pg.Client({ connectionString });
await admin.connect();
let pool;
let store;
try {
  // --- setup (untimed)
  // Emmett creates its functions only "IF NOT EXISTS (SELECT 1 FROM pg_proc WHERE proname = ...)",
  // without looking at the schema, so leftovers from an aborted earlier run would make it skip
  // creating them in our fresh schema. Remove such leftovers first.
  const stale = await admin.query(
    `SELECT nspname FROM pg_namespace WHERE nspname LIKE $1 ORDER BY nspname`,
    [`${SCHEMA_PREFIX}%`],
  );
  for (const { nspname } of stale.rows) {
    log(`dropping leftover schema ${nspname} from an earlier run`);
    await admin.query(`DROP SCHEMA ${quoteIdent(nspname)} CASCADE`);
  }
  const foreign = await admin.query(
    `SELECT n.nspname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE p.proname = 'emt_append_to_stream'`,
  );
  if (foreign.rowCount > 0) {
    throw new Error(
      `emt_append_to_stream already exists in schema(s) ${foreign.rows.map((r) => r.nspname).join(', ')}; ` +
        `Emmett would then not create its functions in the benchmark schema. Use a clean database.`,
    );
  }
  await admin.query(`CREATE SCHEMA ${quoteIdent(schema)}`);
  const settings = {};
  for (const name of ['server_version', 'synchronous_commit', 'fsync', 'wal_sync_method', 'full_page_writes']) {
    settings[name] = (await admin.query(`SHOW ${name}`)).rows[0][name];
  }
  log(`schema ${schema}; scale ${scale}; server settings (Emmett does not change them): ${JSON.stringify(settings)}`);

  pool = new pg.Pool({ connectionString, max: POOL_MAX });
  pool.on('connect', (client) => {
    client.query(`SET search_path TO ${quoteIdent(schema)}`).catch((err) => log('SET search_path failed', err));
  });
  pool.on('error', (err) => log('idle pool client error', err));
  // One dumbo pool over that pg.Pool, shared by the event store and by the global-log reader.
  const dumboPool = dumbo({ connectionString, pool });
  store = getPostgreSQLEventStore(connectionString, { connectionOptions: { dumbo: dumboPool } });
  await store.schema.migrate(); // Emmett's own migrations, run once here instead of in the first append

  const created = await admin.query(
    `SELECT count(*)::int AS n FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = $1 AND p.proname = 'emt_append_to_stream'`,
    [schema],
  );
  if (created.rows[0].n !== 1) throw new Error(`Emmett schema was not created in ${schema}`);

  // open the pool's connections up front so connection setup is not timed
  const warm = await Promise.all(Array.from({ length: WRITERS }, () => pool.connect()));
  for (const c of warm) await c.query('SELECT 1');
  warm.forEach((c) => c.release());


  const written = await runAppendPhases({
    db: DB, initialVersion: PostgreSQLEventStoreDefaultStreamVersion, log,
    appendOne: (stream) => appendOne(store, stream),
    appendBatch: (name, events) =>
      store.appendToStream(name, events, { expectedStreamVersion: PostgreSQLEventStoreDefaultStreamVersion }),
    note: (phase) => (phase === 'append.single.8writers' ? ` (pool max ${POOL_MAX})` : ''),
  });

  // --- read the global log from the beginning in pages of 1000 with Emmett's readMessagesBatch
  // (the primitive Emmett's own consumer/message-batch puller uses, minus its polling sleeps).
  //
  // Two properties of Emmett 0.42.0's reader show up here (checked untimed, reported on stderr):
  // - it orders by (transaction_id, global_position) but pages by "global_position > last position
  //   of the previous page"; where concurrent writers' transactions got xids and sequence values in
  //   opposite orders, a page boundary re-delivers or skips a few events (phase 2 data). The figure
  //   counts events as delivered.
  // - it only returns rows with transaction_id < pg_snapshot_xmin(pg_current_snapshot()), so a
  //   transaction left open anywhere on the server (any database) cuts the read short. If that
  //   happens we retry a few times and, failing that, emit no read.all figure.
  {
    const readAll = async () => {
      let after = 0n;
      let read = 0;
      const pages = [];
      const t0 = performance.now();
      for (;;) {
        const page = await readMessagesBatch(dumboPool.execute, { after, batchSize: READ_PAGE });
        pages.push(page.messages);
        read += page.messages.length;
        after = page.currentGlobalPosition;
        if (!page.areMessagesLeft || page.messages.length === 0) break;
      }
      const ms = performance.now() - t0;
      const unique = new Set(pages.flat().map((m) => m.metadata.globalPosition)).size;
      return { read, unique, ms, pages: pages.length };
    };
    const MAX_READ_ATTEMPTS = 3;
    for (let attempt = 1; ; attempt++) {
      const { read, unique, ms, pages } = await readAll();
      log(
        `read.all: ${read} events delivered in ${ms.toFixed(0)} ms in ${pages} pages ` +
          `(written: ${written}, distinct: ${unique}, duplicates: ${read - unique}, missing: ${written - unique})`,
      );
      if (written - unique <= written * 0.001) {
        if (read !== written) log(`note: ${read} delivered vs ${written} written (page-boundary anomaly above)`);
        emit(`${DB}.read.all`, (read / ms) * 1000, 'events/s');
        break;
      }
      const open = await admin.query(
        `SELECT pid, datname, backend_type, state, backend_xid::text AS xid, xact_start
           FROM pg_stat_activity WHERE backend_xid IS NOT NULL AND pid <> pg_backend_pid()`,
      );
      log(`read.all stopped early; transactions holding back the snapshot xmin: ${JSON.stringify(open.rows)}`);
      if (attempt >= MAX_READ_ATTEMPTS) {
        log(`ERROR: read.all incomplete after ${attempt} attempts; no read.all figure emitted`);
        break;
      }
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
} finally {
  await store?.close().catch((err) => log('store.close failed', err));
  await pool?.end().catch((err) => log('pool.end failed', err));
  await admin.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
  await admin.end();
  log(`dropped schema ${schema}`);
}
