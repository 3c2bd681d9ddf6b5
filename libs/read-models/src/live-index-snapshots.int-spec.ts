import { join } from 'node:path';
import { NO_STREAM, SqliteEventStore, type EventStore } from '@actionplans/event-store';
import { describeWithPostgres, dropSchemas, eventually, tempDir, writePlanScenario } from '@actionplans/testing';
import { LiveIndex } from './live-index';
import { PlanIndex } from './plan-index';
import { IndexSnapshots } from './sql/index-snapshots';
import { openReadModelDb, type ReadModelDb } from './sql/read-model-db';
import { WorkIndex } from './work-index';

/** When an index's snapshot is taken, and when one is passed over for the log itself. */
describe('snapshots of an in-memory index', () => {
  const dir = tempDir('index-snapshots');
  let readModels: ReadModelDb;
  let snapshots: IndexSnapshots;
  const stores: EventStore[] = [];
  const warnings: string[] = [];
  const logger = { log: () => undefined, warn: (message: string) => warnings.push(message) };
  // Named by its readers' formats, which change whenever what a reader keeps changes.
  const NAME = `live-index:${[new PlanIndex(), new WorkIndex()].map((reader) => reader.snapshotFormat).join(',')}`;

  const storeWith = async (...planIds: string[]) => {
    const store = new SqliteEventStore({ file: join(dir.path, `events-${stores.length}.db`) });
    stores.push(store);
    for (const planId of planIds) await writePlanScenario(store, planId);
    return store;
  };
  /** Starts an index of a plan and a work index over `store`, and answers it and its readers once it has read to the head. */
  const started = async (store: EventStore, options: { snapshots?: IndexSnapshots; every?: number } = { snapshots }) => {
    const readers = { plans: new PlanIndex(), work: new WorkIndex() };
    const cadence = { every: options.every ?? 50_000, atStart: 10_000 };
    const index = new LiveIndex(store, [readers.plans, readers.work], { logger, snapshots: options.snapshots, cadence });
    await index.start();
    return { index, ...readers };
  };
  const rebuilt = async (store: EventStore) => {
    const fresh = await started(store, {});
    await fresh.index.stop();
    return [fresh.plans.snapshot(), fresh.work.snapshot()];
  };

  beforeAll(async () => {
    readModels = await openReadModelDb({ dialect: 'sqlite', dataDir: dir.path });
    snapshots = new IndexSnapshots(readModels);
  });
  afterAll(async () => {
    await Promise.all([readModels.close(), ...stores.map((store) => store.close())]);
    dir.remove();
  });

  it('is saved when the process stops, at the position read to', async () => {
    const store = await storeWith('p1');
    const { index } = await started(store);
    await index.stop();
    const saved = await snapshots.load(NAME);
    const [last] = await store.readAll((await store.headPosition()) - 1, 1);
    expect(saved).toMatchObject({ position: last.position, eventId: last.id });
  });

  it('is passed over when it is of another event log, which is then read from the start', async () => {
    const other = await storeWith('q1', 'q2');
    warnings.length = 0;
    const { index, plans, work } = await started(other);
    await index.stop();
    expect(warnings).toEqual([
      expect.stringMatching(
        new RegExp(`^${NAME}: its snapshot at position \\d+ is not of this event log; reading the log from the start$`),
      ),
    ]);
    expect([plans.snapshot(), work.snapshot()]).toEqual(await rebuilt(other));
    expect(plans.list().map((plan) => plan.planId)).toEqual(['q1', 'q2']);
  });

  it('is passed over when the log is shorter than it (a store replaced by an older copy)', async () => {
    const store = await storeWith();
    await store.append(
      'plan-short',
      [{ type: 'PlanCreated', data: { planId: 'short', title: 'Short' }, metadata: { actor: { id: 'u-manager', role: 'plan manager' } } }],
      NO_STREAM,
    );
    warnings.length = 0;
    const { index, plans } = await started(store);
    await index.stop();
    expect(warnings).toEqual([expect.stringMatching(/ is not of this event log; reading the log from the start$/)]);
    expect(plans.list().map((plan) => plan.planId)).toEqual(['short']);
  });

  it('is passed over when it cannot be read back', async () => {
    const store = await storeWith('r1');
    const [last] = await store.readAll((await store.headPosition()) - 1, 1);
    const { fingerprint } = (await snapshots.load(NAME))!;
    await snapshots.save(NAME, { position: last.position, eventId: last.id, fingerprint, state: Buffer.from('not a snapshot') });
    warnings.length = 0;
    const { index, plans } = await started(store);
    await index.stop();
    expect(warnings).toEqual([expect.stringMatching(/its snapshot cannot be read back .*; reading the log from the start$/)]);
    expect(plans.list().map((plan) => plan.planId)).toEqual(['r1']);
  });

  it('is passed over when it was taken by other code', async () => {
    const store = await storeWith('t1');
    const first = await started(store);
    await first.index.stop();
    const saved = (await snapshots.load(NAME))!;
    await snapshots.save(NAME, { ...saved, fingerprint: 'code of an earlier version' });
    const again = await started(store);
    await again.index.stop();
    expect(again.plans.list().map((plan) => plan.planId)).toEqual(['t1']);
    expect((await snapshots.load(NAME))?.fingerprint).toBe(saved.fingerprint);
  });

  it('is saved again as the index reads live, every so many events', async () => {
    const store = await storeWith('s1');
    const { index } = await started(store, { snapshots, every: 5 });
    const before = (await snapshots.load(NAME))?.position ?? 0;
    for (let n = 0; n < 12; n += 1)
      await store.append(
        `plan-extra-${n}`,
        [
          {
            type: 'PlanCreated',
            data: { planId: `extra-${n}`, title: `Extra ${n}` },
            metadata: { actor: { id: 'u-manager', role: 'plan manager' } },
          },
        ],
        NO_STREAM,
      );
    const head = await store.headPosition();
    await index.waitFor(head, 5_000);
    await eventually('a snapshot taken after the tenth new event', async () => ((await snapshots.load(NAME))?.position ?? 0) >= head - 2);
    expect(before).toBeLessThan(head - 2);
    await index.stop();
  });
});

/** Saves a state of several parts, then a smaller one over it, and reads back the last. */
async function savedInParts(readModels: ReadModelDb): Promise<void> {
  const snapshots = new IndexSnapshots(readModels);
  const big = Buffer.alloc(2.5 * 2 ** 20);
  for (let n = 0; n < big.length; n += 1) big[n] = n % 251;
  await snapshots.save('live-index:x@1', { position: 7, eventId: 'e7', fingerprint: 'f1', state: big });
  const loaded = await snapshots.load('live-index:x@1');
  // Compared as bytes: Jest's deep equality walks a Buffer element by element.
  expect({ ...loaded, state: loaded?.state.equals(big) }).toEqual({ position: 7, eventId: 'e7', fingerprint: 'f1', state: true });
  const small = Buffer.from('a smaller state');
  await new IndexSnapshots(readModels).save('live-index:x@1', { position: 9, eventId: 'e9', fingerprint: 'f2', state: small });
  expect(await snapshots.load('live-index:x@1')).toEqual({ position: 9, eventId: 'e9', fingerprint: 'f2', state: small });
  expect(await snapshots.load('live-index:y@1')).toBeNull();
}

describe('snapshots of an in-memory index in SQLite', () => {
  const dir = tempDir('index-snapshot-parts');
  afterAll(() => dir.remove());
  it('keeps the state byte for byte, in parts, the latest save winning', async () => {
    const readModels = await openReadModelDb({ dialect: 'sqlite', dataDir: dir.path });
    await savedInParts(readModels).finally(() => readModels.close());
  });
});

describeWithPostgres('snapshots of an in-memory index in PostgreSQL', (url) => {
  const schema = `index_snapshots_${process.pid}`;
  afterAll(() => dropSchemas(url, schema));
  it('keeps the state byte for byte, in parts, the latest save winning', async () => {
    const readModels = await openReadModelDb({ dialect: 'postgres', databaseUrl: url, schema });
    await savedInParts(readModels).finally(() => readModels.close());
  });
});
