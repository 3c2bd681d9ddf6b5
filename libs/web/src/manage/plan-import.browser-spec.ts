/// <reference lib="dom" />
import { checkPage, describeInBrowser, startCouncilBrowserWorld, type CouncilBrowserWorld } from '@actionplans/testing/browser';
import type { Page } from 'playwright-core';
import { hmipSheetRows, xlsxOf } from '../../../import/src/hmip-sheet.fixture';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The import form filled in as the HMIP paper gives it. */
async function fillOptions(page: Page, title: string): Promise<void> {
  await page.locator('#title').fill(title);
  await page.locator('#kind').fill('inspection');
  await page.locator('#sourceBody').fill('HMIP');
  await page.locator('#sourceDate').fill('17 December 2020');
  await page.locator('#judgement').fill('Requires Improvement');
  await page.getByLabel('hmip-four-bucket').check();
  await page.locator('#paperDate-day').fill('15');
  await page.locator('#paperDate-month').fill('7');
  await page.locator('#paperDate-year').fill('2021');
  await page.locator('#paperSource').fill('YOT HMIP Inspection Action Plan, version 0.9, 15 July 2021');
}

describeInBrowser('importing a plan’s spreadsheet in a browser', () => {
  let world: CouncilBrowserWorld;
  let page: Page;
  const plans = async () => (await world.people.manager.get('/plans')).body as Array<{ planId: string; title: string }>;

  beforeAll(async () => {
    world = await startCouncilBrowserWorld();
    page = await world.newPage();
    await world.signIn(page, world.emails.manager, 'importer');
    // The council's people are added with the command line, one process each: slow on a busy machine.
  }, 240_000);

  afterAll(async () => {
    await world?.stop();
  });

  it('names every mistake in a sheet by row and column, in the error summary and a table, and stores nothing', async () => {
    const before = (await plans()).length;
    await page.goto('/app/plans/import');
    await fillOptions(page, 'A sheet with mistakes');
    const mistakes = [
      ['Ref', 'Action', 'Lead', 'By When', 'Status'],
      ['1.1', 'Fine', 'Pat Lee', 'Mar-21', 'on track'],
      ['', 'No ref', 'Pat Lee', 'Mar-21', ''],
      ['1.2', 'Bad date', 'Pat Lee', '31.4.14', ''],
    ];
    await page.locator('#sheet').setInputFiles({ name: 'mistakes.xlsx', mimeType: XLSX, buffer: await xlsxOf(mistakes) });
    await page.getByRole('button', { name: 'Check the spreadsheet' }).click();
    await checkPage(page, 'import-dry-run-problems');
    await expect(page.title()).resolves.toMatch(/^Error: Check the import – A sheet with mistakes – Action plans/);
    const summary = await page.locator('.govuk-error-summary').innerText();
    expect(summary).toContain('Row 3, column A');
    expect(summary).toContain('Row 4, column D');
    const cells = await page.locator('.govuk-table tbody tr').evaluateAll((rows) =>
      rows.map((row) =>
        Array.from(row.querySelectorAll('td'))
          .slice(0, 3)
          .map((cell) => (cell as HTMLElement).innerText),
      ),
    );
    expect(cells).toEqual([
      ['3', 'A (Ref)', ''],
      ['4', 'D (By When)', '31.4.14'],
    ]);
    await expect(page.getByRole('button', { name: 'Confirm import' }).count()).resolves.toBe(0);
    expect(await plans()).toHaveLength(before);
  });

  it('dry-runs the HMIP plan, confirms the same upload without sending it again, and lands on the plan', async () => {
    await page.goto('/app/plans/import');
    await checkPage(page, 'import-form');
    await fillOptions(page, 'Rotherham YOT HMIP Inspection Action Plan');
    await page
      .locator('#sheet')
      .setInputFiles({ name: 'hmip-yot-action-plan.xlsx', mimeType: XLSX, buffer: await xlsxOf(hmipSheetRows()) });
    await page.getByRole('button', { name: 'Check the spreadsheet' }).click();
    await checkPage(page, 'import-dry-run-report');
    const report = await page.locator('main').innerText();
    expect(report).toContain('The spreadsheet has no problems');
    expect(report).toMatch(/Groupings\s+25/);
    expect(report).toMatch(/Actions\s+65/);
    expect(report).toContain('No account: kept as a named owner');
    expect((await plans()).some((plan) => plan.title.startsWith('Rotherham'))).toBe(false);

    await page.getByRole('button', { name: 'Confirm import' }).click();
    await checkPage(page, 'import-done');
    await expect(page.locator('.govuk-panel').innerText()).resolves.toContain('Plan imported');
    const planId = (await plans()).find((plan) => plan.title.startsWith('Rotherham'))!.planId;
    await expect(page.getByRole('link', { name: 'View the plan' }).getAttribute('href')).resolves.toBe(`/app/plans/${planId}`);
    const plan = (await world.people.manager.get(`/plans/${planId}`)).body;
    expect(plan).toMatchObject({ stage: 'draft', summary: { counted: 46, complete: 45 } });
    expect(plan.actions).toHaveLength(65);

    await page.getByRole('link', { name: 'Manage the plan' }).click();
    await checkPage(page, 'import-manage-imported-plan');
    await expect(page.locator('h1').innerText()).resolves.toBe('Rotherham YOT HMIP Inspection Action Plan');
  });
});
