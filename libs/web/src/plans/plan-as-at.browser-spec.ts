/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { checkPage, describeInBrowser, startBrowserWorld, type BrowserWorld } from '@actionplans/testing/browser';
import { hmipImportOptions, hmipXlsx } from '../../../import/src/hmip-sheet.fixture';

/** The import's options, as test/plan-import.e2e-spec.ts sends them: the paper of 15 July 2021 entered afterwards. */
const options = hmipImportOptions('Rotherham YOT HMIP Inspection Action Plan');

/** Presses Tab until the focused element is the one asked for (keyboard alone), failing after `limit` presses. */
async function tabTo(page: Page, what: string, isIt: () => boolean, limit = 80): Promise<void> {
  for (let presses = 0; presses < limit; presses += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(isIt)) return;
  }
  throw new Error(`Tab never reached ${what}`);
}

describeInBrowser('the HMIP plan as its board was told it on 15 July 2021', () => {
  let world: BrowserWorld;
  let planId: string;

  beforeAll(async () => {
    world = await startBrowserWorld();
    const manager = world.addUser({ name: 'YOT Performance Manager', role: 'plan manager', email: 'yot.performance@anytown.gov.uk' });
    world.addUser({ name: 'Chair of the YOT Management Board', role: 'action owner', email: 'yot.chair@anytown.gov.uk' });
    world.addUser({ name: 'Internal Audit', role: 'auditor', email: 'audit@anytown.gov.uk' });
    const response = await fetch(`${world.url}/plans/import?dryRun=false&options=${encodeURIComponent(JSON.stringify(options))}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${manager.token}`,
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      },
      body: new Uint8Array(await hmipXlsx()),
    });
    expect(response.status).toBe(200);
    planId = ((await response.json()) as { planId: string }).planId;
    // The paper's 45 sign-offs are proposed by the importer and confirmed by a second plan manager (ADR 33).
    const deputy = world.addUser({ name: 'Deputy Performance Manager', role: 'plan manager', email: 'yot.deputy@anytown.gov.uk' });
    const call = async (path: string, token: string, body?: object) =>
      (await fetch(`${world.url}${path}`, {
        method: body ? 'POST' : 'GET',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body && JSON.stringify(body),
      }).then((reply) => reply.json())) as { actions: Array<{ actionId: string; signOffProposed: boolean }>; confirmed: unknown[] };
    const proposed = (await call(`/plans/${planId}`, deputy.token)).actions.filter((action) => action.signOffProposed);
    const confirmed = await call(`/plans/${planId}/proposed-sign-offs/confirmation`, deputy.token, {
      actionIds: proposed.map((action) => action.actionId),
    });
    expect(confirmed.confirmed).toHaveLength(45);
  }, 120_000);

  afterAll(async () => {
    await world?.stop();
  });

  // Two pages of 65 actions each, photographed and checked by axe whole: longer than the default minute.
  it('shows an auditor, by keyboard alone, 45 of 46 complete on the ratings as at 15 July 2021, beside 20 January 2021', async () => {
    const page = await world.newPage();
    await world.signIn(page, 'audit@anytown.gov.uk', 'hmip-auditor');
    await page.goto(`/app/plans/${planId}`);
    await checkPage(page, 'hmip-plan');
    await tabTo(page, 'the as-at day', () => document.activeElement?.id === 'asAt-day');
    await page.keyboard.type('15');
    await page.keyboard.press('Tab');
    await page.keyboard.type('7');
    await page.keyboard.press('Tab');
    await page.keyboard.type('2021');
    // Tab reaches a group of radios at its chosen one; the arrow keys choose within it.
    await tabTo(page, 'the counting radios', () => (document.activeElement as HTMLInputElement | null)?.name === 'basis');
    if (await page.evaluate(() => (document.activeElement as HTMLInputElement).value !== 'rating')) await page.keyboard.press('ArrowUp');
    await expect(page.getByRole('radio', { name: 'The ratings people recorded' }).isChecked()).resolves.toBe(true);
    await page.keyboard.press('Tab');
    await page.keyboard.type('20');
    await page.keyboard.press('Tab');
    await page.keyboard.type('1');
    await page.keyboard.press('Tab');
    await page.keyboard.type('2021');
    await tabTo(page, 'Show the plan', () => document.activeElement?.textContent?.trim() === 'Show the plan');
    await Promise.all([page.waitForURL(/asAt-day=15/), page.keyboard.press('Enter')]);
    await checkPage(page, 'hmip-plan-as-at-compared');

    await expect(page.title()).resolves.toBe(
      'Plan as at 15 July 2021 – Rotherham YOT HMIP Inspection Action Plan – Action plans – Anytown Borough Council',
    );
    await expect(page.locator('#plan-complete').innerText()).resolves.toBe('45 of 46 counted actions (97.8%)');
    const completed = page.getByRole('row', { name: /^Action completed/ });
    // Qty and % for each top-level grouping, then the total on 15 July 2021, then on 20 January 2021.
    await expect(completed.locator('td').nth(-4).innerText()).resolves.toBe('45');
    await expect(completed.locator('td').nth(-3).innerText()).resolves.toBe('97.8');
    await expect(completed.locator('td').nth(-2).innerText()).resolves.toBe('0');
    await expect(page.locator('#summary-table thead').innerText()).resolves.toContain('Total 20 January 2021');
    await expect(page.locator('#changes').innerText()).resolves.toBe('What changed between 20 January 2021 and 15 July 2021');
    await expect(page.locator('#changes-table').innerText()).resolves.toContain('Status moved');
  }, 240_000);
});
