/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { checkReflow, describeInBrowser, startCouncilBrowserWorld, type CouncilBrowserWorld } from '@actionplans/testing/browser';
import { fromToday } from '@actionplans/testing';
import { hmipSheetRows, xlsxOf } from '../../import/src/hmip-sheet.fixture';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The import form filled in as the HMIP paper gives it, with the sheet chosen, sent for checking. */
async function checkSheet(page: Page, title: string, sheet: Buffer): Promise<void> {
  await page.goto('/app/plans/import');
  await page.locator('#title').fill(title);
  await page.locator('#kind').fill('inspection');
  await page.locator('#sourceBody').fill('HMIP');
  await page.locator('#sourceDate').fill('17 December 2020');
  await page.getByLabel('HMIP inspection action plan: four categories').check();
  await page.locator('#sheet').setInputFiles({ name: 'plan.xlsx', mimeType: XLSX, buffer: sheet });
  await page.getByRole('button', { name: 'Check the spreadsheet' }).click();
}

/**
 * Every main page at 200% zoom (a 1280 px window is then 640 CSS px wide) and at 320 px wide
 * (WCAG 1.4.10, reflow): nothing scrolls the page sideways, and a wide table scrolls inside a
 * focusable, labelled box of its own. Each person signs in once, in a full-size window.
 */
describeInBrowser('every main page at 200% zoom and 320 px wide', () => {
  let world: CouncilBrowserWorld;
  const signedIn = new Map<string, Page>();
  /** The person's browser, signed in the first time it is asked for. */
  const as = async (person: 'owner' | 'manager' | 'chair' | 'board' | 'auditor') => {
    if (!signedIn.has(person)) {
      const page = await world.newPage({ width: 1280 });
      await world.signIn(page, world.emails[person], `reflow-${person}`);
      signedIn.set(person, page);
    }
    return signedIn.get(person)!;
  };

  beforeAll(async () => {
    world = await startCouncilBrowserWorld();
    // Eight people added by the command line and a plan built through the API take a while on a busy machine.
  }, 240_000);

  afterAll(async () => {
    await world?.stop();
  });

  it('reflows My work, the home page', async () => {
    const page = await as('owner');
    await page.goto('/');
    await expect(page.locator('h1').innerText()).resolves.toBe('My work');
    await checkReflow(page, 'reflow-home');
  });

  it('reflows an action page with its evidence hashes, revisions and timeline', async () => {
    const page = await as('owner');
    await page.goto(`/app/actions/${world.plan.actions['1.4']}`);
    await checkReflow(page, 'reflow-action');
    await page.goto(`/app/actions/${world.plan.actions['2.3']}`);
    await checkReflow(page, 'reflow-action-revision');
  });

  it('reflows the plan page compared with another day, its summary and actions tables scrolling in their own boxes', async () => {
    const page = await as('board');
    const [year, month, day] = fromToday(-1).split('-');
    await page.goto(`/app/plans/${world.plan.planId}?compareWith-day=${day}&compareWith-month=${month}&compareWith-year=${year}`);
    await expect(page.locator('#changes-table').count()).resolves.toBe(1);
    await checkReflow(page, 'reflow-plan');
  });

  it('reflows the panel meetings and a meeting, with its agenda, evidence and decisions', async () => {
    const page = await as('chair');
    await page.goto('/app/panels');
    await checkReflow(page, 'reflow-panels');
    await page.goto(`/app/panels/${world.plan.pastPanelId}`);
    await checkReflow(page, 'reflow-panel-meeting');
    await page.goto(`/app/panels/${world.plan.upcomingPanelId}`);
    await checkReflow(page, 'reflow-panel-meeting-to-run');
  });

  it('reflows the plan manager’s task list and actions', async () => {
    const page = await as('manager');
    await page.goto(`/app/plans/${world.plan.planId}/manage`);
    await checkReflow(page, 'reflow-plan-manage');
  });

  it('reflows an import report, the problems found and the plan a clean sheet would make', async () => {
    const page = await as('manager');
    const mistakes = [
      ['Ref', 'Action', 'Lead', 'By When', 'Status'],
      ['1.1', 'Fine', 'Pat Lee', 'Mar-21', 'on track'],
      ['', 'No ref', 'Pat Lee', 'Mar-21', ''],
      ['1.2', 'Bad date', 'Pat Lee', '31.4.14', ''],
    ];
    await checkSheet(page, 'A sheet with mistakes', await xlsxOf(mistakes));
    await expect(page.locator('.govuk-error-summary').count()).resolves.toBe(1);
    await checkReflow(page, 'reflow-import-problems');
    await checkSheet(page, 'Rotherham YOT HMIP Inspection Action Plan', await xlsxOf(hmipSheetRows()));
    await expect(page.locator('main').innerText()).resolves.toContain('The spreadsheet has no problems');
    await checkReflow(page, 'reflow-import-report');
  });

  it('reflows the admin’s users and sessions', async () => {
    const { signInUrl } = world.addUser({ name: 'Ada Admin', role: 'admin', email: 'ada.admin@council.example' });
    const page = await world.newPage({ width: 1280 });
    await page.goto(signInUrl);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.goto('/app/admin/users');
    await checkReflow(page, 'reflow-admin-users');
    await page.goto('/app/admin/sessions');
    await checkReflow(page, 'reflow-admin-sessions');
  });

  it('reflows a plan’s audit history and its hash-chain check', async () => {
    const page = await as('auditor');
    await page.goto(`/app/audit/plans/${world.plan.planId}`);
    await checkReflow(page, 'reflow-audit-history');
    await page.goto(`/app/audit/plans/${world.plan.planId}/verify`);
    await checkReflow(page, 'reflow-audit-verify');
  });

  it('gives every main page a title of its own, so a tab or the history names which page it is', async () => {
    const { planId, actions, pastPanelId } = world.plan;
    const action = actions['1.4'];
    const pages: Array<[person: 'manager' | 'auditor', path: string]> = [
      ['manager', '/'],
      ['manager', '/account'],
      ['manager', '/app/plans'],
      ['manager', '/app/plans/new'],
      ['manager', '/app/plans/import'],
      ['manager', `/app/plans/${planId}`],
      ['manager', `/app/plans/${planId}/manage`],
      ['manager', `/app/plans/${planId}/settings`],
      ['manager', `/app/plans/${planId}/activation`],
      ['manager', `/app/plans/${planId}/closure`],
      ['manager', `/app/plans/${planId}/revisions`],
      ['manager', `/app/plans/${planId}/owner-changes`],
      ['manager', `/app/plans/${planId}/proposed-sign-offs`],
      ['manager', `/app/plans/${planId}/approvals-to-close`],
      ['manager', `/app/plans/${planId}/notifications`],
      ['manager', `/app/plans/${planId}/pack`],
      ['manager', `/app/plans/${planId}/measures`],
      ['manager', `/app/plans/${planId}/measures/new`],
      ['manager', `/app/plans/${planId}/groupings/new`],
      ['manager', `/app/plans/${planId}/actions/new`],
      ['manager', `/app/actions/${action}`],
      ['manager', `/app/actions/${action}/history`],
      ['manager', `/app/actions/${action}/amend`],
      ['manager', `/app/actions/${action}/owners`],
      ['manager', `/app/actions/${action}/progress`],
      ['manager', `/app/actions/${action}/evidence`],
      ['manager', `/app/actions/${action}/target-date`],
      ['manager', '/app/panels'],
      ['manager', '/app/panels/new'],
      ['manager', `/app/panels/${pastPanelId}`],
      ['manager', `/app/panels/${pastPanelId}/minutes`],
      ['manager', `/app/panels/${pastPanelId}/pack`],
      ['manager', '/app/standing-panels'],
      ['manager', '/app/standing-panels/new'],
      ['manager', '/app/register'],
      ['manager', '/app/register/new'],
      ['auditor', '/app/audit'],
      ['auditor', `/app/audit/plans/${planId}`],
      ['auditor', `/app/audit/plans/${planId}/verify`],
      ['auditor', `/app/audit/actions/${action}`],
    ];
    const pathsByTitle = new Map<string, string[]>();
    const notShown: string[] = [];
    for (const [person, path] of pages) {
      const page = await as(person);
      const status = (await page.goto(path))?.status();
      if (status !== 200) notShown.push(`${path}: ${status}`);
      const title = await page.title();
      pathsByTitle.set(title, [...(pathsByTitle.get(title) ?? []), path]);
    }
    const shared = [...pathsByTitle].filter(([, paths]) => paths.length > 1).map(([title, paths]) => `${title}: ${paths.join(', ')}`);
    expect({ notShown, shared }).toEqual({ notShown: [], shared: [] });
  });
});
