/// <reference lib="dom" />
import { checkPage, describeInBrowser, startCouncilBrowserWorld, type CouncilBrowserWorld } from '@actionplans/testing/browser';
import { created, fromToday } from '@actionplans/testing';
import type { Page } from 'playwright-core';

const text = (page: Page, selector: string) => page.locator(selector).innerText();

/**
 * The impact measure "EHC plans audited rated as good or better" on the council's plan: its owner
 * finds it from the plan, reads its status and direction of travel in words, records a
 * provisional figure (told first what is missing), then restates it, and the page keeps both.
 */
describeInBrowser('impact measures in a browser', () => {
  let world: CouncilBrowserWorld;
  let owner: Page;
  // One plan manager's page for the journeys that need one: a person is sent only so many sign-in links in 15 minutes.
  let manager: Page;
  let measureId = '';

  beforeAll(async () => {
    world = await startCouncilBrowserWorld();
    const { manager, owner: owen } = world.people;
    measureId = (
      await created(
        manager.post(`/plans/${world.plan.planId}/measures`, {
          name: 'EHC plans audited rated as good or better',
          unit: '%',
          direction: 'higher',
          baseline: { value: 52.5, date: fromToday(-365) },
          targets: [{ value: 75, by: fromToday(365) }],
          tolerance: { amberWithin: 5 },
          frequency: 'quarterly',
          source: 'EHCP quality assurance audits',
          owner: { kind: 'person', name: 'Owen Hughes', userId: owen.userId },
          groupingIds: [world.plan.groupingIds.priority1],
        }),
      )
    ).body.id;
    // Half way from the baseline to the target, 63.75 is expected: 60 is short by less than 5, so amber.
    await created(manager.post(`/measures/${measureId}/actuals`, { period: 'Last quarter', periodEnd: fromToday(0), value: 60 }));
    owner = await world.newPage();
    await world.signIn(owner, world.emails.owner, 'measures-owner');
  }, 240_000);

  afterAll(async () => {
    await world?.stop();
  });

  it('lists the plan’s measures from the plan page, with status and direction of travel in words', async () => {
    await owner.goto(`/app/plans/${world.plan.planId}`);
    await owner.getByRole('link', { name: 'The plan’s impact measures' }).click();
    await checkPage(owner, 'measures-list');
    const row = await text(owner, '#measures');
    for (const shown of ['EHC plans audited rated as good or better', '52.5%', '75% by', '60% (Last quarter)', 'Amber', 'Improving'])
      expect(row).toContain(shown);
  });

  it('records a provisional figure, naming what is missing first', async () => {
    await owner.getByRole('link', { name: 'EHC plans audited rated as good or better' }).click();
    await checkPage(owner, 'measure-page');
    await expect(text(owner, '#measure-details')).resolves.toContain('EHCP quality assurance audits');
    await owner.getByRole('button', { name: 'Record figure' }).click();
    await checkPage(owner, 'measure-record-errors');
    const summary = await text(owner, '.govuk-error-summary');
    for (const missing of ['Enter the period', 'Enter the last day of the period', 'Enter the figure']) expect(summary).toContain(missing);

    const [year, month, day] = fromToday(0).split('-');
    await owner.getByLabel('Period', { exact: true }).fill('Last quarter');
    await owner.getByRole('group', { name: 'Last day of the period' }).getByLabel('Day').fill(day);
    await owner.getByRole('group', { name: 'Last day of the period' }).getByLabel('Month').fill(month);
    await owner.getByRole('group', { name: 'Last day of the period' }).getByLabel('Year').fill(year);
    await owner.getByLabel('Figure', { exact: true }).fill('61');
    await owner.getByRole('button', { name: 'Record figure' }).click();
    // One figure a period: the engine refuses a second, beside the period.
    await expect(text(owner, '.govuk-error-summary')).resolves.toContain('restate it to change it');

    await owner.getByLabel('Period', { exact: true }).fill('This month');
    await owner.getByLabel('This figure is provisional and may be restated').check();
    await owner.getByRole('button', { name: 'Record figure' }).click();
    await expect(text(owner, '.govuk-notification-banner')).resolves.toContain('Figure recorded');
    await expect(text(owner, '#measure-actuals')).resolves.toMatch(/This month[\s\S]*61%[\s\S]*Provisional/);
  });

  it('restates the figure with a reason, keeping the one it replaces', async () => {
    await owner.getByLabel('Period restated').selectOption('This month');
    await owner.getByLabel('Restated figure', { exact: true }).fill('64.2');
    await owner.getByRole('button', { name: 'Restate figure' }).click();
    await expect(text(owner, '.govuk-error-summary')).resolves.toContain('Enter why the figure is restated');
    await owner.getByLabel('Restated figure', { exact: true }).fill('64.2');
    await owner.getByLabel('Why it is restated').fill('audit figures re-run retrospectively');
    await owner.getByRole('button', { name: 'Restate figure' }).click();
    await expect(text(owner, '.govuk-notification-banner')).resolves.toContain('Figure restated');
    await checkPage(owner, 'measure-restated');
    const figures = await text(owner, '#measure-actuals');
    expect(figures).toContain('64.2%');
    expect(figures).toMatch(/Restated .* from 61% \(provisional\): audit figures re-run retrospectively/);
    await expect(text(owner, '#measure-history')).resolves.toContain('Figure restated');
  });

  it('lets a plan manager give the day a figure was reported, refused before the measure was defined', async () => {
    manager = await world.newPage();
    await world.signIn(manager, world.emails.manager, 'measures-manager');
    await manager.goto(`/app/measures/${measureId}`);
    const [year, month, day] = fromToday(-30).split('-');
    await manager.getByLabel('Period', { exact: true }).fill('Earlier quarter');
    const periodEnd = manager.getByRole('group', { name: 'Last day of the period' });
    await periodEnd.getByLabel('Day').fill(day);
    await periodEnd.getByLabel('Month').fill(month);
    await periodEnd.getByLabel('Year').fill(year);
    await manager.getByLabel('Figure', { exact: true }).fill('57');
    const reported = manager.getByRole('group', { name: 'When was it reported?' });
    await reported.getByLabel('Day').fill(day);
    await reported.getByLabel('Month').fill(month);
    await reported.getByLabel('Year').fill(year);
    await reported.getByLabel('Where it is written down').fill('Improvement Board papers');
    await manager.getByRole('button', { name: 'Record figure' }).click();
    await checkPage(manager, 'measure-record-before-defined');
    await expect(text(manager, '.govuk-error-summary')).resolves.toContain('must be on or after');
    await expect(text(manager, '.govuk-error-summary')).resolves.toContain('when the measure was defined');
  });

  it('lets a plan manager define a measure, told first what is missing, and not its owner', async () => {
    await manager.goto(`/app/plans/${world.plan.planId}/measures`);
    await manager.getByRole('link', { name: 'Define an impact measure' }).click();
    await checkPage(manager, 'measure-define');
    await manager.getByLabel('Name').fill('Young people in education, training or employment');
    await manager.getByRole('button', { name: 'Define the measure' }).click();
    const summary = await text(manager, '.govuk-error-summary');
    for (const missing of [
      'Enter its unit',
      'Select whether a higher or a lower figure is better',
      'Enter the day the target is to be met by',
    ])
      expect(summary).toContain(missing);
    await checkPage(manager, 'measure-define-refused');
    await manager.getByLabel('Unit', { exact: true }).fill('%');
    await manager.getByLabel('Higher').check();
    await manager.getByLabel('Baseline figure').fill('61');
    const [year, month, day] = fromToday(-30).split('-');
    const baseline = manager.getByRole('group', { name: 'Day of the baseline figure' });
    await baseline.getByLabel('Day').fill(day);
    await baseline.getByLabel('Month').fill(month);
    await baseline.getByLabel('Year').fill(year);
    await manager.getByLabel('Target', { exact: true }).fill('75');
    const [toYear, toMonth, toDay] = fromToday(365).split('-');
    const by = manager.getByRole('group', { name: 'To be met by' });
    await by.getByLabel('Day').fill(toDay);
    await by.getByLabel('Month').fill(toMonth);
    await by.getByLabel('Year').fill(toYear);
    await manager.getByLabel('How often it is reported').selectOption('quarterly');
    await manager.getByLabel('Who reports it').fill('Youth Justice Service');
    await manager.getByRole('button', { name: 'Define the measure' }).click();
    await expect(text(manager, '.govuk-notification-banner')).resolves.toContain('Measure defined');
    await expect(text(manager, 'h1')).resolves.toContain('Young people in education, training or employment');
    const listed = (await world.people.board.get(`/plans/${world.plan.planId}/measures`)).body;
    expect(JSON.stringify(listed)).toContain('Young people in education, training or employment');

    await owner.goto(`/app/plans/${world.plan.planId}/measures/new`);
    await expect(owner.locator('h1').innerText()).resolves.not.toBe('Define an impact measure');
  });

  it('lets a plan manager tick the complete category as needing measures achieved, and a rating into a ticked category is then refused beside it', async () => {
    await manager.goto(`/app/plans/${world.plan.planId}/settings`);
    await checkPage(manager, 'settings-measures-achieved');
    const needing = manager.getByRole('group', { name: 'Categories that need the action’s impact measures achieved' });
    // Green is the plan's complete category; Amber is one an owner can rate an open action into.
    await needing.getByLabel('Green', { exact: true }).check();
    await needing.getByLabel('Amber', { exact: true }).check();
    await manager.getByLabel('Why the settings change').fill('Improvement Board: a rating needs the impact measures achieved');
    // A ready-made scheme chosen in the same form keeps the ticks only for categories it has.
    await manager.getByLabel('SEND written statement of action: BRAG', { exact: true }).check();
    await manager.getByRole('button', { name: 'Save settings' }).click();
    await checkPage(manager, 'settings-measures-achieved-refused');
    await expect(text(manager, '#measuresAchieved-error')).resolves.toContain(
      'SEND written statement of action: BRAG has no category matching “Green”, “Amber”',
    );
    await manager.getByLabel('Children and young people’s plan: RAG', { exact: true }).check();
    await manager.getByRole('button', { name: 'Save settings' }).click();
    await expect(text(manager, '#settings')).resolves.toMatch(/Categories needing impact measures achieved\s+Green, Amber/);

    // cyp-rag with flags added is no longer the ready-made cyp-rag.
    await manager.goto(`/app/plans/${world.plan.planId}/settings`);
    await expect(manager.getByLabel('Keep the plan’s own categories').isChecked()).resolves.toBe(true);
    await expect(needing.getByLabel('Green', { exact: true }).isChecked()).resolves.toBe(true);

    await owner.goto(`/app/actions/${world.plan.actions['1.3']}/progress`);
    await owner.getByLabel('What has happened since the last update?').fill('Audits under way; no issues.');
    await owner.getByLabel('On track', { exact: true }).check();
    await owner.getByRole('group', { name: 'Rating (optional)' }).getByLabel('Amber', { exact: true }).check();
    await owner.getByRole('button', { name: 'Send update' }).click();
    await checkPage(owner, 'progress-measures-not-achieved');
    const refusal = await text(owner, '#rating-error');
    expect(refusal).toContain('Rating "Amber" requires the action\'s impact measures achieved');
    expect(refusal).toContain('"EHC plans audited rated as good or better"');
    await expect(text(owner, '.govuk-error-summary')).resolves.toContain("requires the action's impact measures achieved");
  });
});
