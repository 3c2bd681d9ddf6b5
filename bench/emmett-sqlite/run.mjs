#!/usr/bin/env node
// Benchmark peer: Emmett SQLite event store (@event-driven-io/emmett-sqlite 0.38.5, sqlite3 5.1.7).
//
// Usage: node run.mjs [--events-scale <float>]
// stdout: one JSON line per figure {"name","value","unit"}; everything else goes to stderr.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import {
  createEventStoreSchema,
  getSQLiteEventStore,
  readMessagesBatch,
  SQLiteEventStoreDefaultStreamVersion,
  sqliteConnection,
} from '@event-driven-io/emmett-sqlite';
import {
  emit, progressEvent, READ_PAGE, runAppendPhases, scale, WRITERS,
} from '../emmett-workload.mjs';

const log = (...args) => console.error('[emmett-sqlite]', ...args);


const DB = 'sqlite';




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

  const serialAppend = serialised(append);
  // The 8 writers share one store instance with their calls serialised: getSQLiteEventStore (file
  // DB) keeps ONE connection handle per instance and closes it after every operation, so concurrent
  // calls fail (SQLITE_MISUSE: "Database is closed"), and one instance per writer fails with
  // SQLITE_BUSY (each fresh connection's WAL pragma, node-sqlite3 busy-waiting on libuv threads).
  const written = await runAppendPhases({
    db: DB, initialVersion: SQLiteEventStoreDefaultStreamVersion, log,
    appendOne: (stream, concurrent) => appendOne(concurrent ? serialAppend : append, stream),
    appendBatch: (name, events) =>
      withBusyRetry(() => append(name, events, { expectedStreamVersion: SQLiteEventStoreDefaultStreamVersion })),
    note: (phase) => {
      const serial = phase === 'append.single.8writers' ? '; calls serialised into one store instance' : '';
      const text = ` (SQLITE_BUSY retries: ${busyRetries}${serial})`;
      busyRetries = 0;
      return text;
    },
  });

  // --- read the global log from the beginning in pages of 1000 with Emmett's readMessagesBatch
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
