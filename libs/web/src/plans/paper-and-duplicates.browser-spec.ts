/// <reference lib="dom" />
import {
  checkPage,
  describeInBrowser,
  signedInDeputy,
  startCouncilBrowserWorld,
  type CouncilBrowserWorld,
} from '@actionplans/testing/browser';
import type { Page } from 'playwright-core';

const PAPER = 'Improvement Board minutes';
const REPORT = 'Improvement Board progress report';
const today = () => new Date().toISOString().slice(0, 10);
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
const inWords = (day: string) =>
  new Date(`${day}T00:00:00.000Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/**
 * What a new council saw after importing its paper: sign-offs taken from the paper, a duplicate
 * row, progress the paper reported. The plan page, the action pages, the sign-offs waiting and the
 * committee pack must agree with each other and say where each thing came from.
 */
describeInBrowser('a plan with sign-offs from a paper and a duplicate, in a browser', () => {
  let world: CouncilBrowserWorld;
  let manager: Page;
  let deputy: Page;
  const missing: string[] = [];
  let paperPlanId = '';
  let paperActionId = '';

  beforeAll(async () => {
    world = await startCouncilBrowserWorld();
    const { manager: api, owner } = world.people;
    const { actions } = world.plan;
    const linked = await api.post(`/actions/${actions['1.3']}/links`, {
      kind: 'duplicate of',
      targetActionId: actions['1.2'],
      note: 'Same as 1.2',
    });
    // A plan begun a month ago as an import writes one: a grouping titled only by its reference, a
    // target date that was an Excel serial, and an update as of an earlier day, its reason naming the paper.
    const effective = { at: daysAgo(30), source: REPORT };
    const paperPlan = await api.post('/plans', {
      kind: 'partnership plan',
      title: 'Youth Justice Action Plan',
      source: { body: 'YJB Peer Review', date: daysAgo(60).slice(0, 7) },
      ratingScheme: 'hmip-four-bucket',
      effective,
    });
    paperPlanId = paperPlan.body.id;
    const grouping = await api.post(`/plans/${paperPlanId}/groupings`, { kind: 'priority', references: ['1'], title: '1', effective });
    const raised = await api.post(`/plans/${paperPlanId}/actions`, {
      groupingId: grouping.body.createdId,
      references: ['1.1'],
      description: 'Appoint a Vice Chair to the Youth Justice Partnership Board',
      targetDate: '45016',
      leadOwners: [{ kind: 'person', name: 'Owen Hughes', userId: owner.userId }],
      effective,
    });
    paperActionId = raised.body.id;
    const reported = await owner.post(`/actions/${paperActionId}/progress`, {
      commentary: 'Vice Chair appointed at the March board',
      assessment: 'on track',
      asOf: daysAgo(1),
      backdatingReason: `imported (import 1a2b3c) from ${REPORT}`,
    });
    expect([paperPlan, grouping, raised].map((reply) => [reply.status, reply.body.message])).toEqual([
      [201, undefined],
      [201, undefined],
      [201, undefined],
    ]);
    const proposed = await Promise.all(
      (['1.1', '1.2'] as const).map((reference) =>
        api.post(`/actions/${actions[reference]}/sign-off-from-paper`, { effective: { at: today(), source: PAPER } }),
      ),
    );
    expect([linked.status, reported.status, ...proposed.map((reply) => reply.status)]).toEqual([201, 201, 201, 201]);
    manager = await world.newPage();
    for (const page of [manager]) page.on('response', (response) => response.status() === 404 && missing.push(response.url()));
    await world.signIn(manager, world.emails.manager, 'paper-manager');
    ({ page: deputy } = await signedInDeputy(world));
    deputy.on('response', (response) => response.status() === 404 && missing.push(response.url()));
  }, 240_000);

  afterAll(async () => {
    await world?.stop();
  });

  it('lets the second officer confirm every sign-off waiting at once, without ticking each', async () => {
    await deputy.goto(`/app/plans/${world.plan.planId}/proposed-sign-offs`);
    await checkPage(deputy, 'sign-offs-confirm-all');
    await deputy.getByRole('button', { name: 'Confirm all 2 sign-offs listed' }).click();
    await expect(deputy.locator('.govuk-notification-banner').innerText()).resolves.toContain('2 sign-offs were confirmed');
    await expect(deputy.locator('#none-proposed').isVisible()).resolves.toBe(true);
  });

  it('says under the summary how many actions are not counted and why, and shows them', async () => {
    await manager.goto(`/app/plans/${world.plan.planId}`);
    await checkPage(manager, 'plan-not-counted');
    await expect(manager.locator('#not-counted').innerText()).resolves.toContain('1 action is not counted: 1 duplicate of another action.');
    await manager.getByRole('link', { name: 'Show the actions not counted' }).click();
    await expect(manager.locator('#actions-shown').innerText()).resolves.toContain('Showing 1 of');
    await expect(manager.locator('tr[data-action-id]').innerText()).resolves.toContain('1.3');
    await manager.getByRole('link', { name: 'Manage the plan' }).click();
    await manager.waitForLoadState('load');
    expect(new URL(manager.url()).pathname).toBe(`/app/plans/${world.plan.planId}/manage`);
  });

  it("names a duplicate's original by reference and description, linked, and offers no form the rules would refuse", async () => {
    await manager.goto(`/app/actions/${world.plan.actions['1.3']}`);
    await checkPage(manager, 'action-duplicate');
    const status = manager.locator('.govuk-summary-list__row', { hasText: 'Status' });
    await expect(status.innerText()).resolves.toContain(
      'a duplicate of 1.2: Train every early help worker in the assessment framework, not counted',
    );
    await expect(status.getByRole('link').getAttribute('href')).resolves.toBe(`/app/actions/${world.plan.actions['1.2']}`);
    await expect(manager.getByRole('button', { name: 'Submit for sign-off' }).count()).resolves.toBe(0);
    await expect(manager.getByRole('button', { name: 'Ask for a new target date' }).count()).resolves.toBe(0);
    const target = manager.locator('.govuk-summary-list__row', { hasText: 'Current target date' });
    await expect(target.locator('dd').innerText()).resolves.toMatch(/^\d{1,2} \w+ \d{4}$/);
  });

  it("credits progress taken from a paper to the paper, and writes the plan's dates and groupings as the papers do", async () => {
    await manager.goto(`/app/actions/${paperActionId}`);
    await checkPage(manager, 'action-from-paper');
    await expect(manager.locator('.moj-timeline__byline').first().innerText()).resolves.toBe(
      `from ${REPORT}, recorded by Owen Hughes (action owner)`,
    );
    const row = (key: string) => manager.locator('.govuk-summary-list__row', { hasText: key }).locator('dd').first().innerText();
    await expect(row('Original target date')).resolves.toBe('31 March 2023');
    await expect(row('Grouping')).resolves.toBe('1');
    await manager.goto(`/app/plans/${paperPlanId}`);
    const month = new Date(`${daysAgo(60).slice(0, 7)}-01T00:00:00.000Z`).toLocaleDateString('en-GB', {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
    await expect(manager.locator('.govuk-summary-list__row', { hasText: 'Source' }).innerText()).resolves.toContain(
      `YJB Peer Review, ${month}`,
    );
    await expect(manager.locator('#summary-table thead').innerText()).resolves.not.toContain('1 1');
  });

  it('says what an unrated action signed off from a paper counts as, and on whose word', async () => {
    await manager.goto(`/app/actions/${world.plan.actions['1.2']}`);
    const rating = manager.locator('.govuk-summary-list__row', { hasText: 'Rating' });
    await expect(rating.innerText()).resolves.toContain('Not rated: counts as');
    await expect(rating.innerText()).resolves.toContain(`Signed off as recorded in ${PAPER}`);
  });

  it("lists in the pack every sign-off of its period, the paper's with the panel's, with dates in words", async () => {
    const reply = await manager.request.get(`/plans/${world.plan.planId}/pack`, {
      headers: { accept: 'text/html', authorization: `Bearer ${world.people.board.token}` },
    });
    const html = await reply.text();
    const document = await world.newPage();
    await document.setContent(html);
    await checkPage(document, 'pack-sign-offs');
    await expect(document.locator('h2#sign-offs').innerText()).resolves.toBe(`Sign-offs to ${inWords(today())}`);
    const rows = await document.locator('section[aria-labelledby="sign-offs"] tbody tr').allInnerTexts();
    expect(rows.map((row) => row.split('\t').slice(0, 1).concat(row.split('\t').slice(3, 4)))).toEqual(
      expect.arrayContaining([
        ['1.1', `As recorded in ${PAPER}`],
        ['1.2', `As recorded in ${PAPER}`],
        ['2.2', 'The evidence challenge panel'],
      ]),
    );
    expect(html).not.toMatch(/<td>\d{4}-\d{2}-\d{2}<\/td>/);
    await document.close();
  });

  it('serves the icon every page names, and no page asks for anything missing', async () => {
    await manager.goto(`/app/plans/${world.plan.planId}`);
    const icon = await manager.request.get((await manager.locator('link[rel="icon"]').getAttribute('href'))!);
    expect([icon.status(), icon.headers()['content-type']]).toEqual([200, 'image/svg+xml']);
    expect(missing).toEqual([]);
  });
});
