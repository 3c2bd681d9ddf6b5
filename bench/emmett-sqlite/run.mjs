#!/usr/bin/env node
// Benchmark peer: Emmett SQLite event store (@event-driven-io/emmett-sqlite 0.38.5, sqlite3 5.1.7).
//
// Usage: node run.mjs [--events-scale <float>]
// stdout: one JSON line per figure {"name","value","unit"}; everything else goes to stderr.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

import {
  createEventStoreSchema,
  getSQLiteEventStore,
  readMessagesBatch,
  SQLiteEventStoreDefaultStreamVersion,
  sqliteConnection,
} from '@event-driven-io/emmett-sqlite';

// Emmett logs some errors with console.log; keep stdout for the JSON figures only.
console.log = (...args) => console.error(...args);
const log = (...args) => console.error('[emmett-sqlite]', ...args);
const emit = (name, value, unit) =>
  process.stdout.write(JSON.stringify({ name, value: Math.round(value), unit }) + '\n');

const { values: args } = parseArgs({
  options: { 'events-scale': { type: 'string', default: '1' } },
  strict: true,
});
const scale = Number(args['events-scale']);
if (!Number.isFinite(scale) || scale <= 0) {
  throw new Error(`--events-scale must be a positive number, got ${args['events-scale']}`);
}
// same rounding as bench/workload.ts: at least 8 of anything
const scaled = (n) => Math.max(8, Math.round(n * scale));

const DB = 'sqlite';
const STREAMS_PER_WRITER = 100;
const SINGLE_1W_APPENDS = scaled(2000);
const WRITERS = 8;
const SINGLE_8W_APPENDS_PER_WRITER = Math.ceil(scaled(4000) / WRITERS);
const BATCHES = scaled(500);
const BATCH_SIZE = 100;
const READ_PAGE = 1000;

const progressEvent = (actionId) => ({
  type: 'ProgressUpdated',
  data: {
    actionId,
    commentary: 'On track: policy drafted and circulated to partners for comment.',
    assessment: 'on track',
    asOf: '2026-11-22',
  },
  // The same metadata our events carry (bench/workload.ts), so both stores store the same payload.
  metadata: { actor: { id: 'bench-owner', role: 'action owner' } },
});

// A writer owns STREAMS_PER_WRITER streams and tracks each one's version itself, so every
// append carries the exact expected stream version (0n = the stream does not exist yet).
const makeWriter = () =>
  Array.from({ length: STREAMS_PER_WRITER }, () => {
    const actionId = randomUUID();
    return { name: `action-${actionId}`, actionId, version: SQLiteEventStoreDefaultStreamVersion };
  });

// Emmett 0.38.5 + node-sqlite3 intermittently fail an append with
// "SQLITE_BUSY: cannot commit transaction - SQL statements in progress" (~0.1-0.4% of
// single-event appends here; most likely node-sqlite3 finalising the RETURNING statements that
// Emmett reads with db.get/db.all asynchronously, racing the COMMIT on the per-append connection).
// Emmett rolls the transaction back and closes the connection, so nothing was written and the
// same append can be retried (the read phase checks every event is there exactly once).
// Retries stay inside the timed phases and are counted on stderr.
const MAX_ATTEMPTS = 5;
let busyRetries = 0;
const withBusyRetry = async (fn) => {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (err?.code !== 'SQLITE_BUSY' || attempt >= MAX_ATTEMPTS) throw err;
      busyRetries++;
    }
  }
};

const appendOne = async (append, stream) => {
  const result = await withBusyRetry(() =>
    append(stream.name, [progressEvent(stream.actionId)], {
      expectedStreamVersion: stream.version,
    }),
  );
  if (result.nextExpectedStreamVersion !== stream.version + 1n) {
    throw new Error(
      `unexpected version for ${stream.name}: ${result.nextExpectedStreamVersion}, expected ${stream.version + 1n}`,
    );
  }
  stream.version = result.nextExpectedStreamVersion;
};

// Promise-chain mutex: serialises calls into one store instance (see the 8-writers phase).
const serialised = (fn) => {
  let tail = Promise.resolve();
  return (...a) => {
    const run = tail.then(() => fn(...a));
    tail = run.catch(() => {});
    return run;
  };
};

const pragma = (conn, name) => conn.querySingle(`PRAGMA ${name}`).then((row) => Object.values(row ?? {})[0]);

const dir = mkdtempSync(join(tmpdir(), 'emmett-sqlite-bench-'));
const fileName = join(dir, 'eventstore.db');
log(`db file ${fileName}; scale ${scale}`);

let readConn;
try {
  // --- setup (untimed): schema via Emmett's own helper, through Emmett's own connection factory.
  const setupConn = sqliteConnection({ fileName });
  try {
    await createEventStoreSchema(setupConn);
    // Durability as Emmett configures it: sqliteConnection() runs only `PRAGMA journal_mode = WAL`
    // on each connection it opens; synchronous and busy_timeout are left at the sqlite3 build defaults.
    const durability = {
      journal_mode: await pragma(setupConn, 'journal_mode'),
      synchronous: await pragma(setupConn, 'synchronous'),
      busy_timeout: await pragma(setupConn, 'busy_timeout'),
      wal_autocheckpoint: await pragma(setupConn, 'wal_autocheckpoint'),
      sqlite_version: await setupConn
        .querySingle('select sqlite_version() as v')
        .then((r) => r.v),
    };
    const syncName = { 0: 'OFF', 1: 'NORMAL', 2: 'FULL', 3: 'EXTRA' }[durability.synchronous] ?? '?';
    log(
      `durability (Emmett defaults, unchanged): journal_mode=${durability.journal_mode}, ` +
        `synchronous=${durability.synchronous} (${syncName}), busy_timeout=${durability.busy_timeout}ms, ` +
        `wal_autocheckpoint=${durability.wal_autocheckpoint} pages, SQLite ${durability.sqlite_version}; ` +
        `the store opens a new connection for every appendToStream and closes it afterwards`,
    );
  } finally {
    setupConn.close();
  }

  // autoMigration 'None': the schema was created above, so no DDL runs inside timed phases.
  const store = getSQLiteEventStore({ fileName, schema: { autoMigration: 'None' } });
  const append = store.appendToStream.bind(store);
  let written = 0;

  // --- 1. single-event appends, 1 writer, round robin over its 100 streams
  {
    const streams = makeWriter();
    const t0 = performance.now();
    for (let i = 0; i < SINGLE_1W_APPENDS; i++) {
      await appendOne(append, streams[i % STREAMS_PER_WRITER]);
    }
    const ms = performance.now() - t0;
    written += SINGLE_1W_APPENDS;
    log(`append.single.1writer: ${SINGLE_1W_APPENDS} appends in ${ms.toFixed(0)} ms (SQLITE_BUSY retries: ${busyRetries})`);
    busyRetries = 0;
    emit(`${DB}.append.single.1writer`, (SINGLE_1W_APPENDS / ms) * 1000, 'appends/s');
  }

  // --- 2. single-event appends, 8 concurrent writers (async loops), each with its own 100 streams.
  // getSQLiteEventStore (file DB) keeps ONE module-level connection handle per store instance and
  // closes it after every operation, so concurrent calls on one instance fail (SQLITE_MISUSE:
  // "Database is closed"), and one instance per writer fails with SQLITE_BUSY (each fresh
  // connection's `PRAGMA journal_mode = WAL` plus node-sqlite3 busy-waiting on libuv pool threads).
  // The writers therefore share one store instance and their calls are serialised here.
  {
    const serialAppend = serialised(append);
    const writers = Array.from({ length: WRITERS }, makeWriter);
    const total = WRITERS * SINGLE_8W_APPENDS_PER_WRITER;
    const t0 = performance.now();
    await Promise.all(
      writers.map(async (streams) => {
        for (let i = 0; i < SINGLE_8W_APPENDS_PER_WRITER; i++) {
          await appendOne(serialAppend, streams[i % STREAMS_PER_WRITER]);
        }
      }),
    );
    const ms = performance.now() - t0;
    written += total;
    log(
      `append.single.8writers: ${total} appends in ${ms.toFixed(0)} ms (SQLITE_BUSY retries: ${busyRetries}; ` +
        `8 async writers, calls serialised into one store instance - Emmett's SQLite store is not safe for concurrent appends)`,
    );
    busyRetries = 0;
    emit(`${DB}.append.single.8writers`, (total / ms) * 1000, 'appends/s');
  }

  // --- 3. batches of 100 events, each batch to a new stream (expected version 0n = no stream;
  // Emmett's STREAM_DOES_NOT_EXIST constant maps to "no check" in this version, 0n is enforced).
  {
    const batches = Array.from({ length: BATCHES }, () => {
      const actionId = randomUUID();
      return {
        name: `action-${actionId}`,
        events: Array.from({ length: BATCH_SIZE }, () => progressEvent(actionId)),
      };
    });
    const t0 = performance.now();
    for (const batch of batches) {
      const result = await withBusyRetry(() =>
        append(batch.name, batch.events, {
          expectedStreamVersion: SQLiteEventStoreDefaultStreamVersion,
        }),
      );
      if (result.nextExpectedStreamVersion !== BigInt(BATCH_SIZE)) {
        throw new Error(`unexpected version after batch: ${result.nextExpectedStreamVersion}`);
      }
    }
    const ms = performance.now() - t0;
    const events = BATCHES * BATCH_SIZE;
    written += events;
    log(`append.batch100: ${BATCHES} batches / ${events} events in ${ms.toFixed(0)} ms (SQLITE_BUSY retries: ${busyRetries})`);
    emit(`${DB}.append.batch100`, (events / ms) * 1000, 'events/s');
  }

  // --- 4. read the global log from the beginning in pages of 1000 with Emmett's readMessagesBatch
  // (the primitive Emmett's own consumer/message-batch puller uses, minus its polling sleeps).
  {
    readConn = sqliteConnection({ fileName });
    await pragma(readConn, 'journal_mode'); // let the connection's own WAL pragma settle (untimed)
    let after = 0n;
    let read = 0;
    const pages = [];
    const t0 = performance.now();
    for (;;) {
      const page = await readMessagesBatch(readConn, { after, batchSize: READ_PAGE });
      pages.push(page.messages);
      read += page.messages.length;
      after = page.currentGlobalPosition;
      if (!page.areEventsLeft || page.messages.length === 0) break;
    }
    const ms = performance.now() - t0;
    // untimed check: every event exactly once, in global order
    const positions = pages.flat().map((m) => m.metadata.globalPosition);
    const unique = new Set(positions).size;
    const ordered = positions.every((p, i) => i === 0 || p > positions[i - 1]);
    log(
      `read.all: ${read} events in ${ms.toFixed(0)} ms in ${pages.length} pages ` +
        `(written: ${written}, distinct: ${unique}, strictly ordered: ${ordered})`,
    );
    if (read !== written || unique !== written) {
      log(`WARNING: read ${read} events (${unique} distinct) but ${written} were written`);
    }
    emit(`${DB}.read.all`, (read / ms) * 1000, 'events/s');
  }
} finally {
  readConn?.close();
  // give sqlite3 a tick to finish the asynchronous close before removing the files
  await new Promise((r) => setTimeout(r, 50));
  rmSync(dir, { recursive: true, force: true });
  log(`removed ${dir}`);
}
