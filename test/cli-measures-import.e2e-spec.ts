import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { measureStream } from '@actionplans/domain';
import { SqliteEventStore } from '@actionplans/event-store';
import { measureView } from '@actionplans/read-models';
import { runBuilt } from '@actionplans/testing';
import fixture from './fixtures/send-wsoa-ehcp-measure.json';
import { created, startWorld } from './support/api-world';

/**
 * `actionplans measures import FILE.csv`: the EHCP audit measure's quarterly figures from a
 * scorecard's CSV; a file with mistakes is reported row by row and records nothing, a good one is
 * checked by a dry run, then recorded as its owner.
 */
const people = {
  manager: { name: 'SEND Performance Manager', role: 'plan manager' },
  julie: { name: 'Julie Day', role: 'action owner', email: 'julie.day@rotherham.example' },
};

describe('actionplans measures import', () => {
  let world: Awaited<ReturnType<typeof startWorld<keyof typeof people>>>;
  let planId = '';
  let measureId = '';
  const file = (name: string, lines: string[]) => {
    const path = join(world.dir, name);
    writeFileSync(path, `${lines.join('\n')}\n`);
    return path;
  };
  const figures = async () => {
    const store = new SqliteEventStore({ file: join(world.dir, 'events.db') });
    try {
      return measureView(await store.readStream(measureStream(measureId)));
    } finally {
      await store.close();
    }
  };

  beforeAll(async () => {
    world = await startWorld('cli-measures-import', people);
    const { manager, julie } = world.users;
    planId = (
      await created(
        manager.post('/plans', {
          kind: 'written statement of action',
          title: 'SEND WSOA',
          source: { body: 'Ofsted and CQC', date: '2021-06' },
        }),
      )
    ).body.id;
    measureId = (
      await created(
        manager.post(`/plans/${planId}/measures`, {
          ...fixture.measure,
          owner: { kind: 'person', name: 'Julie Day', userId: julie.userId },
        }),
      )
    ).body.id;
    await created(manager.post(`/measures/${measureId}/actuals`, { period: 'Q4 2021/22', periodEnd: '2022-03-31', value: 58 }));
    // The command line writes to the same files: the app is stopped first, as for `replay`.
    await world.halt();
  }, 120_000);
  afterAll(() => world?.stop());

  it('reports every bad row by row, column and value, records nothing and exits 1', async () => {
    const bad = file('bad.csv', [
      'Measure,Period,Period end,Value,Provisional,Note',
      `${fixture.measure.name},Q1 2022/23,2022-06-30,61%,yes,sample part audited`,
      'No such measure,Q1 2022/23,2022-06-30,61,,',
      `${measureId},Q4 2021/22,2022-03-31,60,,`,
      `${measureId},Q2 2022/23,2022-09-31,sixty,maybe,`,
    ]);
    const { code, stdout } = runBuilt('cli', ['measures', 'import', bad, '--plan', planId, '--as', people.julie.email], {
      DATA_DIR: world.dir,
    });
    expect(code).toBe(1);
    expect(stdout).toContain('5 problems, nothing recorded:');
    for (const line of [
      'row 3, column A (Measure), "No such measure": MEASURE.NOT_FOUND',
      'row 4, column B (Period), "Q4 2021/22": MEASURE.ALREADY_RECORDED',
      'row 5, column D (Value), "sixty": MEASURE.INVALID_VALUE',
      'row 5, column E (Provisional), "maybe": MEASURE.INVALID',
    ])
      expect(stdout).toContain(line);
    expect((await figures())!.actuals).toHaveLength(1);
  });

  it('dry-runs a good file, then records it as the owner', async () => {
    const good = file('good.csv', [
      'measure,period,period end,value,provisional,note',
      `${fixture.measure.name},Q1 2022/23,2022-06-30,61%,yes,sample part audited`,
      `${measureId},Q1 2023/24,2023-06-30,76.4,no,`,
    ]);
    const args = ['measures', 'import', good, '--plan', planId, '--as', people.julie.email];
    const dry = runBuilt('cli', [...args, '--dry-run'], { DATA_DIR: world.dir });
    expect(dry.stdout).toContain('dry run, nothing stored: would record 2 figures');
    expect((await figures())!.actuals).toHaveLength(1);
    const recorded = runBuilt('cli', args, { DATA_DIR: world.dir });
    expect(recorded.stdout).toContain('recorded 2 figures');
    expect(recorded.code).toBe(0);
    const view = (await figures())!;
    expect(view.actuals.map((a) => [a.period, a.value, a.provisional])).toEqual([
      ['Q4 2021/22', 58, false],
      ['Q1 2022/23', 61, true],
      ['Q1 2023/24', 76.4, false],
    ]);
    expect(view).toMatchObject({ status: 'achieved', travel: 'improving' });
    expect(view.history.at(-1)).toMatchObject({ type: 'ActualRecorded', by: world.users.julie.userId });
  });
});
