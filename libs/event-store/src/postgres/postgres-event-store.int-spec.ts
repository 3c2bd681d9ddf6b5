import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { describeWithPostgres } from '../../../testing/src/services';
import { describeEventStoreContract, event } from '../contract/event-store.contract';
import type { RecordedEvent } from '../event-store.port';
import { NO_STREAM } from '../event-store.port';
import { PostgresEventStore } from './postgres-event-store';

describeWithPostgres('PostgreSQL event store', (url) => {
  const schema = `contract_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  afterAll(() => dropSchema(url, schema));

  describeEventStoreContract('postgres', {
    open: () => PostgresEventStore.open({ connectionString: url, schema, pollIntervalMs: 200 }),
  });

  describe('a live subscriber and transactions that commit out of position order', () => {
    let store: PostgresEventStore;
    let raw: Client;
    beforeAll(async () => {
      store = await PostgresEventStore.open({ connectionString: url, schema, poolSize: 20 });
      raw = new Client({ connectionString: url });
      await raw.connect();
    });
    afterAll(async () => {
      await store.close();
      await raw.end();
    });

    it('does not deliver a later position before an earlier one that commits last', async () => {
      const stream = `race-${randomUUID()}`;
      const start = await store.headPosition();
      await store.append(stream, [event('ActionRaised', {})], NO_STREAM);
      const received = subscribe(store, start);

      // Another transaction holds version 2 of the stream uncommitted, so our append to it takes
      // its position from the sequence and then waits, uncommitted, on the unique index.
      await raw.query('BEGIN');
      await raw.query(
        `INSERT INTO "${schema}".events (id, stream, version, type, data, metadata, hash, recorded_at)
         VALUES ($1, $2, 2, 'Blocker', '{}', '{}', 'x', now())`, [randomUUID(), stream]);
      const slow = store.append(stream, [event('ProgressUpdated', { slow: true })], 1).catch((e: Error) => e);
      await waitUntil(async () => (await waitingOnLock(raw)) > 0);

      const fast = await store.append(`other-${randomUUID()}`, [event('ProgressUpdated', { fast: true })], NO_STREAM);
      // A naive reader would now see the fast event while the slow one's lower position is in flight.
      const visible = await raw.query(`SELECT max(position)::int AS max FROM "${schema}".events WHERE position > $1`, [start]);
      expect(visible.rows[0].max).toBe(fast.position);
      await raw.query('ROLLBACK');
      const slowResult = await slow;

      expect(slowResult).not.toBeInstanceOf(Error);
      const slowPosition = (slowResult as { position: number }).position;
      expect(slowPosition).toBeLessThan(fast.position);
      await waitUntil(async () => received.events.some((e) => e.position === fast.position));
      received.stop();
      const positions = received.events.map((e) => e.position);
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
      expect(positions).toContain(slowPosition);
    });

    it('delivers every event exactly once, in order, to a live subscriber under 16 concurrent writers', async () => {
      const prefix = `many-${randomUUID()}`;
      const start = await store.headPosition();
      const received = subscribe(store, start);
      const appended: number[] = [];
      await Promise.all(Array.from({ length: 16 }, async (_, w) => {
        for (let i = 0; i < 60; i += 1) {
          const result = await store.append(`${prefix}-${w}-${i}`, [event('ProgressUpdated', { w, i }), event('EvidenceAttached', { w, i })], NO_STREAM);
          appended.push(...result.events.map((e) => e.position));
        }
      }));
      await waitUntil(async () => received.events.filter((e) => e.stream.startsWith(prefix)).length >= appended.length);
      received.stop();
      const positions = received.events.map((e) => e.position);
      expect(positions).toEqual([...new Set(positions)].sort((a, b) => a - b));
      const ours = received.events.filter((e) => e.stream.startsWith(prefix)).map((e) => e.position);
      expect(ours).toEqual([...appended].sort((a, b) => a - b));
    });
  });
});

function subscribe(store: PostgresEventStore, after: number) {
  const stop = new AbortController();
  const events: RecordedEvent[] = [];
  void (async () => {
    for await (const e of store.subscribe(after, { signal: stop.signal, batchSize: 100 })) events.push(e);
  })();
  return { events, stop: () => stop.abort() };
}

async function waitingOnLock(client: Client): Promise<number> {
  const { rows } = await client.query(`SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted AND locktype = 'transactionid'`);
  return rows[0].n;
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await client.end();
}
