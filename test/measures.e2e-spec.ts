import { RATING_SCHEMES } from '@actionplans/domain';
import fixture from './fixtures/send-wsoa-ehcp-measure.json';
import { created, startWorld, type Reply } from './support/api-world';

/**
 * An impact measure of the SEND written statement of action over HTTP: "EHC plans audited rated as
 * good or better from 52.5% to 75% by June 2023", from its baseline through a provisional figure
 * and a restated one to achieved, as at earlier days on both clocks; and the board's category
 * "Action complete, impact measures achieved", refused until the measure is achieved.
 */
const people = {
  manager: { name: 'SEND Performance Manager', role: 'plan manager' },
  julie: { name: 'Julie Day', role: 'action owner' },
  vicki: { name: 'Vicki Ingram', role: 'action owner' },
  board: { name: 'SEND Executive Board member', role: 'viewer' },
};
const today = () => new Date().toISOString().slice(0, 10);
const refusal = (reply: Reply) => [reply.status, reply.body?.code];
const brag = RATING_SCHEMES['send-wsoa-brag'];

describe('impact measures over HTTP', () => {
  let world: Awaited<ReturnType<typeof startWorld<keyof typeof people>>>;
  let planId = '';
  let measureId = '';
  const groupings: Record<string, string> = {};
  const actions: Record<string, string> = {};

  beforeAll(async () => {
    world = await startWorld('measures', people, { RATE_LIMIT: '0' });
    const { manager, julie, vicki } = world.users;
    const owners = { 'Julie Day': julie.userId, 'Vicki Ingram': vicki.userId };
    planId = (
      await created(
        manager.post('/plans', {
          kind: 'written statement of action',
          title: 'SEND Written Statement of Action',
          source: { body: 'Ofsted and CQC', date: '2021-06', judgement: null },
          // The board's "complete" is "impact measures achieved and approval to close obtained".
          ratingSchemeInFull: {
            name: 'send-wsoa-brag with measures',
            categories: brag.categories.map((c) => (c.key === 'complete' ? { ...c, requiresMeasuresAchieved: true } : c)),
          },
          effective: { at: '2021-09-01', source: 'SEND Written Statement of Action, September 2021' },
        }),
      )
    ).body.id;
    for (const { reference, title } of fixture.subActions)
      groupings[reference] = (
        await created(manager.post(`/plans/${planId}/groupings`, { kind: 'sub-action', references: [reference], title }))
      ).body.createdId;
    await created(manager.post(`/plans/${planId}/activation`, { submittedTo: 'SEND Executive Board', submittedOn: today() }));
    for (const { reference, subAction, description, lead } of fixture.actions)
      actions[reference] = (
        await created(
          manager.post(`/plans/${planId}/actions`, {
            groupingId: groupings[subAction],
            references: [reference],
            description,
            targetDate: 'June 2023',
            leadOwners: [{ kind: 'person', name: lead, userId: owners[lead as keyof typeof owners] }],
          }),
        )
      ).body.id;
  }, 120_000);
  afterAll(() => world?.stop());

  it('is defined by a plan manager for the sub-action it serves, from the date of the paper, and refused to an owner', async () => {
    const { manager, julie } = world.users;
    const body = {
      ...fixture.measure,
      owner: { kind: 'person', name: 'Julie Day', userId: julie.userId },
      groupingIds: [groupings['1.1']],
      effective: { at: '2021-09-01', source: 'SEND Written Statement of Action, September 2021' },
    };
    expect(refusal(await julie.post(`/plans/${planId}/measures`, body))).toEqual([403, 'MEASURE.NOT_PLAN_MANAGER']);
    const worse = await manager.post(`/plans/${planId}/measures`, { ...body, targets: [{ value: 40, by: '2023-06-30' }] });
    expect(refusal(worse)).toEqual([422, 'MEASURE.TARGET_WORSE_THAN_BASELINE']);
    expect(worse.body.detail).toMatch(/^targets\[0\]\.value/);
    const defined = await created(manager.post(`/plans/${planId}/measures`, body));
    measureId = defined.body.id;
    expect(defined.headers.get('location')).toBe(`/measures/${measureId}`);
    const { body: measure } = await world.users.board.get(`/measures/${measureId}`);
    expect(measure).toMatchObject({
      name: fixture.measure.name,
      baseline: { value: 52.5 },
      status: 'no data',
      travel: 'no data',
      latest: null,
    });
  });

  it('goes from its baseline through a provisional and a restated figure to achieved', async () => {
    const { manager, julie, vicki } = world.users;
    const figure = (period: string, periodEnd: string, value: number, extra: object = {}) => ({ period, periodEnd, value, ...extra });
    // Reported to the board in May 2022: entered now by the plan manager, effective on the paper's day.
    await created(
      manager.post(`/measures/${measureId}/actuals`, {
        ...figure('Q4 2021/22', '2022-03-31', 58),
        effective: { at: '2022-05-10', source: 'SEND Executive Board, 10 May 2022' },
      }),
    );
    // Expected on 31 March 2022 is 60.9 (on the line from 52.5 to 75): 58 is 2.9 short, within 5.
    expect((await julie.get(`/measures/${measureId}`)).body).toMatchObject({ status: 'amber', travel: 'improving' });

    await created(
      julie.post(
        `/measures/${measureId}/actuals`,
        figure('Q1 2022/23', '2022-06-30', 61, { provisional: true, note: 'sample part audited' }),
      ),
    );
    expect(refusal(await vicki.post(`/measures/${measureId}/actuals`, figure('Q2 2022/23', '2022-09-30', 66)))).toEqual([
      403,
      'MEASURE.NOT_OWNER',
    ]);
    expect(refusal(await julie.post(`/measures/${measureId}/actuals`, figure('q1 2022/23', '2022-06-30', 62)))).toEqual([
      409,
      'MEASURE.ALREADY_RECORDED',
    ]);
    expect((await julie.get(`/measures/${measureId}`)).body).toMatchObject({
      status: 'amber',
      latest: { period: 'Q1 2022/23', value: 61, provisional: true },
      against: { target: { value: 75, by: '2023-06-30' }, expected: 63.75 },
    });

    await created(
      julie.post(`/measures/${measureId}/restatements`, {
        period: 'Q1 2022/23',
        value: 64.2,
        provisional: false,
        reason: 'audit figures re-run retrospectively',
      }),
    );
    const restated = (await julie.get(`/measures/${measureId}`)).body;
    expect(restated).toMatchObject({ status: 'on track', latest: { value: 64.2, provisional: false } });
    expect(restated.actuals[1]).toMatchObject({
      period: 'Q1 2022/23',
      value: 64.2,
      note: 'sample part audited',
      recorded: { value: 61, provisional: true, by: julie.userId },
      restatements: [{ value: 64.2, reason: 'audit figures re-run retrospectively', replaces: { value: 61, provisional: true } }],
    });

    await created(julie.post(`/measures/${measureId}/actuals`, figure('Q1 2023/24', '2023-06-30', 76.4)));
    const achieved = (await world.users.board.get(`/plans/${planId}/measures`)).body;
    expect(achieved.measures).toEqual([
      expect.objectContaining({ measureId, status: 'achieved', travel: 'improving', latest: expect.objectContaining({ value: 76.4 }) }),
    ]);
    expect(restated.history.map((entry: { type: string }) => entry.type)).toEqual([
      'MeasureDefined',
      'ActualRecorded',
      'ActualRecorded',
      'ActualRestated',
    ]);
  });

  it('answers as at an earlier day on either clock, as the board was told it', async () => {
    const { board } = world.users;
    // On the effective clock, the May 2022 paper's figure stood alone on 1 June 2022.
    const then = (await board.get(`/measures/${measureId}?asAt=2022-06-01&basis=effective`)).body;
    expect(then).toMatchObject({ asAt: '2022-06-01', basis: 'effective', status: 'amber', latest: { period: 'Q4 2021/22', value: 58 } });
    expect(then.actuals).toHaveLength(1);
    // Nothing of it had been typed in by then.
    expect(refusal(await board.get(`/measures/${measureId}?asAt=2022-06-01&basis=recorded`))).toEqual([404, 'MEASURE.NOT_FOUND']);
    const listed = (await board.get(`/plans/${planId}/measures?asAt=2022-06-01`)).body;
    expect(listed).toMatchObject({ planId, asAt: '2022-06-01', basis: 'effective', measures: [{ measureId, status: 'amber' }] });
    expect((await board.get(`/plans/${planId}/measures?asAt=2021-08-31`)).body.measures).toEqual([]);
  });

  it('is changed only by plan managers, with a reason, recording only what changed', async () => {
    const { manager, julie } = world.users;
    const change = { tolerance: { amberWithin: 8 }, reason: 'tolerances reviewed annually at the Performance Board' };
    expect(refusal(await julie.put(`/measures/${measureId}`, change))).toEqual([403, 'MEASURE.NOT_PLAN_MANAGER']);
    expect((await manager.put(`/measures/${measureId}`, change)).status).toBe(200);
    expect(refusal(await manager.put(`/measures/${measureId}`, change))).toEqual([409, 'MEASURE.ALREADY_SO']);
    const { body } = await julie.get(`/measures/${measureId}`);
    expect(body.tolerance).toEqual({ amberWithin: 8 });
    expect(body.history.at(-1)).toMatchObject({ type: 'MeasureChanged', change: change, by: manager.userId });
  });
});

describe('a category that requires achieved measures, over HTTP', () => {
  let world: Awaited<ReturnType<typeof startWorld<keyof typeof people>>>;
  let planId = '';
  let measureId = '';
  const groupings: Record<string, string> = {};
  const actions: Record<string, string> = {};

  beforeAll(async () => {
    world = await startWorld('measures-achieved', people, { RATE_LIMIT: '0' });
    const { manager, julie } = world.users;
    planId = (
      await created(
        manager.post('/plans', {
          kind: 'written statement of action',
          title: 'SEND Written Statement of Action',
          source: { body: 'Ofsted and CQC', date: '2021-06', judgement: null },
          ratingSchemeInFull: {
            name: 'send-wsoa-brag with measures',
            categories: brag.categories.map((c) => (c.key === 'complete' ? { ...c, requiresMeasuresAchieved: true } : c)),
          },
        }),
      )
    ).body.id;
    for (const { reference, title } of fixture.subActions)
      groupings[reference] = (
        await created(manager.post(`/plans/${planId}/groupings`, { kind: 'sub-action', references: [reference], title }))
      ).body.createdId;
    for (const { reference, subAction, description, lead } of fixture.actions) {
      actions[reference] = (
        await created(
          manager.post(`/plans/${planId}/actions`, {
            groupingId: groupings[subAction],
            references: [reference],
            description,
            targetDate: 'June 2023',
            leadOwners: [{ kind: 'person', name: lead }],
          }),
        )
      ).body.id;
      await created(
        manager.post(`/actions/${actions[reference]}/sign-off-from-paper`, {
          effective: { at: today(), source: 'SEND evidence challenge panel minutes' },
        }),
      );
      // One plan manager's word is a proposal: an admin confirms it (ADR 33).
      await created(world.admin.post(`/actions/${actions[reference]}/proposed-sign-off/confirmation`, {}));
    }
    measureId = (
      await created(
        manager.post(`/plans/${planId}/measures`, {
          ...fixture.measure,
          owner: { kind: 'person', name: 'Julie Day', userId: julie.userId },
          groupingIds: [groupings['1.1']],
        }),
      )
    ).body.id;
    await created(julie.post(`/measures/${measureId}/actuals`, { period: 'Q1 2022/23', periodEnd: '2022-06-30', value: 64.2 }));
  }, 120_000);
  afterAll(() => world?.stop());

  const complete = (reference: string) =>
    world.users.manager.post(`/actions/${actions[reference]}/rating-moderations`, {
      rating: 'Action complete',
      authority: 'SEND Executive Board',
      reason: 'Board of the day',
    });

  it('refuses "Action complete" for a signed-off action whose sub-action’s measure is not achieved, naming the measure', async () => {
    const refused = await complete('1.1.3');
    expect(refusal(refused)).toEqual([422, 'RATING.MEASURES_NOT_ACHIEVED']);
    expect(refused.body.detail).toContain(`"${fixture.measure.name}" (${measureId}) is on track`);
    const { body } = await world.users.board.get(`/actions/${actions['1.1.3']}`);
    expect(body.rating ?? null).toBeNull();
  });

  it('refuses it on a provisional achieving figure, and accepts it once the figure is confirmed', async () => {
    const { julie } = world.users;
    await created(
      julie.post(`/measures/${measureId}/actuals`, { period: 'Q1 2023/24', periodEnd: '2023-06-30', value: 75.5, provisional: true }),
    );
    expect(refusal(await complete('1.1.3'))).toEqual([422, 'RATING.MEASURES_NOT_ACHIEVED']);
    await created(
      julie.post(`/measures/${measureId}/restatements`, {
        period: 'Q1 2023/24',
        value: 75.5,
        provisional: false,
        reason: 'audit moderated',
      }),
    );
    expect((await complete('1.1.3')).status).toBe(201);
  });

  it('does not hold back an action no measure serves', async () => expect((await complete('1.3.1')).status).toBe(201));
});
