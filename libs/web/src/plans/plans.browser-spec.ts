/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import { Workbook } from 'exceljs';
import type { Page } from 'playwright-core';
import {
  checkPage,
  checkReflow,
  describeInBrowser,
  startCouncilBrowserWorld,
  type CouncilBrowserWorld,
} from '@actionplans/testing/browser';
import { fromToday } from '@actionplans/testing';

const PLAN = "Children's Services Improvement Plan";

/** The summary table's total column (the first after the groupings) as [label, count, percent] rows. */
async function totals(page: Page, groupings: number): Promise<string[][]> {
  return page.locator('#summary-table tbody tr').evaluateAll(
    (rows, skip) =>
      rows.map((row) => {
        const cells = Array.from(row.querySelectorAll('td'), (cell) => cell.textContent.trim());
        return [row.querySelector('th')!.textContent.trim(), cells[skip * 2], cells[skip * 2 + 1]];
      }),
    groupings,
  );
}

describeInBrowser('a board member and an auditor read the council’s plan', () => {
  let world: CouncilBrowserWorld;
  let planPath: string;
  let boardPage: Page;

  beforeAll(async () => {
    world = await startCouncilBrowserWorld();
    planPath = `/app/plans/${world.plan.planId}`;
  }, 180_000);

  afterAll(async () => {
    await world?.stop();
  });

  it('lists the plan, and shows its summary with the same figures as the API, in the plan’s colours', async () => {
    const page = (boardPage = await world.newPage());
    await world.signIn(page, world.emails.board, 'plans-board');
    await page.getByRole('link', { name: 'Plans', exact: true }).click();
    await checkPage(page, 'plans-list');
    await expect(page.title()).resolves.toBe('Plans – Action plans – Anytown Borough Council');
    const api = (await world.people.board.get(`/plans/${world.plan.planId}`)).body;
    const row = await page.getByRole('row', { name: new RegExp(PLAN) }).innerText();
    expect(row).toContain(`${api.summary.complete} of ${api.summary.counted} complete (${api.summary.percentComplete.toFixed(1)}%)`);
    expect(row).toContain('Ofsted');

    await page.getByRole('link', { name: PLAN }).click();
    await checkPage(page, 'plan');
    await expect(page.title()).resolves.toBe(`Plan – ${PLAN} – Action plans – Anytown Borough Council`);
    const shown = await totals(page, api.summary.byGrouping.length);
    expect(shown).toEqual([
      ...api.summary.byStatus.map((status: { label: string; count: number; percent: number }) => [
        status.label,
        String(status.count),
        status.percent.toFixed(1),
      ]),
      ['Counted actions', String(api.summary.counted), '100.0'],
    ]);
    const header = await page.locator('#summary-table thead').innerText();
    for (const grouping of api.summary.byGrouping) expect(header).toContain(grouping.title);
    await expect(page.locator('#summary-caption').innerText()).resolves.toMatch(/^Actions by (rating|computed status), today/);
    const signedOff = page.locator(`tr[data-action-id="${world.plan.actions['2.2']}"]`);
    await expect(signedOff.innerText()).resolves.toContain('Appoint a virtual school head');
    await expect(signedOff.locator('.govuk-tag').last().getAttribute('class')).resolves.toMatch(/govuk-tag--(blue|green)/);
  });

  it('filters the actions to those overdue, in a link that can be shared, and downloads them as CSV and xlsx', async () => {
    const page = boardPage;
    await page.goto(planPath);
    await page.getByRole('radio', { name: 'Overdue', exact: true }).check();
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await checkPage(page, 'plan-overdue');
    expect(new URL(page.url()).searchParams.get('lateness')).toBe('overdue');
    await expect(page.locator('#actions-shown').innerText()).resolves.toBe('Showing 1 of 7 actions.');
    await expect(page.locator(`tr[data-action-id="${world.plan.actions['1.1']}"]`).innerText()).resolves.toContain('Overdue');

    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /^CSV/ }).click()]);
    const text = readFileSync(await csv.path(), 'utf8');
    const [header, row] = text.split('\n');
    expect(header).toMatch(/^references,description,lead owners.*,disagreement,as at,basis,status basis$/);
    // Each row says the day and bases it counts on, so a row copied into another sheet keeps its meaning.
    expect(row).toMatch(new RegExp(`,${fromToday(0)},live,(rating|computed)$`));
    expect(text).toContain('Publish the early help strategy with partners');
    expect(text).not.toContain('Appoint a virtual school head');

    await page.getByRole('link', { name: 'Remove this filter Overdue' }).click();
    await expect(page.locator('#actions-shown').innerText()).resolves.toBe('Showing 7 of 7 actions.');
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /^Excel/ }).click()]);
    const workbook = new Workbook();
    await workbook.xlsx.readFile(await xlsx.path());
    expect(workbook.worksheets[0].getRow(1).values).toEqual(expect.arrayContaining(['as at', 'basis', 'status basis']));
    const descriptions = workbook.worksheets[0].getColumn(2).values.slice(2);
    expect(descriptions).toHaveLength(7);
    expect(descriptions).toContain('Appoint a virtual school head');
  });

  it('filters the actions by computed status, lead owner and grouping, each removable on its own', async () => {
    const page = boardPage;
    const shownIds = async () =>
      (await page.locator('tr[data-action-id]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-action-id')))).sort();
    const { actions, groupingIds } = world.plan;

    await page.goto(planPath);
    await page.locator('input[name="status"][value="complete"]').check();
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await checkPage(page, 'plan-filter-status');
    expect(new URL(page.url()).searchParams.getAll('status')).toEqual(['complete']);
    await expect(shownIds()).resolves.toEqual([actions['2.2']]);

    await page.goto(planPath);
    await page.getByLabel('Lead owner').selectOption('Sam Rahman');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    expect(new URL(page.url()).searchParams.get('owner')).toBe('Sam Rahman');
    await expect(page.locator('#actions-shown').innerText()).resolves.toBe('Showing 1 of 7 actions.');
    await expect(shownIds()).resolves.toEqual([actions['2.3']]);

    await page.getByLabel('Lead owner').selectOption('');
    await page.getByLabel('Grouping').selectOption(groupingIds.priority2);
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await checkPage(page, 'plan-filter-grouping');
    await expect(shownIds()).resolves.toEqual([actions['2.1'], actions['2.2'], actions['2.3']].sort());
    await page.getByRole('link', { name: 'Remove this filter 2 Children in care' }).click();
    await expect(page.locator('#actions-shown').innerText()).resolves.toBe('Showing 7 of 7 actions.');
  });

  it('shows an auditor the plan as at a day on each basis, compared with another, with what changed between', async () => {
    const page = await world.newPage();
    await world.signIn(page, world.emails.auditor, 'plans-auditor');
    await page.goto(planPath);
    const [year, month, day] = fromToday(-1).split('-');
    await page
      .getByRole('group', { name: 'Show the plan as at' })
      .getByLabel('Day')
      .fill(String(Number(day)));
    await page
      .getByRole('group', { name: 'Show the plan as at' })
      .getByLabel('Month')
      .fill(String(Number(month)));
    await page.getByRole('group', { name: 'Show the plan as at' }).getByLabel('Year').fill(year);
    await page.getByRole('radio', { name: 'As we now know it was' }).check();
    await page.getByRole('button', { name: 'Show the plan' }).click();
    await checkPage(page, 'plan-as-at-before-it-existed');
    await expect(page.locator('.govuk-error-summary').innerText()).resolves.toContain('The plan did not exist yet on');

    const [y, m, d] = fromToday(0).split('-');
    const asAt = page.getByRole('group', { name: 'Show the plan as at' });
    await asAt.getByLabel('Day').fill(d);
    await asAt.getByLabel('Month').fill(m);
    await asAt.getByLabel('Year').fill(y);
    await page.getByRole('radio', { name: 'The ratings people recorded' }).check();
    const compare = page.getByRole('group', { name: 'Compare with' });
    await compare.getByLabel('Day').fill(String(Number(day)));
    await compare.getByLabel('Month').fill(String(Number(month)));
    await compare.getByLabel('Year').fill(year);
    await page.getByRole('button', { name: 'Show the plan' }).click();
    await checkPage(page, 'plan-as-at-compared');
    await expect(page.title()).resolves.toMatch(/^Plan as at \d+ \w+ \d{4} – /);
    await expect(page.locator('#summary-caption').innerText()).resolves.toContain(
      'counted on the ratings people recorded, as we now know it was',
    );
    const api = (await world.people.auditor.get(`/plans/${world.plan.planId}?asAt=${fromToday(0)}&basis=rating,effective`)).body.summary;
    expect((await totals(page, api.byGrouping.length)).slice(0, -1)).toEqual(
      api.byStatus.map((s: { label: string; count: number; percent: number }) => [s.label, String(s.count), s.percent.toFixed(1)]),
    );
    await expect(page.locator('#changes-table').innerText()).resolves.toContain('Signed off by the panel');
  });

  it('fits 200% zoom and a 320 px wide screen: the wide tables scroll inside their own boxes, never the page', async () => {
    // The board member's page from the first journey: asking for another sign-in link would meet its rate limit.
    const page = boardPage;
    await page.goto(`${planPath}?compareWith-day=1&compareWith-month=1&compareWith-year=2020`);
    await checkReflow(page, 'plan');
    await page.goto('/app/plans');
    await checkReflow(page, 'plans-list');
  });
});
