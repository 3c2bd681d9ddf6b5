/// <reference lib="dom" />
import { created } from '@actionplans/testing';
import { checkPage, describeInBrowser, startCouncilBrowserWorld, type CouncilBrowserWorld } from '@actionplans/testing/browser';
import type { Page } from 'playwright-core';

/** Types a day into a GOV.UK date input whose fields' ids start with `id` (empty strings clear it). */
async function fillDay(page: Page, id: string, [day, month, year]: [string, string, string]): Promise<void> {
  await page.locator(`#${id}-day`).fill(day);
  await page.locator(`#${id}-month`).fill(month);
  await page.locator(`#${id}-year`).fill(year);
}

/** "When did this happen?" filled in: the day, and where it is written down. */
async function happened(page: Page, day: [string, string, string], source: string, suffix = ''): Promise<void> {
  await fillDay(page, `effectiveAt${suffix}`, day);
  await page.locator(`#effectiveSource${suffix}`).fill(source);
}

const tomorrow = () => {
  const day = new Date(Date.now() + 86_400_000);
  return [String(day.getUTCDate()), String(day.getUTCMonth() + 1), String(day.getUTCFullYear())] as [string, string, string];
};

const text = (page: Page, selector: string) => page.locator(selector).innerText();

/**
 * A plan manager adopting the engine in the middle of a plan: the plan, its action, its progress,
 * a new target date and the panel's sign-off are entered from their papers, each on the day it
 * happened and with where it is written down; the plan on an earlier day then shows them.
 */
describeInBrowser('a plan manager entering a plan from its papers', () => {
  let world: CouncilBrowserWorld;
  let page: Page;
  /** The same plan manager in a browser with JavaScript off: every form here is a plain form. */
  let plain: Page;
  let planId: string;
  let actionId: string;
  let panelId: string;

  beforeAll(async () => {
    world = await startCouncilBrowserWorld();
    page = await world.newPage();
    await world.signIn(page, world.emails.manager, 'papers-manager');
    // axe-core needs JavaScript, so this browser is signed in with the first one's session cookie.
    plain = await world.newPage({ javaScript: false });
    await plain.context().addCookies(await page.context().cookies());
    // The council's people are added with the command line, one process each: slow on a busy machine.
  }, 240_000);

  afterAll(async () => {
    await world?.stop();
  });

  it('creates the plan on the day its first version was agreed, asking where that is written down', async () => {
    await page.goto('/app/plans/new');
    await page.locator('#title').fill('Youth Justice Plan 2021');
    await page.getByLabel('Inspection', { exact: true }).check();
    await page.locator('#sourceBody').fill('HMIP');
    await page.locator('#sourceDate').fill('December 2020');
    await page.getByLabel('SEND written statement of action: BRAG').check();
    await fillDay(page, 'effectiveAt', ['11', '1', '2021']);
    await page.getByRole('button', { name: 'Create plan' }).click();
    await checkPage(page, 'papers-create-plan-no-source');
    await expect(text(page, '.govuk-error-summary')).resolves.toContain('Enter where this is written down');
    await expect(text(page, '#effectiveSource-error')).resolves.toContain('Enter where this is written down');
    await expect(page.locator('#effectiveAt-day').inputValue()).resolves.toBe('11');

    await page.locator('#effectiveSource').fill('YJS HMIP Inspection Action Plan, version 0.1, 11 January 2021');
    await page.getByRole('button', { name: 'Create plan' }).click();
    await page.waitForURL('**/manage');
    planId = /\/app\/plans\/([^/]+)\/manage$/.exec(page.url())![1];
    // On the effective basis the plan existed on its first day; on the recorded basis, not before today.
    expect((await world.people.manager.get(`/plans/${planId}?asAt=2021-01-11`)).status).toBe(200);
    expect((await world.people.manager.get(`/plans/${planId}?asAt=2021-01-11&basis=recorded`)).status).toBe(404);

    await page.getByRole('link', { name: 'Add a grouping' }).click();
    await page.locator('#kind').fill('priority');
    await page.locator('#references').fill('1');
    await page.locator('#title').fill('Prevention and diversion');
    await happened(page, ['11', '1', '2021'], 'YJS HMIP Inspection Action Plan, version 0.1, 11 January 2021');
    await page.getByRole('button', { name: 'Add grouping' }).click();
    await page.waitForURL('**/manage');
  });

  it('raises an action on the day the plan says, refusing a day before the plan began beside the date', async () => {
    await page.getByRole('link', { name: 'Raise an action' }).click();
    await checkPage(page, 'papers-raise-action');
    await page.locator('#groupingId').selectOption({ label: '1 Prevention and diversion' });
    await page.locator('#references').fill('1.1');
    await page.locator('#description').fill('Offer every child at risk of exclusion a diversion worker');
    await page.getByRole('group', { name: 'Lead owners' }).getByLabel('Owen Hughes').check();
    await page.locator('#targetDate').fill('Mar-23');
    await happened(page, ['1', '1', '2021'], 'YJS HMIP Inspection Action Plan, version 0.1, 11 January 2021');
    await page.getByRole('button', { name: 'Raise action' }).click();
    await checkPage(page, 'papers-raise-action-before-plan');
    await expect(text(page, '#effectiveAt-error')).resolves.toContain(
      'The date it happened must be on or after 11 January 2021, when the plan began',
    );
    await expect(page.locator('#description').inputValue()).resolves.toBe('Offer every child at risk of exclusion a diversion worker');

    await fillDay(page, 'effectiveAt', ['1', '2', '2021']);
    await page.getByRole('button', { name: 'Raise action' }).click();
    await page.waitForURL('**/manage');
    actionId = (await world.people.manager.get(`/plans/${planId}`)).body.actions[0].actionId as string;

    await page.getByRole('link', { name: 'Activate the plan' }).click();
    await page.locator('#submittedTo').fill('Youth Justice Board');
    await fillDay(page, 'submittedOn', ['27', '3', '2021']);
    await happened(page, ['27', '3', '2021'], 'Letter to the Youth Justice Board, 27 March 2021');
    await page.getByRole('button', { name: 'Activate plan' }).click();
    await page.waitForURL('**/manage');
    const active = (await world.people.manager.get(`/plans/${planId}?asAt=2021-04-01`)).body;
    expect(active.stage).toBe('active');
  });

  it('records a board report’s progress on the day it was given, each wrong day refused beside its field', async () => {
    await page.goto(`/app/actions/${actionId}/progress`);
    await checkPage(page, 'papers-progress');
    await page.locator('#commentary').fill('The diversion worker is in post; referrals are slower than planned.');
    await page.getByLabel('At risk').check();
    await page.getByLabel('Action in progress with some concerns').check();

    const refusals: Array<[[string, string, string], string, string, string]> = [
      [['31', '2', '2022'], 'Youth Justice Board report, 1 March 2022', '#effectiveAt-error', 'The date it happened must be a real date'],
      [tomorrow(), 'Youth Justice Board report, 1 March 2022', '#effectiveAt-error', 'The date it happened must be today or in the past'],
      [['1', '3', '2022'], '', '#effectiveSource-error', 'Enter where this is written down'],
    ];
    for (const [day, source, field, words] of refusals) {
      await happened(page, day, source);
      await page.getByRole('button', { name: 'Send update' }).click();
      await expect(text(page, field)).resolves.toContain(words);
      await expect(text(page, '.govuk-error-summary')).resolves.toContain(words);
      await expect(page.locator('#commentary').inputValue()).resolves.toContain('The diversion worker is in post');
    }
    await checkPage(page, 'papers-progress-no-source');

    await page.locator('#effectiveSource').fill('Youth Justice Board report, 1 March 2022');
    await page.getByRole('button', { name: 'Send update' }).click();
    await expect(text(page, '.govuk-notification-banner--success')).resolves.toContain('progress update has been recorded');
    await expect(text(page, '.moj-timeline')).resolves.toMatch(/Given 1 March 2022, recorded/);
    const [update] = (await world.people.manager.get(`/actions/${actionId}`)).body.progress;
    // "As of" left empty is the day the update was given.
    expect(update).toMatchObject({ asOf: '2022-03-01', rating: 'some-concerns' });
  });

  it('amends the action and approves a new target date as the board minuted them', async () => {
    await page.goto(`/app/actions/${actionId}/amend`);
    await page.locator('#evidenceRequired').fill('Minutes of the diversion panel');
    await page.locator('#reason').fill('The board asked for the diversion panel’s minutes');
    await happened(page, ['10', '3', '2022'], 'Youth Justice Board minutes, 10 March 2022');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForURL('**/manage');

    // The board's papers asked for a later date on 1 April 2022; the plan manager enters that first.
    await created(
      world.people.manager.post(`/actions/${actionId}/target-date-revisions`, {
        proposed: '2023-06-30',
        reason: 'Referrals from schools started late',
        effective: { at: '2022-04-01', source: 'Youth Justice Board report, 1 April 2022' },
      }),
    );
    const { revisionId } = (await world.people.manager.get(`/actions/${actionId}`)).body.revisions[0];
    await page.goto(`/app/plans/${planId}/revisions`);
    await checkPage(page, 'papers-revisions');
    await happened(page, ['1', '1', '2021'], 'Youth Justice Board minutes, 5 April 2022', `-${revisionId}`);
    await page.getByRole('button', { name: 'Approve new date' }).click();
    await checkPage(page, 'papers-revision-before-action');
    await expect(text(page, `#effectiveAt-${revisionId}-error`)).resolves.toContain(
      'The date it happened must be on or after 1 February 2021, when the action was raised',
    );
    await happened(page, ['5', '4', '2022'], 'Youth Justice Board minutes, 5 April 2022', `-${revisionId}`);
    await page.getByRole('button', { name: 'Approve new date' }).click();
    await expect(text(page, '.govuk-notification-banner--success')).resolves.toContain('The new target date was approved');
  });

  it('has the panel’s sign-off entered from its minutes by its chair, dated to the meeting’s day', async () => {
    const { manager, chair, member } = world.people;
    const papers = (at: string, source: string) => ({ effective: { at, source } });
    await created(
      manager.post(`/actions/${actionId}/evidence`, {
        title: 'Diversion panel minutes',
        kind: 'minutes',
        link: 'https://council.example/yjs/diversion-minutes',
        ...papers('2022-05-01', 'Evidence log, May 2022'),
      }),
    );
    const evidenceIds = (await manager.get(`/actions/${actionId}`)).body.evidence.map((item: { evidenceId: string }) => item.evidenceId);
    await created(manager.post(`/actions/${actionId}/submission`, { evidenceIds, ...papers('2022-05-02', 'Evidence log, May 2022') }));
    const meeting = {
      planId,
      title: 'Evidence Challenge Panel',
      date: '2022-06-14',
      chair: chair.userId,
      members: [member.userId],
      ...papers('2022-05-20', 'Panel invitation, 20 May 2022'),
    };
    panelId = (await created(manager.post('/panels', meeting))).body.id as string;
    await created(manager.post(`/panels/${panelId}/agenda`, { actionId }));
    await created(manager.post(`/panels/${panelId}/attendance`, { present: [chair.userId, member.userId] }));

    // Only members sit and decide (ADR 28): the chair enters the decision later from the minutes,
    // and it takes the meeting's day, as the API's does.
    const chairs = await world.newPage();
    await world.signIn(chairs, world.emails.chair, 'papers-chair');
    await chairs.goto(`/app/panels/${panelId}`);
    await checkPage(chairs, 'papers-meeting');
    await chairs.locator('#item-1').getByLabel('Signed off').check();
    await chairs.locator('#rationale-1').fill('The minutes show every referral was offered a diversion worker');
    await chairs.getByRole('button', { name: 'Record decision on 1.1' }).click();
    await expect(text(chairs, '.govuk-notification-banner--success')).resolves.toContain('Decision recorded');
    await expect(text(chairs, '#decision-1')).resolves.toContain('Signed off');
  });

  it('shows on the action and its history both days and the source of what came from papers', async () => {
    await page.goto(`/app/actions/${actionId}`);
    await checkPage(page, 'papers-action');
    await expect(text(page, '.govuk-summary-card__title')).resolves.toBe('Signed off, 14 June 2022');
    await page.getByRole('link', { name: /See the full history/ }).click();
    await checkPage(page, 'papers-history');
    const row = (what: RegExp) => page.getByRole('row').filter({ hasText: what }).innerText();
    const progress = await row(/reported progress/i);
    expect(progress).toMatch(/Happened 1 March 2022/);
    expect(progress).toContain('Source: Youth Justice Board report, 1 March 2022');
    const signedOff = await row(/signed off/i);
    expect(signedOff).toMatch(/Happened 14 June 2022/);
    expect(signedOff).toContain('the evidence panel process');
    expect(signedOff).toMatch(/Recorded \d{1,2} \w+ 20\d\d/);
  });

  it('shows the plan as we now know it was in March and in June 2022, which the record of then cannot', async () => {
    await page.goto(`/app/plans/${planId}`);
    await fillDay(page, 'asAt', ['15', '3', '2022']);
    await page.getByLabel('As we now know it was').check();
    await page.getByLabel('The ratings people recorded').check();
    await page.getByRole('button', { name: 'Show the plan' }).click();
    await checkPage(page, 'papers-plan-march-2022');
    const line = page.locator(`tr[data-action-id="${actionId}"]`);
    await expect(line.innerText()).resolves.toContain('Action in progress with some concerns');

    await page.goto(`/app/plans/${planId}?asAt-day=20&asAt-month=6&asAt-year=2022&history=effective`);
    await expect(text(page, '#plan-complete')).resolves.toBe('1 of 1 counted actions (100.0%)');
    await page.goto(`/app/plans/${planId}?asAt-day=20&asAt-month=6&asAt-year=2022&history=recorded`);
    await expect(text(page, '#asAt-error')).resolves.toContain('The plan did not exist yet on 20 June 2022');
  });

  it('changes the plan’s settings, each wrong one said beside it, and shows them on the plan', async () => {
    await page.goto(`/app/plans/${planId}/manage`);
    await page.getByRole('link', { name: 'Change the plan’s settings' }).click();
    await checkPage(page, 'papers-settings');
    await expect(page.getByLabel('SEND written statement of action: BRAG').isChecked()).resolves.toBe(true);
    await page.locator('#quorum').fill('0');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await checkPage(page, 'papers-settings-refused');
    await expect(text(page, '#quorum-error')).resolves.toContain('The quorum must be between 1 and 50');
    await expect(text(page, '#reason-error')).resolves.toContain('Enter why the settings change');

    await page.locator('#title').fill('Youth Justice Plan 2021 to 2023');
    await page.locator('#quorum').fill('3');
    await page.locator('#warningDays').fill('21');
    await page.locator('#boardDates').fill('14 June 2022\n13 September 2022');
    await page.locator('#reason').fill('The board agreed a longer plan and a larger panel');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.waitForURL('**/manage?done=settings');
    await checkPage(page, 'papers-settings-changed');
    await expect(text(page, '.govuk-notification-banner--success')).resolves.toContain('The plan’s settings have been changed');
    await expect(text(page, '#settings')).resolves.toMatch(/Quorum\s+3 panel members/);
    await expect(text(page, '#settings')).resolves.toContain('14 June 2022, 13 September 2022');
    await page.goto(`/app/plans/${planId}`);
    await expect(text(page, 'h1')).resolves.toBe('Youth Justice Plan 2021 to 2023');
  });

  it('amends a grouping with JavaScript off, refusing an amendment that changes nothing, and shows it on the plan', async () => {
    await page.goto(`/app/plans/${planId}/manage`);
    await page.getByRole('link', { name: 'Amend priority 1' }).click();
    await checkPage(page, 'papers-grouping');
    await plain.goto(page.url());
    await plain.locator('#reason').fill('Renamed by the board');
    await plain.getByRole('button', { name: 'Save grouping' }).click();
    await expect(text(plain, '#title-error')).resolves.toContain('Change at least one thing');

    await plain.locator('#references').fill('1, PR-1');
    await plain.locator('#title').fill('Prevention, diversion and early help');
    await happened(plain, ['14', '6', '2022'], 'Youth Justice Board minutes, 14 June 2022');
    await plain.getByRole('button', { name: 'Save grouping' }).click();
    await plain.waitForURL('**/manage?done=grouping');
    await expect(text(plain, '.govuk-notification-banner--success')).resolves.toContain('The grouping has been changed');
    await page.goto(`/app/plans/${planId}`);
    await checkPage(page, 'papers-plan-amended');
    await expect(text(page, 'main')).resolves.toContain('1 PR-1 Prevention, diversion and early help');
  });
});
