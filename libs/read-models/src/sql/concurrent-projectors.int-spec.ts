import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { join } from 'node:path';
import { SqliteEventStore, type EventStore } from '@actionplans/event-store';
import { describeWithPostgres, dropSchemas, eventually, tempDir, writePlanScenario } from '@actionplans/testing';
import { ReadModelProjection } from './projection';
import { ProjectionRunner } from './projection-runner';
import { openReadModelDb, type ReadModelDb } from './read-model-db';
import { replayReadModels } from './replay';
import { snapshotTables } from './snapshot';

/** Holds every answer a while: a projector on a busy machine, whose rows are older by the time it writes them back. */
class SlowAnswers implements KyselyPlugin {
  transformQuery({ node }: PluginTransformQueryArgs): RootOperationNode {
    return node;
  }

  async transformResult({ result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    await new Promise((resolve) => setTimeout(resolve, 4));
    return result;
  }
}

const WRITERS = 3;
const PLANS_EACH = 8;

/**
 * Every API instance and the worker may project into the same report tables. Two projectors
 * follow one log while writers append to it, one of them slow; one is restarted part-way (it
 * resumes from the tables' checkpoint). Whatever order their batches land in, the tables end as
 * a replay of the log builds them, and no reader ever sees a row go back to an older version.
 */
describeWithPostgres('two projectors over the same log and the same PostgreSQL report tables', (url) => {
  const dir = tempDir('concurrent-projectors');
  const schema = `rm_concurrent_${process.pid}`;
  const replayed = `${schema}_replay`;
  let store: EventStore;
  const opened: ReadModelDb[] = [];
  const open = async (name: string) => {
    const readModels = await openReadModelDb({ dialect: 'postgres', databaseUrl: url, schema: name });
    opened.push(readModels);
    return readModels;
  };

  beforeAll(() => {
    store = new SqliteEventStore({ file: join(dir.path, 'events.db') });
  });
  afterAll(async () => {
    for (const readModels of opened) await readModels.close();
    await store?.close();
    await dropSchemas(url, schema, replayed);
    dir.remove();
  });

  it('end with the tables a replay builds, and never put back an older row', async () => {
    const fastDb = await open(schema);
    const slowPool = await open(schema);
    const slowDb: ReadModelDb = { ...slowPool, db: slowPool.db.withPlugin(new SlowAnswers()) };
    const fast = new ProjectionRunner(store, new ReadModelProjection(fastDb), { maxBatch: 5 });
    let slow = new ProjectionRunner(store, new ReadModelProjection(slowDb), { maxBatch: 50, retryMs: 10 });
    await fast.start();
    await slow.start();

    const seen = new Map<string, number>();
    const wentBack = new Set<string>();
    let writing = true;
    const watching = (async () => {
      while (writing) {
        for (const { action_id, version } of await fastDb.db.selectFrom('actions').select(['action_id', 'version']).execute()) {
          if (version < (seen.get(action_id) ?? 0)) wentBack.add(`${action_id}: v${seen.get(action_id)} then v${version}`);
          seen.set(action_id, Math.max(version, seen.get(action_id) ?? 0));
        }
      }
    })();
    const writers = Array.from({ length: WRITERS }, async (_, writer) => {
      for (let n = 0; n < PLANS_EACH; n += 1) {
        await writePlanScenario(store, `w${writer}-p${n}`);
        if (writer === 0 && n === PLANS_EACH / 2) {
          await slow.stop();
          slow = new ProjectionRunner(store, new ReadModelProjection(slowDb), { maxBatch: 50, retryMs: 10 });
          await slow.start();
        }
      }
    });
    await Promise.all(writers);
    const head = await store.headPosition();
    try {
      await eventually(
        'both projectors reach the head of the log',
        () => fast.tracker.position === head && slow.tracker.position === head,
        60_000,
      );
    } finally {
      writing = false;
      await watching;
      await fast.stop();
      await slow.stop();
    }

    expect(seen.size).toBe(WRITERS * PLANS_EACH * 4);
    const replay = await open(replayed);
    await replayReadModels(store, replay);
    expect(await snapshotTables(fastDb)).toEqual(await snapshotTables(replay));
    expect([...wentBack]).toEqual([]);
  });
});
