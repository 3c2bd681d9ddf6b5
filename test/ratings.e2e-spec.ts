import { parse } from 'csv-parse/sync';
import { created, startWorld } from './support/api-world';

/**
 * Status as a board rates it, beside the engine's own check: a SEND written statement of action
 * rated in its BRAG categories, where the ratings and the computed status disagree (an action
 * rated on track long after its target date), asked on either basis and for two days at once.
 */
const people = {
  manager: { name: 'SEND Performance Manager', role: 'plan manager' },
  owner: { name: 'Head of SEND', role: 'action owner' },
  board: { name: 'SEND Executive Board member', role: 'viewer' },
};
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const written = (iso: string) => iso.split('-').reverse().join('/');
const BRAG = [
  'Action complete',
  'Action on track',
  'Action in progress with some concerns',
  'Action at significant risk / no progress',
  'Action not due to start',
];
const rows = (summary: { byStatus: Array<{ label: string; count: number; percent: number }> }) =>
  summary.byStatus.map(({ label, count, percent }) => [label, count, percent]);

describe('ratings beside the computed status, over HTTP', () => {
  let world: Awaited<ReturnType<typeof startWorld<keyof typeof people>>>;
  let planId: string;
  const ids: Record<'late' | 'starting' | 'concerns' | 'silent', string> = { late: '', starting: '', concerns: '', silent: '' };

  beforeAll(async () => {
    world = await startWorld('ratings', people);
    const { manager, owner } = world.users;
    planId = (
      await created(
        manager.post('/plans', {
          kind: 'written statement of action',
          title: 'SEND Written Statement of Action',
          source: { body: 'Ofsted and CQC', date: 'JANUARY 2022', judgement: null },
          ratingScheme: 'send-wsoa-brag',
          defaultBasis: 'rating',
        }),
      )
    ).body.id;
    const groupingId = (
      await created(manager.post(`/plans/${planId}/groupings`, { kind: 'priority area', references: ['1'], title: 'EHC plans' }))
    ).body.createdId;
    const raise = async (reference: string, targetDate: string, startDate?: string) =>
      (
        await created(
          manager.post(`/plans/${planId}/actions`, {
            groupingId,
            references: [reference],
            description: `Action ${reference}`,
            targetDate,
            ...(startDate ? { startDate } : {}),
            leadOwners: [{ kind: 'person', name: 'Head of SEND', userId: owner.userId }],
          }),
        )
      ).body.id as string;
    ids.late = await raise('1.1', '31/01/2023');
    ids.starting = await raise('1.2', written(day(300)), written(day(30)));
    ids.concerns = await raise('1.3', written(day(300)));
    ids.silent = await raise('1.4', written(day(300)));
    const update = (actionId: string, rating: string) =>
      owner.post(`/actions/${actionId}/progress`, { commentary: 'Audits running', assessment: 'on track', asOf: day(0), rating });
    await created(update(ids.late, 'Action on track'));
    await created(update(ids.concerns, 'some-concerns'));
  });
  afterAll(() => world?.stop());

  it('keeps the plan as the papers write it: an open kind, a month (JANUARY 2022) for its source date, its scheme and default basis', async () => {
    const { body } = await world.users.board.get(`/plans/${planId}`);
    expect(body).toMatchObject({ kind: 'written statement of action', source: { date: '2022-01' }, defaultBasis: 'rating' });
    expect(body.ratingScheme.categories.map((category: { label: string }) => category.label)).toEqual(BRAG);
  });

  it('reads a month in words as the domain does, and refuses words that are no month, naming the field and storing nothing', async () => {
    const { manager } = world.users;
    const plan = (date: string) => ({ kind: 'sub-plan', title: `Dated ${date}`, source: { body: 'Ofsted and CQC', date } });
    const sept = await created(manager.post('/plans', plan('Sept 2021')));
    expect((await manager.get(`/plans/${sept.body.id}`)).body.source.date).toBe('2021-09');
    const before = (await manager.get('/plans')).body.length;
    for (const date of ['Smarch 2022', 'JANUARY 2200', 'January 22', '2022-13']) {
      const refused = await manager.post('/plans', plan(date));
      expect({ date, status: refused.status, fields: refused.body.errors?.map((e: { field: string }) => e.field) }).toEqual({
        date,
        status: 400,
        fields: ['source.date'],
      });
    }
    expect((await manager.get('/plans')).body).toHaveLength(before);
  });

  it("refuses a rating the plan's scheme lacks, listing its categories, and a rating of complete without a sign-off", async () => {
    const { owner, manager } = world.users;
    const unknown = await owner.post(`/actions/${ids.silent}/progress`, {
      commentary: 'x',
      assessment: 'on track',
      asOf: day(0),
      rating: 'Purple',
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body).toMatchObject({ code: 'RATING.UNKNOWN_CATEGORY' });
    expect(unknown.body.detail).toContain('"complete", "on-track", "some-concerns", "significant-risk", "not-due-to-start"');
    const complete = await manager.post(`/actions/${ids.silent}/rating-moderations`, {
      rating: 'Action complete',
      authority: 'the SEND Executive Board',
      reason: 'Board of today',
    });
    expect(complete.status).toBe(422);
    expect(complete.body.code).toBe('RATING.COMPLETE_WITHOUT_SIGN_OFF');
  });

  it("counts on the plan's default basis, the ratings, in exactly its five rows, and lists each disagreement with why", async () => {
    const { body } = await world.users.board.get(`/plans/${planId}/summary`);
    expect(body.statusBasis).toBe('rating');
    expect(body.summary.basis).toBe('rating');
    expect(body.summary.countingRule).toMatch(/An action never rated counts in the category of its computed status/);
    // 1.1 and 1.3 rated; 1.2 before its start date; 1.4 never rated and silent: significant risk / no progress.
    expect(rows(body.summary)).toEqual([
      [BRAG[0], 0, 0],
      [BRAG[1], 1, 25],
      [BRAG[2], 1, 25],
      [BRAG[3], 1, 25],
      [BRAG[4], 1, 25],
    ]);
    const why = body.summary.disagreements.map((d: { references: string[]; why: string }) => [d.references[0], d.why]);
    expect(why).toEqual([
      ['1.1', expect.stringMatching(/^rated Action on track, \d+ months past its target date of 31 January 2023$/)],
      ['1.3', expect.stringMatching(/^rated Action in progress with some concerns, but the owner's assessment .*\(Action on track\)$/)],
    ]);
  });

  it('counts the computed status on asking, which never hides lateness', async () => {
    const { body } = await world.users.board.get(`/plans/${planId}/summary?basis=computed`);
    expect(body.summary.basis).toBe('computed');
    expect(rows(body.summary)).toEqual([
      [BRAG[0], 0, 0],
      [BRAG[1], 1, 25],
      [BRAG[2], 0, 0],
      [BRAG[3], 2, 50],
      [BRAG[4], 1, 25],
    ]);
    expect(body.summary.disagreements).toHaveLength(2);
  });

  it("lets the plan manager moderate a rating on the board's authority, settling that disagreement", async () => {
    await created(
      world.users.manager.post(`/actions/${ids.concerns}/rating-moderations`, {
        rating: 'on-track',
        authority: 'the SEND Executive Board',
        reason: 'Board reviewed the audit results',
      }),
    );
    const { body: action } = await world.users.board.get(`/actions/${ids.concerns}`);
    expect(action.rating).toMatchObject({ category: 'on-track', authority: 'the SEND Executive Board' });
    const { body } = await world.users.board.get(`/plans/${planId}/summary?basis=rating`);
    expect(body.summary.disagreements.map((d: { references: string[] }) => d.references[0])).toEqual(['1.1']);
    expect(rows(body.summary).map(([, count]) => count)).toEqual([0, 2, 0, 1, 1]);
  });

  it('gives each line of the action list its category on the basis and its disagreement', async () => {
    const { body } = await world.users.board.get(`/plans/${planId}/actions?basis=rating`);
    expect(body.statusBasis).toBe('rating');
    const late = body.actions.find((line: { actionId: string }) => line.actionId === ids.late);
    expect(late).toMatchObject({
      status: { status: 'off track' },
      rating: { category: 'on-track', authority: null },
      countedIn: { basis: 'rating', category: 'on-track', from: 'rating' },
      disagreement: expect.stringMatching(/past its target date of 31 January 2023/),
    });
  });

  it('answers the summary and the action list as at two days in one answer', async () => {
    const [today, later] = [day(0), day(60)];
    const { body } = await world.users.board.get(`/plans/${planId}/summary?basis=rating&asAt=${today}&compareWith=${later}`);
    expect(body.asAt).toBe(today);
    expect(rows(body.summary).map(([, count]) => count)).toEqual([0, 2, 0, 1, 1]);
    // 60 days on, 1.2 is past its start date and still silent.
    expect(body.compareWith).toMatchObject({ asAt: later, exists: true, statusBasis: 'rating' });
    expect(rows(body.compareWith.summary).map(([, count]) => count)).toEqual([0, 2, 0, 2, 0]);
    const { body: list } = await world.users.board.get(`/plans/${planId}/actions?asAt=${today}&compareWith=${later}`);
    const starting = list.actions.find((line: { actionId: string }) => line.actionId === ids.starting);
    expect(starting.days[today].status.status).toBe('not due to start');
    expect(starting.days[later].status.status).toBe('not started');
    const before = await world.users.board.get(`/plans/${planId}/summary?asAt=${today}&compareWith=2020-01-31`);
    expect(before.body.compareWith).toEqual({ asAt: '2020-01-31', exists: false });
  });

  it('says in every CSV which day and basis it counts on, and gives two days side by side as the papers do', async () => {
    const [today, later] = [day(0), day(60)];
    const csv = async (path: string) => {
      const response = await fetch(`${world.url}${path}`, { headers: { authorization: `Bearer ${world.users.board.token}` } });
      expect([path, response.status, response.headers.get('content-type')]).toEqual([path, 200, expect.stringMatching(/^text\/csv/)]);
      return parse<Record<string, string>>(await response.text(), { columns: true });
    };
    for (const basis of ['rating', 'computed']) {
      const summary = await csv(`/plans/${planId}/summary?format=csv&basis=${basis}`);
      expect(new Set(summary.map((row) => `${row['as at']} ${row.basis} ${row['status basis']}`))).toEqual(
        new Set([`${today} live ${basis}`]),
      );
      const actions = await csv(`/plans/${planId}/actions?format=csv&basis=${basis}&asAt=${today}`);
      expect(new Set(actions.map((row) => `${row['as at']} ${row.basis} ${row['status basis']}`))).toEqual(
        new Set([`${today} effective ${basis}`]),
      );
    }

    const compared = await csv(`/plans/${planId}/summary?format=csv&basis=rating&asAt=${today}&compareWith=${later}`);
    const whole = compared.filter((row) => row.grouping === 'whole plan');
    expect(whole.map((row) => [row.label, row[`count ${today}`], row[`count ${later}`], row['status basis']])).toEqual([
      [BRAG[0], '0', '0', 'rating'],
      [BRAG[1], '2', '2', 'rating'],
      [BRAG[2], '0', '0', 'rating'],
      [BRAG[3], '1', '2', 'rating'],
      [BRAG[4], '1', '0', 'rating'],
    ]);
    expect(compared.filter((row) => row.grouping === '1 EHC plans').map((row) => row[`percent ${later}`])).toEqual([
      '0.0',
      '50.0',
      '0.0',
      '50.0',
      '0.0',
    ]);
  });

  it('takes a scheme in full, and refuses one that leaves a counted state out, naming it', async () => {
    const { manager } = world.users;
    const { body: plan } = await manager.get(`/plans/${planId}`);
    const categories = plan.ratingScheme.categories.slice(0, 4);
    const source = { body: 'Ofsted and CQC', date: '2022-01-31', judgement: null };
    const refused = await manager.post('/plans', {
      kind: 'sub-plan',
      title: 'Four rows',
      source,
      ratingSchemeInFull: { name: 'four rows', categories },
    });
    expect([refused.status, refused.body.code]).toEqual([422, 'RATING.STATE_NOT_COUNTED']);
    expect(refused.body.detail).toContain('"not due to start"');
    const fixed = [...categories.slice(0, 3), { ...categories[3], counts: [...categories[3].counts, 'not due to start'] }];
    const { body } = await created(
      manager.post('/plans', {
        kind: 'sub-plan',
        title: 'Four rows',
        source,
        ratingSchemeInFull: { name: 'four rows', categories: fixed },
      }),
    );
    const { body: summary } = await manager.get(`/plans/${body.id}/summary`);
    expect(summary.summary.byStatus.map((row: { label: string }) => row.label)).toEqual(BRAG.slice(0, 4));
  });

  it('refuses a basis it does not know, or two of one kind', async () => {
    for (const basis of ['rated', 'rating,computed', 'recorded,effective']) {
      const { status, body } = await world.users.board.get(`/plans/${planId}/summary?basis=${basis}`);
      expect([status, body.errors?.[0]?.field]).toEqual([400, 'basis']);
    }
  });
});
