/// <reference lib="dom" />
import {
  checkPage,
  checkReflow,
  describeInBrowser,
  startCouncilBrowserWorld,
  type CouncilBrowserWorld,
  tabToElement,
} from '@actionplans/testing/browser';
import { created, fromToday } from '@actionplans/testing';
import type { Page } from 'playwright-core';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000);

describeInBrowser('the plan manager in a browser', () => {
  let world: CouncilBrowserWorld;
  let page: Page;
  let planId: string;

  beforeAll(async () => {
    world = await startCouncilBrowserWorld();
    page = await world.newPage();
    await world.signIn(page, world.emails.manager, 'manager');
    // The council's people are added with the command line, one process each: slow on a busy machine.
  }, 240_000);

  afterAll(async () => {
    await world?.stop();
  });

  it('creates a plan rated in the cyp-rag scheme, showing each scheme’s categories in their colours', async () => {
    await page.getByRole('link', { name: 'New plan' }).click();
    await checkPage(page, 'manage-create-plan');
    await expect(page.title()).resolves.toBe('Create a plan – Action plans – Anytown Borough Council');
    await expect(page.locator('#ratingScheme-3-item-hint').innerText()).resolves.toContain(
      'No information available or no update provided',
    );
    await page.getByRole('button', { name: 'Create plan' }).click();
    await checkPage(page, 'manage-create-plan-refused');
    await expect(page.locator('.govuk-error-summary').innerText()).resolves.toContain('Enter the plan’s title');
    await expect(page.locator('#sourceDate-error').innerText()).resolves.toContain('Enter the date of the report');

    await page.locator('#title').fill('Youth Justice Partnership Plan');
    await page.getByLabel('Partnership plan').check();
    await page.locator('#sourceBody').fill('Youth Justice Board');
    await page.locator('#sourceDate').fill('January 2022');
    await page.getByLabel('Children and young people’s plan: RAG').check();
    await page.getByRole('button', { name: 'Create plan' }).click();
    await expect(page.locator('h1').innerText()).resolves.toBe('Youth Justice Partnership Plan');
    await checkPage(page, 'manage-plan-tasks');
    planId = /\/app\/plans\/([^/]+)\/manage$/.exec(page.url())![1];
    const plan = (await world.people.manager.get(`/plans/${planId}`)).body;
    expect(plan).toMatchObject({ kind: 'partnership plan', stage: 'draft', source: { body: 'Youth Justice Board', date: '2022-01' } });
    expect(plan.ratingScheme.name).toBe('cyp-rag');
  });

  it('adds a grouping by keyboard alone', async () => {
    await page.getByRole('link', { name: 'Add a grouping' }).click();
    await checkPage(page, 'manage-add-grouping');
    await tabToElement(page, '#kind', 80);
    await page.keyboard.type('priority');
    await tabToElement(page, '#references', 80);
    await page.keyboard.type('1');
    await tabToElement(page, '#title', 80);
    await page.keyboard.type('Prevention and diversion');
    await tabToElement(page, 'button:has-text("Add grouping")', 80);
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/app/plans/${planId}/manage`);
    await expect(page.locator('.govuk-task-list').innerText()).resolves.toContain('1 grouping');
  });

  it('raises an action with an owner; a required field left out is said beside it, and what was typed stays', async () => {
    await page.getByRole('link', { name: 'Raise an action' }).click();
    await checkPage(page, 'manage-raise-action');
    await page.locator('#groupingId').selectOption({ label: '1 Prevention and diversion' });
    await page.locator('#references').fill('1.1');
    await page.getByRole('group', { name: 'Lead owners' }).getByLabel('Owen Hughes').check();
    await page.locator('#targetDate').fill('Mar-23');
    await page.getByRole('button', { name: 'Raise action' }).click();
    await checkPage(page, 'manage-raise-action-refused');
    await expect(page.locator('#description-error').innerText()).resolves.toContain('Enter what the action is');
    await expect(page.locator('#targetDate').inputValue()).resolves.toBe('Mar-23');
    await expect(page.getByRole('group', { name: 'Lead owners' }).getByLabel('Owen Hughes').isChecked()).resolves.toBe(true);

    await page.locator('#description').fill('Offer every child at risk of exclusion a diversion worker');
    await page.locator('#leadNamed').fill('Organisation: South Yorkshire Police');
    await page.getByRole('button', { name: 'Raise action' }).click();
    await expect(page.locator('#actions').innerText()).resolves.toContain('Offer every child at risk of exclusion');
    const [action] = (await world.people.manager.get(`/plans/${planId}`)).body.actions;
    expect(action.leadOwners).toEqual([
      { kind: 'person', name: 'Owen Hughes', userId: world.people.owner.userId },
      { kind: 'organisation', name: 'South Yorkshire Police' },
    ]);
    expect(action.targetDate).toMatchObject({ raw: 'Mar-23', due: '2023-03-31' });
  });

  it('refuses an activation dated tomorrow beside its date, then activates the plan', async () => {
    await page.getByRole('link', { name: 'Activate the plan' }).click();
    await page.locator('#submittedTo').fill('Youth Justice Board');
    const tomorrow = day(1);
    await page.locator('#submittedOn-day').fill(String(tomorrow.getUTCDate()));
    await page.locator('#submittedOn-month').fill(String(tomorrow.getUTCMonth() + 1));
    await page.locator('#submittedOn-year').fill(String(tomorrow.getUTCFullYear()));
    await page.getByRole('button', { name: 'Activate plan' }).click();
    await checkPage(page, 'manage-activate-refused');
    await expect(page.locator('#submittedOn-error').innerText()).resolves.toContain('is in the future');
    await expect(page.locator('#submittedTo').inputValue()).resolves.toBe('Youth Justice Board');

    const today = day(0);
    await page.locator('#submittedOn-day').fill(String(today.getUTCDate()));
    await page.locator('#submittedOn-month').fill(String(today.getUTCMonth() + 1));
    await page.locator('#submittedOn-year').fill(String(today.getUTCFullYear()));
    await page.getByRole('button', { name: 'Activate plan' }).click();
    await page.waitForURL(`**/app/plans/${planId}/manage`);
    expect((await world.people.manager.get(`/plans/${planId}`)).body.stage).toBe('active');
  });

  it('refuses to close the plan while its action is not signed off, then closes it once the panel has', async () => {
    const { owner, manager, chair, member, member2 } = world.people;
    const close = async () => {
      await page.goto(`/app/plans/${planId}/manage`);
      await page.getByRole('link', { name: 'Close the plan' }).click();
      await page.locator('#approvedBy').fill('Youth Justice Management Board');
      const today = day(0);
      await page.locator('#approvedOn-day').fill(String(today.getUTCDate()));
      await page.locator('#approvedOn-month').fill(String(today.getUTCMonth() + 1));
      await page.locator('#approvedOn-year').fill(String(today.getUTCFullYear()));
      await page.getByRole('button', { name: 'Close plan' }).click();
    };
    await close();
    await checkPage(page, 'manage-close-refused');
    await expect(page.locator('#approvedBy-error').innerText()).resolves.toContain('counted action is not signed off: 1.1');

    // The panel signs the plan's one action off, as the API would have it done.
    const [action] = (await manager.get(`/plans/${planId}`)).body.actions;
    const actionPath = `/actions/${action.actionId}`;
    await created(
      owner.post(`${actionPath}/progress`, { commentary: 'Every child offered a worker', assessment: 'on track', asOf: fromToday(0) }),
    );
    await created(owner.post(`${actionPath}/evidence`, { title: 'Referral log', kind: 'minutes', link: 'https://council.example/yj/1.1' }));
    const evidenceIds = (await owner.get(actionPath)).body.evidence.map((item: { evidenceId: string }) => item.evidenceId);
    await created(owner.post(`${actionPath}/submission`, { evidenceIds }));
    const members = [member.userId, member2.userId];
    const panelId = (
      await created(manager.post('/panels', { planId, title: 'Youth Justice Panel', date: fromToday(0), chair: chair.userId, members }))
    ).body.id as string;
    await created(chair.post(`/panels/${panelId}/agenda`, { actionId: action.actionId }));
    await created(chair.post(`/panels/${panelId}/attendance`, { present: [chair.userId, ...members] }));
    await created(
      chair.post(`/panels/${panelId}/decisions`, { actionId: action.actionId, outcome: 'signed off', rationale: 'Log complete' }),
    );

    await close();
    await page.waitForURL(`**/app/plans/${planId}/manage`);
    await checkPage(page, 'manage-plan-closed');
    const plan = (await manager.get(`/plans/${planId}`)).body;
    expect(plan.stage).toBe('closed');
  });

  it('approves the partner’s new target date on action 2.3 of the council’s plan', async () => {
    await page.goto(`/app/plans/${world.plan.planId}/manage`);
    await expect(page.locator('.govuk-task-list').innerText()).resolves.toContain('1 waiting');
    await page.getByRole('link', { name: 'Approve or reject new target dates' }).click();
    await checkPage(page, 'manage-revisions');
    await expect(page.locator('h2').first().innerText()).resolves.toContain('2.3 Agree a joint health assessment pathway');
    await page.getByRole('button', { name: 'Approve new date' }).click();
    await checkPage(page, 'manage-revisions-approved');
    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain('The new target date was approved');
    const action = (await world.people.manager.get(`/actions/${world.plan.actions['2.3']}`)).body;
    expect(action.revisions[0].state).toBe('approved');
  });

  it('rejects a new target date, asking first why, and the owner is told why', async () => {
    const actionId = world.plan.actions['1.2'];
    await created(
      world.people.owner.post(`/actions/${actionId}/target-date-revisions`, { proposed: fromToday(120), reason: 'Trainers are on leave' }),
    );
    await page.goto(`/app/plans/${world.plan.planId}/manage`);
    await page.getByRole('link', { name: 'Approve or reject new target dates' }).click();
    await expect(page.locator('h2').first().innerText()).resolves.toContain('1.2 Train every early help worker');
    await page.getByText('Reject it instead').click();
    await page.getByRole('button', { name: 'Reject new date' }).click();
    await checkPage(page, 'manage-revisions-reject-refused');
    await expect(page.locator('.govuk-error-summary').innerText()).resolves.toMatch(/why/i);
    await page.getByLabel('Why it is rejected').fill('The training must finish before the inspection');
    await page.getByRole('button', { name: 'Reject new date' }).click();
    await checkPage(page, 'manage-revisions-rejected');
    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain('rejected');
    const revision = (await world.people.owner.get(`/actions/${actionId}`)).body.revisions.at(-1);
    expect(revision).toMatchObject({ state: 'rejected' });
  });

  it('keeps what was typed when someone else amended the action meanwhile', async () => {
    const actionId = world.plan.actions['1.3'];
    await page.goto(`/app/actions/${actionId}/amend`);
    await checkPage(page, 'manage-amend-action');
    await world.people.manager.patch(`/actions/${actionId}`, { evidenceRequired: 'Audit reports', reason: 'Board asked' });
    await page.locator('#description').fill('Audit 50 early help assessments each quarter');
    await page.locator('#reason').fill('The board raised the sample');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await checkPage(page, 'manage-amend-action-conflict');
    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain('Someone else changed this');
    await expect(page.locator('#description').inputValue()).resolves.toBe('Audit 50 early help assessments each quarter');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForURL(`**/app/plans/${world.plan.planId}/manage`);
    expect((await world.people.manager.get(`/actions/${actionId}`)).body.description).toBe('Audit 50 early help assessments each quarter');
  });

  it('changes an action’s owners', async () => {
    await page.goto(`/app/actions/${world.plan.actions['1.2']}/owners`);
    await checkPage(page, 'manage-change-owners');
    await page.getByRole('group', { name: 'Lead owners' }).getByLabel('Sam Rahman').check();
    await page.locator('#reason').fill('Sam leads the training now');
    await page.getByRole('button', { name: 'Save owners' }).click();
    await page.waitForURL(`**/app/plans/${world.plan.planId}/manage`);
    const owners = (await world.people.manager.get(`/actions/${world.plan.actions['1.2']}`)).body.leadOwners;
    expect(owners.map((owner: { name: string }) => owner.name)).toEqual(['Owen Hughes', 'Sam Rahman']);
  });

  it('fits the create-plan form at 200% zoom and on a 320 px wide screen without scrolling sideways', async () => {
    await page.goto('/app/plans/new');
    await checkReflow(page, 'manage-create-plan');
  });

  it('shows an action owner the 403 page instead of the plan manager’s forms', async () => {
    const owner = await world.newPage();
    await world.signIn(owner, world.emails.owner, 'owner-manage');
    const response = await owner.goto(`/app/plans/${world.plan.planId}/manage`);
    expect(response?.status()).toBe(403);
    await checkPage(owner, 'manage-forbidden-owner');
  });
});
