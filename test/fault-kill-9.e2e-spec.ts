import Database from 'better-sqlite3';
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { Client as PgClient } from 'pg';
import { PostgresEventStore, SqliteEventStore } from '@actionplans/event-store';
import { openReadModelDb, snapshotTables, type ReadModelDbOptions } from '@actionplans/read-models';
import { describeWithOwnPostgres, eventually, freePort, runBuilt, startOwnPostgres, tempDir, type OwnPostgres } from '@actionplans/testing';
import { startWorld } from './support/api-world';
import {
  byStatus,
  expectLogHolds,
  expectVerified,
  planForLoad,
  retryUnsettled,
  startLoad,
  type LoadFigures,
  type Retry,
} from './support/command-load';

/**
 * Fault: the all-in-one app is killed with SIGKILL while sixteen clients keep sending commands.
 * After a restart every command it acknowledged is in the log, `actionplans verify` passes, every
 * command cut off unanswered can be retried with its Idempotency-Key and is then stored once, and
 * the report tables the app kept equal a replay of the log into fresh tables, row for row. On
 * embedded SQLite, and on PostgreSQL (a cluster of the test's own).
 */
const people = {
  manager: { name: 'YOT Performance Manager', role: 'plan manager' },
  owner: { name: 'Service Manager Evidence Based Hub and YOT', role: 'action owner' },
};
const WORKERS = 16;
const ACKNOWLEDGED_BEFORE_KILL = 300;

type World = Awaited<ReturnType<typeof startWorld<keyof typeof people>>>;

/** The world's app for a kill: a fixed port, so clients find it again at the same address after the restart. */
const startKillable = async (label: string, env: Record<string, string> = {}) =>
  startWorld(label, people, { RATE_LIMIT: '0', PORT: String(await freePort()), ...env });

/**
 * Load, SIGKILL mid-load, restart, retry what went unanswered, wait for the report tables to
 * apply the whole log, stop the app. Returns what the clients saw.
 */
async function killUnderLoad(
  world: World,
  reportTablesCaughtUp: () => Promise<boolean>,
): Promise<{ figures: LoadFigures; inFlight: number; retried: Retry[] }> {
  const { manager, owner } = world.users;
  const plan = await planForLoad(manager, owner, 8);
  let killing = false;
  const load = startLoad({ manager, owner, plan, workers: WORKERS, until: () => killing, stopOnNoAnswer: true });
  await eventually(
    `${ACKNOWLEDGED_BEFORE_KILL} commands acknowledged`,
    () => load.figures.acknowledged.length >= ACKNOWLEDGED_BEFORE_KILL,
    40_000,
  );
  killing = true;
  // Killed under load: requests are in flight (those answered just before the kill are not cut off).
  const inFlight = load.figures.sent.filter(({ answeredAt }) => answeredAt === 0).length;
  expect(inFlight).toBeGreaterThan(0);
  await world.kill();
  const figures = await load.done;
  expect(
    Object.keys(byStatus(figures.sent))
      .map(Number)
      .filter((status) => ![0, 201, 409].includes(status)),
  ).toEqual([]);

  await world.restart();
  const retried = await retryUnsettled(figures);
  expect(retried.map(({ reply }) => reply.status)).toEqual(retried.map(() => 201));
  await eventually('the report tables catch up with the log', reportTablesCaughtUp, 30_000);
  await world.halt();
  return { figures, inFlight, retried };
}

function report(
  store: string,
  { figures, inFlight, retried }: { figures: LoadFigures; inFlight: number; retried: Retry[] },
  lost: number,
  verified: string,
): void {
  console.log(
    [
      `kill -9 under load (${WORKERS} clients, ${store}): sent ${figures.sent.length}, acknowledged ${figures.acknowledged.length}, in flight at the kill ${inFlight},`,
      `answered 409 ${byStatus(figures.sent)[409] ?? 0}, cut unanswered ${retried.length} (stored before the kill: ${retried.filter(({ reply }) => reply.body.replayed).length}),`,
      `acknowledged found ${figures.acknowledged.length - lost}, lost ${lost}; ${verified}; report tables equal a fresh replay`,
    ].join(' '),
  );
}

describe('kill -9 of the all-in-one app under command load, on SQLite', () => {
  let world: World;
  const fresh = tempDir('fault-kill-replay');
  beforeAll(async () => {
    world = await startKillable('fault-kill');
  });
  afterAll(async () => {
    await world?.stop();
    fresh.remove();
  });

  /** Both files read while the app runs. */
  const caughtUp = async () => {
    const events = new Database(join(world.dir, 'events.db'), { readonly: true, fileMustExist: true });
    const tables = new Database(join(world.dir, 'read-models.db'), { readonly: true, fileMustExist: true });
    try {
      const head = events.prepare('SELECT MAX(position) AS position FROM events').get() as { position: number };
      return (
        (tables.prepare("SELECT position FROM projection_checkpoints WHERE name = 'read-models'").get() as { position: number } | undefined)
          ?.position === head.position
      );
    } finally {
      events.close();
      tables.close();
    }
  };

  it('keeps every acknowledged command, verifies, and its report tables equal a replay into a fresh database', async () => {
    const killed = await killUnderLoad(world, caughtUp);
    const { figures, retried } = killed;
    const verified = expectVerified({ DATA_DIR: world.dir });
    const store = new SqliteEventStore({ file: join(world.dir, 'events.db') });
    const lost = await expectLogHolds(store, figures, retried).finally(() => store.close());

    for (const file of ['events.db', 'events.db-wal']) {
      if (existsSync(join(world.dir, file))) copyFileSync(join(world.dir, file), join(fresh.path, file));
    }
    expect(runBuilt('cli', ['replay'], { DATA_DIR: fresh.path }).code).toBe(0);
    await expectSameTables({ dialect: 'sqlite', dataDir: world.dir }, { dialect: 'sqlite', dataDir: fresh.path });
    report('SQLite', killed, lost, verified);
  });
});

describeWithOwnPostgres('kill -9 of the all-in-one app under command load, on PostgreSQL', () => {
  let pg: OwnPostgres;
  let world: World;
  beforeAll(async () => {
    pg = await startOwnPostgres();
    world = await startKillable('fault-kill-pg', { EVENT_STORE: 'postgres', DATABASE_URL: pg.url });
  });
  afterAll(async () => {
    try {
      await world?.stop();
    } finally {
      pg?.remove();
    }
  });

  const caughtUp = async () => {
    const client = new PgClient({ connectionString: pg.url });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT (SELECT max(position) FROM actionplans.events) AS head,
        (SELECT position FROM actionplans_read.projection_checkpoints WHERE name = 'read-models') AS checkpoint`);
      return rows[0].checkpoint !== null && rows[0].checkpoint === rows[0].head;
    } finally {
      await client.end();
    }
  };

  it('keeps every acknowledged command, verifies, and its report tables equal a replay into fresh tables', async () => {
    const killed = await killUnderLoad(world, caughtUp);
    const { figures, retried } = killed;
    const env = { EVENT_STORE: 'postgres', DATABASE_URL: pg.url };
    const verified = expectVerified(env);
    const store = await PostgresEventStore.open({ connectionString: pg.url });
    const lost = await expectLogHolds(store, figures, retried).finally(() => store.close());

    // `replay` drops the tables and builds them again from position 0: compared with those the app kept.
    const tables: ReadModelDbOptions = { dialect: 'postgres', databaseUrl: pg.url };
    const live = await openReadModelDb(tables);
    const kept = await snapshotTables(live).finally(() => live.close());
    expect(kept.progress_updates.length).toBeGreaterThan(ACKNOWLEDGED_BEFORE_KILL / 2);
    expect(runBuilt('cli', ['replay'], env).code).toBe(0);
    const replayed = await openReadModelDb(tables);
    expect(await snapshotTables(replayed).finally(() => replayed.close())).toEqual(kept);
    report('PostgreSQL', killed, lost, verified);
  });
});

async function expectSameTables(live: ReadModelDbOptions, replayed: ReadModelDbOptions): Promise<void> {
  const [kept, rebuilt] = await Promise.all([openReadModelDb(live), openReadModelDb(replayed)]);
  try {
    const [keptRows, rebuiltRows] = await Promise.all([snapshotTables(kept), snapshotTables(rebuilt)]);
    expect(keptRows.progress_updates.length).toBeGreaterThan(ACKNOWLEDGED_BEFORE_KILL / 2);
    expect(keptRows).toEqual(rebuiltRows);
  } finally {
    await Promise.all([kept.close(), rebuilt.close()]);
  }
}
