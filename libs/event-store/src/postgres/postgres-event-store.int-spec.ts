import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { eventually } from '../../../testing/src/poll';
import { describeWithPostgres, dropSchemas } from '../../../testing/src/services';
import { describeEventStoreContract, event } from '../contract/event-store.contract';
import type { RecordedEvent } from '../event-store.port';
import { NO_STREAM } from '../event-store.port';
import { PostgresEventStore } from './postgres-event-store';

describeWithPostgres('PostgreSQL event store', (url) => {
  const schema = `contract_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  afterAll(() => dropSchemas(url, schema));

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

    it('makes a reader wait for an earlier position that commits after a later one, so it skips nothing', async () => {
      const stream = `race-${randomUUID()}`;
      const start = await store.headPosition();
      await store.append(stream, [event('ActionRaised', {})], NO_STREAM);

      // Another transaction holds version 2 of the stream uncommitted, so our append to it draws
      // its position from the sequence and then waits, uncommitted, on the unique index.
      await raw.query('BEGIN');
      await raw.query(
        `INSERT INTO "${schema}".events (id, stream, version, type, data, metadata, hash, recorded_at)
         VALUES ($1, $2, 2, 'Blocker', '{}', '{}', 'x', now())`,
        [randomUUID(), stream],
      );
      const slow = store.append(stream, [event('ProgressUpdated', { slow: true })], 1);
      await eventually('our append to wait on the uncommitted row', async () => (await waiting(raw, 'transactionid')) > 0);
      const fast = await store.append(`other-${randomUUID()}`, [event('ProgressUpdated', { fast: true })], NO_STREAM);
      // A naive reader would now see the fast event while the slow one's lower position is in flight.
      const visible = await raw.query(`SELECT max(position)::int AS max FROM "${schema}".events WHERE position > $1`, [start]);
      expect(visible.rows[0].max).toBe(fast.position);

      const reading = store.readAll(start, 100);
      let first: string;
      try {
        first = await Promise.race([
          reading.then(() => 'answered at once'),
          eventually('the reader to wait for the safe mark', async () => (await waiting(raw, 'advisory')) > 0, 5000).then(
            () => 'waited for the append in flight',
          ),
        ]);
      } finally {
        await raw.query('ROLLBACK'); // releases the slow append whatever happened
      }
      expect(first).toBe('waited for the append in flight');
      const slowPosition = (await slow).position;
      const page = (await reading).map((e) => e.position);

      expect(slowPosition).toBeLessThan(fast.position);
      expect(page).toEqual([...page].sort((a, b) => a - b));
      expect(page).toEqual(expect.arrayContaining([slowPosition, fast.position]));
    });

    it('delivers every event exactly once, in order, to a live subscriber under 16 concurrent writers', async () => {
      const prefix = `many-${randomUUID()}`;
      const start = await store.headPosition();
      const received = subscribe(store, start);
      const appended: number[] = [];
      await Promise.all(
        Array.from({ length: 16 }, async (_, w) => {
          for (let i = 0; i < 60; i += 1) {
            const result = await store.append(
              `${prefix}-${w}-${i}`,
              [event('ProgressUpdated', { w, i }), event('EvidenceAttached', { w, i })],
              NO_STREAM,
            );
            appended.push(...result.events.map((e) => e.position));
          }
        }),
      );
      await eventually(
        'the subscriber to receive every event',
        () => received.events.filter((e) => e.stream.startsWith(prefix)).length >= appended.length,
      );
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

/** How many lock requests of a kind are waiting, server-wide. */
async function waiting(client: Client, locktype: 'transactionid' | 'advisory'): Promise<number> {
  const { rows } = await client.query(`SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted AND locktype = $1`, [locktype]);
  return rows[0].n;
}
