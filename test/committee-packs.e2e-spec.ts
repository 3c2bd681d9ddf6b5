import { created, startWorld } from './support/api-world';

/**
 * The committee pack over HTTP: prepared as at a day on a basis (JSON, HTML, PDF), issued to a
 * meeting and recorded, made again as issued with the same hash, and copies checked against it.
 */
const people = {
  manager: { name: 'YOT Performance Manager', role: 'plan manager' },
  owner: { name: 'CYPS Training', role: 'action owner' },
  auditor: { name: 'Internal Audit', role: 'auditor' },
  viewer: { name: 'Board member', role: 'viewer' },
};
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const board = { board: 'YOT Management Board', date: day(7) };
const cover = {
  title: 'HMIP action plan: progress',
  purpose: 'To update the board on the plan',
  recommendations: ['That the board note the progress'],
};

describe('committee packs over HTTP', () => {
  let world: Awaited<ReturnType<typeof startWorld<keyof typeof people>>>;
  let planId: string;

  beforeAll(async () => {
    world = await startWorld('packs', people);
    const { manager, owner } = world.users;
    planId = (
      await created(
        manager.post('/plans', {
          kind: 'inspection',
          title: 'YOT HMIP Inspection Action Plan',
          source: { body: 'HMIP', date: '2020-12-17' },
        }),
      )
    ).body.id;
    const section = (
      await created(manager.post(`/plans/${planId}/groupings`, { kind: 'section', references: [], title: 'Recommendations' }))
    ).body.createdId;
    const recommendation = (
      await created(
        manager.post(`/plans/${planId}/groupings`, {
          parentId: section,
          kind: 'recommendation',
          references: ['2'],
          title: 'Looked after children',
        }),
      )
    ).body.createdId;
    const raise = async (reference: string, targetDate: string) =>
      (
        await created(
          manager.post(`/plans/${planId}/actions`, {
            groupingId: recommendation,
            references: [reference],
            description: `Action ${reference}`,
            targetDate,
            leadOwners: [{ kind: 'role', name: 'CYPS Training', userId: owner.userId }],
          }),
        )
      ).body.id as string;
    await raise('2.1', 'Jan-21');
    const onTrack = await raise('2.2', 'Dec-2099');
    const duplicate = await raise('2.3', 'Jan-21');
    await created(manager.post(`/actions/${duplicate}/links`, { kind: 'duplicate of', targetActionId: onTrack }));
    await created(manager.post(`/plans/${planId}/activation`, { submittedTo: 'Youth Justice Board', submittedOn: day(0) }));
    await created(owner.post(`/actions/${onTrack}/progress`, { commentary: 'Workshops booked', assessment: 'on track', asOf: day(0) }));
  });
  afterAll(() => world?.stop());

  it('prepares the pack as at today: its figures as JSON, one off track and one on track of two counted', async () => {
    const { status, body } = await world.users.viewer.get(`/plans/${planId}/pack?basis=computed`);
    expect(status).toBe(200);
    expect(body.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(body.pack.structure).toBe('1 section, 1 recommendation, 2 actions');
    const rows = Object.fromEntries(body.pack.summary.rows.map((row: any) => [row.category.key, [row.total.count, row.total.percent]]));
    expect(rows).toMatchObject({ 'off track': [1, 50], 'on track': [1, 50], complete: [0, 0] });
    expect(body.pack.keyIssues.map((issue: any) => issue.reference)).toEqual(['2.1']);
  });

  it('gives the same HTML, hash in its footer, every time it is asked', async () => {
    const html = async () =>
      (
        await fetch(`${world.url}/plans/${planId}/pack?basis=computed`, {
          headers: { accept: 'text/html', authorization: `Bearer ${world.users.viewer.token}` },
        })
      ).text();
    const [first, second] = [await html(), await html()];
    expect(second).toBe(first);
    expect(first).toMatch(/SHA-256 of this pack's content: <strong>[0-9a-f]{64}<\/strong>/);
  });

  it('issues the pack to a board meeting, lists it, makes it again with the same hash, and verifies a copy but not a tampered one', async () => {
    const { manager, auditor } = world.users;
    const issued = await created(manager.post(`/plans/${planId}/packs`, { asAt: day(0), basis: 'computed', cover, meeting: board }));
    const packId = issued.body.id as string;
    expect(issued.body.hash).toMatch(/^[0-9a-f]{64}$/);

    const list = await auditor.get(`/plans/${planId}/packs`);
    expect(list.body.packs).toEqual([
      expect.objectContaining({
        packId,
        hash: issued.body.hash,
        meeting: { panelId: null, board: board.board, date: board.date },
        issuedBy: expect.objectContaining({ id: manager.userId }),
      }),
    ]);

    const again = await auditor.get(`/packs/${packId}`);
    expect(again.body).toMatchObject({ hash: issued.body.hash, matches: true });
    expect(again.body.pack.cover).toMatchObject({ title: cover.title, meeting: { name: board.board, date: board.date } });

    const pdf = await fetch(`${world.url}/packs/${packId}.pdf`, { headers: { authorization: `Bearer ${auditor.token}` } });
    expect(pdf.headers.get('content-type')).toBe('application/pdf');

    const copy = await (
      await fetch(`${world.url}/packs/${packId}`, { headers: { accept: 'text/html', authorization: `Bearer ${auditor.token}` } })
    ).text();
    const verified = await auditor.post('/packs/verify', { html: copy });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({
      hash: issued.body.hash,
      matches: true,
      footerMatches: true,
      packs: [expect.objectContaining({ packId, planId })],
    });

    const tampered = copy.replace('<td class="app-num">50.0</td>', '<td class="app-num">25.0</td>');
    expect(tampered).not.toBe(copy);
    expect((await auditor.post('/packs/verify', { html: tampered })).body).toMatchObject({
      matches: false,
      footerMatches: false,
      packs: [],
    });
    expect((await auditor.post('/packs/verify', { hash: issued.body.hash })).body).toMatchObject({ matches: true });
  });

  it("shows the plan's impact measures with their trend, and an issued pack made again leaves out a figure added since", async () => {
    const { manager, auditor } = world.users;
    const measureId = (
      await created(
        manager.post(`/plans/${planId}/measures`, {
          name: 'Looked after children with a health assessment on time',
          unit: '%',
          direction: 'higher',
          baseline: { value: 52.5, date: '2020-12-17' },
          targets: [{ value: 75, by: '2099-06-30' }],
          tolerance: { amberWithin: 5 },
          frequency: 'quarterly',
          owner: { kind: 'team', name: 'CYPS Training' },
        }),
      )
    ).body.id as string;
    await created(manager.post(`/measures/${measureId}/actuals`, { period: 'Q1', periodEnd: day(-1), value: 61, provisional: true }));
    const issued = await created(manager.post(`/plans/${planId}/packs`, { asAt: day(0), basis: 'computed', cover, meeting: board }));
    expect(issued.body.pack?.measures ?? (await auditor.get(`/packs/${issued.body.id}`)).body.pack.measures).toEqual([
      {
        name: 'Looked after children with a health assessment on time',
        unit: '%',
        baseline: '52.5% (2020-12-17)',
        target: '75% by 2099-06-30',
        latest: '61%, Q1 (provisional)',
        status: expect.any(String),
        trend: 'improving',
      },
    ]);
    // A figure restated after the issue is not in the pack made again: it is read to the issue's log position.
    await created(manager.post(`/measures/${measureId}/restatements`, { period: 'Q1', value: 58, reason: 're-run retrospectively' }));
    const again = (await auditor.get(`/packs/${issued.body.id}`)).body;
    expect([again.matches, again.pack.measures[0].latest]).toEqual([true, '61%, Q1 (provisional)']);
    expect((await auditor.get(`/plans/${planId}/pack?basis=computed`)).body.pack.measures[0].latest).toBe('58%, Q1');
  });

  it('issues three packs of the plan sent at the same moment, each recorded as made, so each is made again with its hash', async () => {
    const { manager, auditor } = world.users;
    const send = () => manager.post(`/plans/${planId}/packs`, { asAt: day(0), basis: 'computed', cover, meeting: board });
    const both = await Promise.all([send(), send(), send()]);
    expect(both.map((one) => one.status)).toEqual([201, 201, 201]);
    for (const one of both) {
      const again = (await auditor.get(`/packs/${one.body.id}`)).body;
      expect([again.hash, again.matches]).toEqual([one.body.hash, true]);
    }
  });

  it('refuses an issue that names no meeting, a day to come, or a panel meeting that does not exist, and records nothing', async () => {
    const { manager } = world.users;
    const before = (await manager.get(`/plans/${planId}/packs`)).body.packs.length;
    const noDate = await manager.post(`/plans/${planId}/packs`, { asAt: day(0), cover, meeting: { board: 'Board' } });
    expect(noDate.status).toBe(400);
    expect(JSON.stringify(noDate.body)).toContain('meeting.date');
    const future = await manager.post(`/plans/${planId}/packs`, { asAt: day(2), cover, meeting: board });
    expect(future.status).toBe(400);
    expect(future.body.errors).toEqual([expect.objectContaining({ field: 'asAt' })]);
    const panel = await manager.post(`/plans/${planId}/packs`, { asAt: day(0), cover, meeting: { panelId: 'no-such-meeting' } });
    expect(panel.status).toBe(422);
    expect(panel.body.code).toBe('PACK.UNKNOWN_MEETING');
    expect((await manager.get(`/plans/${planId}/packs`)).body.packs.length).toBe(before);
  });

  it('prints the pack as a PDF, by its .pdf address or by Accept', async () => {
    const headers = { authorization: `Bearer ${world.users.viewer.token}` };
    const byAddress = await fetch(`${world.url}/plans/${planId}/pack.pdf?basis=computed`, { headers });
    expect(byAddress.status).toBe(200);
    expect(byAddress.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await byAddress.arrayBuffer());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.toString('latin1')).toMatch(/\/Type\s*\/Page\b/);
    const byAccept = await fetch(`${world.url}/plans/${planId}/pack`, { headers: { ...headers, accept: 'application/pdf' } });
    expect(byAccept.headers.get('content-type')).toBe('application/pdf');
  }, 60_000);

  it('answers 404 for a pack or plan that does not exist', async () => {
    expect((await world.users.viewer.get('/packs/no-such-pack')).body.code).toBe('PACK.NOT_FOUND');
    expect((await world.users.viewer.get('/plans/no-such-plan/pack')).status).toBe(404);
  });
});

describe('committee packs where Chromium is missing', () => {
  let world: Awaited<ReturnType<typeof startWorld<'manager'>>>;
  beforeAll(async () => {
    world = await startWorld('packs-no-chromium', { manager: people.manager }, { CHROMIUM_PATH: '/nonexistent/chromium' });
  });
  afterAll(() => world?.stop());

  it('answers the PDF with a 503 saying why, and the HTML still works', async () => {
    const { manager } = world.users;
    const planId = (
      await created(manager.post('/plans', { kind: 'peer review', title: 'Peer review', source: { body: 'LGA', date: '2021-02-01' } }))
    ).body.id;
    const pdf = await manager.get(`/plans/${planId}/pack.pdf`);
    expect(pdf.status).toBe(503);
    expect(pdf.body).toMatchObject({
      code: 'PACK.PDF_UNAVAILABLE',
      detail: expect.stringContaining('there is no Chromium at /nonexistent/chromium'),
    });
    const html = await fetch(`${world.url}/plans/${planId}/pack`, {
      headers: { accept: 'text/html', authorization: `Bearer ${manager.token}` },
    });
    expect(html.status).toBe(200);
    expect(await html.text()).toContain('<h2 id="summary">Quantitative summary</h2>');
  });
});
