import { join } from 'node:path';
import { SqliteEventStore, type EventStore } from '@actionplans/event-store';
import { describeWithPostgres, dropSchemas, eventually, tempDir, writePlanScenario } from '@actionplans/testing';
import { ReadModelProjection } from './projection';
import { ProjectionRunner } from './projection-runner';
import { openReadModelDb, type ReadModelDb, type ReadModelDbOptions } from './read-model-db';
import { replayReadModels } from './replay';
import { snapshotTables } from './snapshot';

function describeProjection(name: string, options: (dir: string) => ReadModelDbOptions) {
  describe(`report tables on ${name}`, () => {
    const dir = tempDir(`projection-${name}`);
    let store: EventStore;
    let live: ReadModelDb;
    let runner: ProjectionRunner;
    let actionIds: string[];

    beforeAll(async () => {
      store = new SqliteEventStore({ file: join(dir.path, 'events.db') });
      live = await openReadModelDb(options(join(dir.path, 'live')));
      runner = new ProjectionRunner(store, new ReadModelProjection(live), { maxBatch: 7 });
      await runner.start();
      ({ actionIds } = await writePlanScenario(store, 'p1'));
      await writePlanScenario(store, 'p2');
      const head = await store.headPosition();
      await eventually('the live projection reaches the head of the log', () => runner.tracker.position === head);
    });
    afterAll(async () => {
      await runner?.stop();
      await live?.close();
      await store?.close();
      dir.remove();
    });

    it('shows each action as its history left it', async () => {
      const rows = await live.db.selectFrom('actions').selectAll().where('plan_id', '=', 'p1').orderBy('seq').execute();
      expect(rows.map(({ stage, target_due, duplicate_of, assessment }) => ({ stage, target_due, duplicate_of, assessment }))).toEqual([
        { stage: 'complete', target_due: '2021-03-31', duplicate_of: null, assessment: 'on track' },
        { stage: 'open', target_due: '2021-03-31', duplicate_of: null, assessment: 'on track' },
        { stage: 'open', target_due: '2021-06-30', duplicate_of: null, assessment: 'on track' },
        { stage: 'open', target_due: '2021-03-31', duplicate_of: actionIds[0], assessment: 'on track' },
      ]);
      expect(JSON.parse(rows[2].original_target)).toMatchObject({ raw: 'Mar-21', due: '2021-03-31' });
    });

    it('keeps the plan, its groupings, the evidence, revisions, links and panel decisions', async () => {
      expect(
        await live.db.selectFrom('plans').select(['stage', 'warning_days', 'submitted_to']).where('plan_id', '=', 'p1').executeTakeFirst(),
      ).toEqual({ stage: 'active', warning_days: 7, submitted_to: 'Youth Justice Board' });
      expect(await live.db.selectFrom('groupings').select(['parent_id']).where('plan_id', '=', 'p1').orderBy('seq').execute()).toEqual([
        { parent_id: null },
        { parent_id: 'p1-s' },
      ]);
      expect(
        await live.db
          .selectFrom('evidence')
          .select(['evidence_id', 'withdrawn'])
          .where('action_id', '=', actionIds[1])
          .orderBy('evidence_id')
          .execute(),
      ).toEqual([
        { evidence_id: `${actionIds[1]}-e1`, withdrawn: 0 },
        { evidence_id: `${actionIds[1]}-e2`, withdrawn: 1 },
      ]);
      expect(await live.db.selectFrom('target_date_revisions').select(['state', 'proposed_due']).execute()).toContainEqual({
        state: 'approved',
        proposed_due: '2021-06-30',
      });
      expect(
        await live.db
          .selectFrom('panel_agenda')
          .select(['action_id', 'outcome'])
          .where('panel_id', '=', 'p1-panel')
          .orderBy('action_id')
          .execute(),
      ).toEqual([
        { action_id: actionIds[0], outcome: 'signed off' },
        { action_id: actionIds[1], outcome: 'more evidence required' },
      ]);
      expect(
        await live.db
          .selectFrom('progress_updates')
          .select(({ fn }) => fn.countAll().as('n'))
          .executeTakeFirst(),
      ).toEqual({ n: 8 });
    });

    it('builds the same tables when replayed from position 0 as it built live', async () => {
      const replayed = await openReadModelDb(options(join(dir.path, 'replayed')));
      try {
        const { events } = await replayReadModels(store, replayed, () => {}, 5);
        expect(events).toBe(await store.headPosition());
        expect(await snapshotTables(replayed)).toEqual(await snapshotTables(live));
      } finally {
        await replayed.close();
      }
    });

    it('resumes from its checkpoint after a stop, taking up only what came after', async () => {
      await runner.stop();
      const stoppedAt = await new ReadModelProjection(live).checkpoint();
      expect(stoppedAt).toBe(await store.headPosition());
      await writePlanScenario(store, 'p3');
      runner = new ProjectionRunner(store, new ReadModelProjection(live));
      await runner.start();
      expect(runner.tracker.position).toBe(stoppedAt);
      const head = await store.headPosition();
      await eventually('the restarted projection reaches the new head', () => runner.tracker.position === head);
      expect(await live.db.selectFrom('actions').select('stage').where('plan_id', '=', 'p3').execute()).toHaveLength(4);
    });

    it('changes nothing when events it has applied are applied again (a crash before the checkpoint)', async () => {
      const before = await snapshotTables(live);
      const projection = new ReadModelProjection(live);
      await projection.apply(await store.readAll(0, 10_000));
      await projection.apply(await store.readAll(20, 15));
      expect(await snapshotTables(live)).toEqual(before);
    });
  });
}

describeProjection('SQLite', (dir) => ({ dialect: 'sqlite', dataDir: dir }));

describeWithPostgres('report tables on PostgreSQL', (url) => {
  const schemas: string[] = [];
  afterAll(() => dropSchemas(url, ...schemas));
  describeProjection('PostgreSQL', (dir) => {
    const schema = `rm_${dir.split(/[/\\]/).at(-1)}_${process.pid}_${schemas.length}`;
    schemas.push(schema);
    return { dialect: 'postgres', databaseUrl: url, schema };
  });
});

describe('report tables catching up on SQLite', () => {
  it('let other work run between batches instead of holding the event loop until they reach the head', async () => {
    const dir = tempDir('projection-catch-up');
    const store = new SqliteEventStore({ file: join(dir.path, 'events.db') });
    const readModels = await openReadModelDb({ dialect: 'sqlite', dataDir: dir.path });
    const runner = new ProjectionRunner(store, new ReadModelProjection(readModels), { maxBatch: 7 });
    try {
      for (let n = 0; n < 10; n += 1) await writePlanScenario(store, `p${n}`);
      const head = await store.headPosition();
      await runner.start();
      // A timer stands for a request waiting to be answered while the app starts on a long log.
      const reachedWhenTimerRan = await new Promise<number>((resolve) => setTimeout(() => resolve(runner.tracker.position), 0));
      expect(reachedWhenTimerRan).toBeLessThan(head / 2);
      await eventually('the projection reaches the head of the log', () => runner.tracker.position === head);
    } finally {
      await runner.stop();
      await readModels.close();
      await store.close();
      dir.remove();
    }
  });
});
