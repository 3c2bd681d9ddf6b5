import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { eventually } from '../../../testing/src/poll';
import { describeWithOwnPostgres, startOwnPostgres, type OwnPostgres } from '../../../testing/src/postgres-server';
import { event } from '../contract/event-store.contract';
import { StoreUnavailableError } from '../errors';
import { NO_STREAM } from '../event-store.port';
import { verifyLog } from '../verify';
import { PostgresEventStore } from './postgres-event-store';
import { postgresNames } from './postgres-schema';

/**
 * PostgreSQL crashing under the store, on a cluster of the test's own: every call says
 * StoreUnavailableError (never the driver's error), an append says whether it may have been
 * stored, the process survives the lost connections, and the store works again once PostgreSQL
 * is back, without being reopened.
 */
describeWithOwnPostgres('the PostgreSQL event store when PostgreSQL crashes', () => {
  let pg: OwnPostgres;
  let store: PostgresEventStore;
  const stream = `restart-${randomUUID()}`;
  beforeAll(async () => {
    pg = await startOwnPostgres();
    store = await PostgresEventStore.open({ connectionString: pg.url, pollIntervalMs: 100 });
    await store.append(stream, [event('ActionRaised', {})], NO_STREAM);
  });
  afterAll(async () => {
    try {
      await store?.close();
    } finally {
      pg?.remove();
    }
  });

  const unavailable = (outcomeUnknown: boolean) => expect.objectContaining({ name: 'StoreUnavailableError', outcomeUnknown });

  it('refuses every call with StoreUnavailableError while it is down, and an append there wrote nothing', async () => {
    pg.crash();
    await expect(store.append(stream, [event('ProgressUpdated', { n: 1 })], 1)).rejects.toEqual(unavailable(false));
    for (const call of [
      () => store.readStream(stream),
      () => store.readAll(0, 10),
      () => store.headPosition(),
      () => store.load('s'),
      () => store.save('s', 1),
    ]) {
      await expect(call()).rejects.toBeInstanceOf(StoreUnavailableError);
    }
    expect(await store.health()).toMatchObject({ status: 'down' });
    pg.start();
    expect((await store.readStream(stream)).map((recorded) => recorded.version)).toEqual([1]);
  });

  it('says the outcome is unknown when PostgreSQL is lost after the append was sent', async () => {
    // Holding the readers' exclusive lock keeps the append's statement waiting inside PostgreSQL.
    const [blocker, observer] = [new Client({ connectionString: pg.url }), new Client({ connectionString: pg.url })];
    try {
      for (const client of [blocker, observer]) {
        client.on('error', () => undefined);
        await client.connect();
      }
      await blocker.query(`BEGIN; SELECT pg_advisory_xact_lock(${postgresNames('actionplans').lockKey})`);
      const append = store.append(stream, [event('ProgressUpdated', { n: 2 })], 1);
      append.catch(() => undefined);
      // Watched from outside the blocker's transaction, which would keep seeing its first snapshot of the activity.
      await eventually('the append waits on the lock', async () => {
        const { rows } = await observer.query(
          "SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%INSERT INTO%'",
        );
        return rows.length === 1;
      });
      pg.crash();
      await expect(append).rejects.toEqual(unavailable(true));
      pg.start();
      // It had not committed: nothing was stored, though the caller could not know that.
      expect((await store.readStream(stream)).map((recorded) => recorded.version)).toEqual([1]);
    } finally {
      await Promise.all([blocker.end().catch(() => undefined), observer.end().catch(() => undefined)]);
    }
  });

  it('appends again once PostgreSQL is back, and the chain verifies', async () => {
    const appended = await store.append(stream, [event('ProgressUpdated', { n: 3 })], 1);
    expect(appended.version).toBe(2);
    expect(await verifyLog(store)).toMatchObject({ ok: true });
  });
});
