import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { describeWithPostgres, dropSchemas } from '../../testing/src/services';
import { tempDir } from '../../testing/src/temp-dir';
import { event } from './contract/event-store.contract';
import type { EventStore } from './event-store.port';
import { NO_STREAM } from './event-store.port';
import { PostgresEventStore } from './postgres/postgres-event-store';
import { SqliteEventStore } from './sqlite/sqlite-event-store';
import { describeVerification, verifyLog, verifyStreams } from './verify';

/** Three streams of four events, appended interleaved: positions 1..12 in a fresh store. */
async function fillPlan(store: EventStore): Promise<void> {
  const streams = ['plan-hmip', 'action-2.2', 'action-2.3'];
  for (let version = 0; version < 4; version += 1) {
    for (const stream of streams) {
      await store.append(
        stream,
        [event('ProgressUpdated', { stream, commentary: `update ${version + 1}` })],
        version === 0 ? NO_STREAM : version,
      );
    }
  }
}

/** Each edit, in SQL both engines accept, and where verify must say the chain breaks. */
const tampering: Array<[string, string[], { stream: string | null; version: number | null; problem: RegExp }]> = [
  [
    'a changed payload',
    [`UPDATE events SET data = '{"stream":"action-2.2","commentary":"Action completed"}' WHERE stream = 'action-2.2' AND version = 3`],
    { stream: 'action-2.2', version: 3, problem: /content was altered/ },
  ],
  [
    'changed metadata (a backdated actor)',
    [
      `UPDATE events SET metadata = CAST(replace(CAST(metadata AS text), 'user-contract', 'user-panel-chair') AS $TYPE) WHERE stream = 'plan-hmip' AND version = 2`,
    ],
    { stream: 'plan-hmip', version: 2, problem: /content was altered/ },
  ],
  [
    'a deleted event',
    [`DELETE FROM events WHERE stream = 'action-2.3' AND version = 2`],
    { stream: 'action-2.3', version: 3, problem: /version 2 is missing or out of order/ },
  ],
  [
    'two events swapped in their stream',
    [
      `UPDATE events SET version = 0 WHERE stream = 'action-2.2' AND version = 2`,
      `UPDATE events SET version = 2 WHERE stream = 'action-2.2' AND version = 3`,
      `UPDATE events SET version = 3 WHERE stream = 'action-2.2' AND version = 0`,
    ],
    { stream: 'action-2.2', version: 3, problem: /version 2 is missing or out of order/ },
  ],
  [
    'two payloads swapped between events',
    [
      `UPDATE events SET data = (SELECT data FROM events WHERE stream = 'plan-hmip' AND version = 4) WHERE stream = 'plan-hmip' AND version = 1`,
    ],
    { stream: 'plan-hmip', version: 1, problem: /content was altered/ },
  ],
];

describe('verify on SQLite', () => {
  const dir = tempDir('verify');
  afterAll(() => dir.remove());
  const openFresh = () => new SqliteEventStore({ file: join(dir.path, `${randomUUID()}.db`) });

  it('verifies an untouched log', async () => {
    const store = openFresh();
    await fillPlan(store);
    expect(describeVerification(await verifyLog(store, 5))).toBe('verified 12 events in 3 streams');
    await store.close();
  });

  it.each(tampering)('catches %s', async (_, statements, expected) => {
    const store = openFresh();
    await fillPlan(store);
    const file = (await store.health()).detail!;
    const raw = new Database(file);
    for (const sql of statements) raw.exec(sql.replace('$TYPE', 'text'));
    raw.close();
    const result = await verifyLog(store, 5);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.break).toMatchObject(expected);
    await store.close();
  });

  it('catches the deletion of the newest event, which leaves every chain intact', async () => {
    const store = openFresh();
    await fillPlan(store);
    const raw = new Database((await store.health()).detail);
    raw.exec(`DELETE FROM events WHERE position = 12`);
    raw.close();
    const result = await verifyLog(store);
    expect(describeVerification(result)).toBe('tampering found at position 12: global position 12 is missing: an event was deleted');
    await store.close();
  });
});

describe("verify of chosen streams (one plan's) on SQLite", () => {
  const dir = tempDir('verify-streams');
  afterAll(() => dir.remove());
  const tampered = async (...statements: string[]) => {
    const store = new SqliteEventStore({ file: join(dir.path, `${randomUUID()}.db`) });
    await fillPlan(store);
    const raw = new Database((await store.health()).detail);
    for (const statement of statements) raw.exec(statement);
    raw.close();
    return store;
  };

  it('counts the events of each stream it checked, with its head hash', async () => {
    const store = await tampered();
    const result = await verifyStreams(store, ['plan-hmip', 'action-2.2']);
    const heads = await Promise.all(
      ['plan-hmip', 'action-2.2'].map(async (stream) => (await store.readStream(stream)).at(-1)!.metadata.hash),
    );
    expect(result).toEqual({
      ok: true,
      events: 8,
      streams: [
        { stream: 'plan-hmip', events: 4, headHash: heads[0] },
        { stream: 'action-2.2', events: 4, headHash: heads[1] },
      ],
    });
    await store.close();
  });

  it('names the first break: an edited payload, a deleted event', async () => {
    const edited = await tampered(
      `UPDATE events SET data = '{"commentary":"Action completed"}' WHERE stream = 'action-2.2' AND version = 3`,
    );
    expect(await verifyStreams(edited, ['plan-hmip', 'action-2.2', 'action-2.3'])).toMatchObject({
      ok: false,
      events: 6,
      break: { stream: 'action-2.2', version: 3, problem: expect.stringMatching(/content was altered/) },
    });
    const deleted = await tampered(`DELETE FROM events WHERE stream = 'action-2.3' AND version = 2`);
    expect(await verifyStreams(deleted, ['action-2.3'])).toMatchObject({
      ok: false,
      break: { stream: 'action-2.3', version: 3, problem: 'version 2 is missing or out of order (found version 3 next)' },
    });
    await Promise.all([edited.close(), deleted.close()]);
  });

  it('checks only the streams it is given', async () => {
    const store = await tampered(
      `UPDATE events SET data = '{"commentary":"Action completed"}' WHERE stream = 'action-2.2' AND version = 3`,
    );
    expect((await verifyStreams(store, ['plan-hmip', 'action-2.3'])).ok).toBe(true);
    await store.close();
  });
});

describeWithPostgres('verify on PostgreSQL', (url) => {
  const schemas: string[] = [];
  const openFresh = async () => {
    const schema = `verify_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    schemas.push(schema);
    return { schema, store: await PostgresEventStore.open({ connectionString: url, schema }) };
  };
  afterAll(() => dropSchemas(url, ...schemas));

  it('verifies an untouched log', async () => {
    const { store } = await openFresh();
    await fillPlan(store);
    expect(describeVerification(await verifyLog(store, 5))).toBe('verified 12 events in 3 streams');
    await store.close();
  });

  it.each(tampering)('catches %s', async (_, statements, expected) => {
    const { schema, store } = await openFresh();
    await fillPlan(store);
    const client = new Client({ connectionString: url });
    await client.connect();
    await client.query(`SET search_path TO "${schema}"`);
    for (const sql of statements) await client.query(sql.replace('$TYPE', 'jsonb'));
    await client.end();
    const result = await verifyLog(store, 5);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.break).toMatchObject(expected);
    await store.close();
  });
});
