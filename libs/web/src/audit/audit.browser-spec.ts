/// <reference lib="dom" />
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkPage, describeInBrowser, startCouncilBrowserWorld, type CouncilBrowserWorld, tabTo } from '@actionplans/testing/browser';
import { created } from '@actionplans/testing';
import type { Page } from 'playwright-core';

const MEASURE = 'Children seen within 10 working days';

describeInBrowser('the auditor’s plan history, hash-chain check and audit bundle', () => {
  let world: CouncilBrowserWorld;
  let auditor: Page;
  let historyPath: string;
  let measureId: string;

  beforeAll(async () => {
    world = await startCouncilBrowserWorld();
    historyPath = `/app/audit/plans/${world.plan.planId}`;
    measureId = await measureRestatedAndPackIssued(world);
    auditor = await world.newPage();
    await world.signIn(auditor, world.emails.auditor, 'audit-auditor');
    // Eight people added by the command line and a plan built through the API take a while on a busy machine.
  }, 240_000);

  afterAll(async () => {
    await world?.stop();
  });

  it('picks the plan and reads its history: who, in what role, when it happened and was recorded', async () => {
    await auditor.getByRole('link', { name: 'Audit' }).click();
    await checkPage(auditor, 'audit-plans');
    await auditor.getByRole('link', { name: "Children's Services Improvement Plan" }).click();
    await checkPage(auditor, 'audit-plan-history');
    await expect(auditor.title()).resolves.toBe("History – Children's Services Improvement Plan – Action plans – Anytown Borough Council");
    const titles = await auditor.locator('.moj-timeline__title').allInnerTexts();
    expect(titles[0]).toMatch(/^Created the plan "Children's Services Improvement Plan"/);
    expect(titles.some((title) => /^Action 1\.1: Raised 1\.1: Publish the early help strategy/.test(title))).toBe(true);
    expect(titles.some((title) => /^Action 2\.2: Evidence challenge panel: signed off/.test(title))).toBe(true);
    const first = auditor.locator('.moj-timeline__item').first();
    await expect(first.locator('.moj-timeline__byline').innerText()).resolves.toBe('by Priya Patel (plan manager)');
    await expect(first.locator('.moj-timeline__date').innerText()).resolves.toMatch(/^\d{1,2} [A-Z][a-z]+ \d{4} at \d{1,2}:\d{2}[ap]m$/);
    await expect(first.locator('.moj-timeline__description').innerText()).resolves.toMatch(/Recorded\s+\d{1,2} [A-Z][a-z]+ \d{4} at/);
  });

  it("reads who recorded and restated the measure's figures, and which pack went to the board", async () => {
    // The newest events: on the last page.
    await auditor.goto(`${historyPath}?page=999`);
    await checkPage(auditor, 'audit-plan-history-measures');
    const titles = (await auditor.locator('.moj-timeline__title').allInnerTexts()).map((title) => title.trim());
    expect(titles).toEqual(
      expect.arrayContaining([
        `Measure ${MEASURE}: Defined the measure "${MEASURE}": baseline 70% on 1 April 2024, target 90% by 31 March 2099, higher is better`,
        `Measure ${MEASURE}: Recorded 61.2% for Q1 (provisional)`,
        `Measure ${MEASURE}: Restated Q1 as 58%, replacing 61.2% (provisional)`,
        expect.stringMatching(
          /^Issued the committee pack [0-9a-f]{12} to the Improvement Board of \d{1,2} [A-Z][a-z]+ \d{4} \(figures as at /,
        ),
      ]),
    );
    const restated = auditor.locator('.moj-timeline__item').filter({ hasText: 'Restated Q1' });
    await expect(restated.locator('.moj-timeline__byline').innerText()).resolves.toBe('by Priya Patel (plan manager)');
    await expect(restated.locator('.moj-timeline__description').innerText()).resolves.toContain('re-run retrospectively');
    await restated.getByRole('link', { name: `Measure ${MEASURE}` }).click();
    await auditor.waitForURL(`**/app/measures/${measureId}`);
  });

  it("opens an action's own history from the plan's", async () => {
    await auditor.goto(historyPath);
    await auditor.getByRole('link', { name: 'Action 1.4' }).first().click();
    await checkPage(auditor, 'audit-action-history');
    await expect(auditor.locator('h1').innerText()).resolves.toBe('History of action 1.4');
    const titles = await auditor.locator('.moj-timeline__title').allInnerTexts();
    expect(titles[0]).toMatch(/^Raised 1\.4/);
    expect(titles.some((title) => /^Evidence challenge panel: more evidence required/.test(title))).toBe(true);
  });

  it('checks the hash chains by keyboard alone, and finds them all intact', async () => {
    await auditor.goto(historyPath);
    await tabTo(auditor, /^Check the hash chains$/);
    await auditor.keyboard.press('Enter');
    await auditor.waitForURL('**/verify');
    await checkPage(auditor, 'audit-verify-intact');
    await expect(auditor.locator('#check-result').innerText()).resolves.toBe('All intact');
    const rows = await auditor.locator('tbody tr').allInnerTexts();
    expect(rows).toHaveLength(1 + 7 + 2 + 1 + 1);
    expect(rows[0]).toMatch(/^The plan\s+\d+\s+Intact/);
    expect(rows.filter((row) => /^Action \d\.\d\s+\d+\s+Intact/.test(row))).toHaveLength(7);
    expect(rows.filter((row) => /^Panel meeting /.test(row))).toHaveLength(2);
    expect(rows.slice(-2).map((row) => row.split(/\s{2,}|\t/).slice(0, 3))).toEqual([
      [`Measure ${MEASURE}`, '3', 'Intact'],
      ['The pack register', '1', 'Intact'],
    ]);
  });

  it('downloads the same audit bundle the API answers', async () => {
    await auditor.goto(historyPath);
    const [download] = await Promise.all([
      auditor.waitForEvent('download'),
      auditor.getByRole('button', { name: 'Download the audit bundle' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^plan-${world.plan.planId}-audit-\\d{8}T\\d{6}Z\\.json$`));
    const fromPage = readFileSync(await download.path());
    const fromApi = await fetch(`${world.url}/plans/${world.plan.planId}/audit-bundle`, {
      headers: { authorization: `Bearer ${world.people.auditor.token}` },
    });
    expect(fromApi.status).toBe(200);
    // The same bytes but for the moment each was exported.
    const exportedAt = (text: string) => text.replace(/"exportedAt": "[^"]+"/, '"exportedAt": "…"');
    expect(exportedAt(fromPage.toString('utf8'))).toBe(exportedAt(await fromApi.text()));
  });

  it('goes on to the plan as at a day on the basis chosen, and says what is missing', async () => {
    await auditor.goto(historyPath);
    await auditor.getByRole('button', { name: 'See the plan as at this day' }).click();
    await checkPage(auditor, 'audit-as-at-error');
    await expect(auditor.locator('.govuk-error-summary').innerText()).resolves.toContain('Enter the day to see the plan as at');
    await auditor.getByLabel('Day', { exact: true }).fill('1');
    await auditor.getByLabel('Month').fill('2');
    await auditor.getByLabel('Year').fill('2025');
    await auditor.getByLabel('What had been recorded by that day').check();
    const asked = auditor.waitForRequest((request) => request.url().includes(`/app/plans/${world.plan.planId}?`));
    await auditor.getByRole('button', { name: 'See the plan as at this day' }).click();
    expect((await asked).url()).toBe(`${world.url}/app/plans/${world.plan.planId}?asAt=2025-02-01&basis=recorded`);
  });

  it('lets a plan manager read the history and check it, but not download the bundle; an owner not at all', async () => {
    const manager = await world.newPage();
    await world.signIn(manager, world.emails.manager, 'audit-manager');
    await manager.goto(historyPath);
    await checkPage(manager, 'audit-plan-history-manager');
    await expect(manager.getByRole('button', { name: 'Download the audit bundle' }).count()).resolves.toBe(0);
    expect((await manager.goto(`${historyPath}/audit-bundle`))?.status()).toBe(403);
    const owner = await world.newPage();
    await world.signIn(owner, world.emails.owner, 'audit-owner');
    expect((await owner.goto('/app/audit'))?.status()).toBe(403);
    await checkPage(owner, 'audit-forbidden-owner');
  });

  it('lists for the auditor each download of a restricted file, made on the action page, and not for the plan manager', async () => {
    const { owner } = world.people;
    const actionId = world.plan.actions['1.1'];
    const { sha256 } = (await created(owner.upload('/files', Buffer.from('Case file sample: family F')))).body;
    const file = { sha256, name: 'family-f.pdf' };
    await created(
      owner.post(`/actions/${actionId}/evidence`, { title: 'Case file of family F', kind: 'case study', restricted: true, file }),
    );
    const page = await world.newPage();
    await world.signIn(page, world.emails.owner, 'audit-reads-owner');
    await page.goto(`/app/actions/${actionId}`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'family-f.pdf' }).click()]);
    expect(readFileSync(await download.path(), 'utf8')).toBe('Case file sample: family F');

    await auditor.goto(historyPath);
    await checkPage(auditor, 'audit-restricted-reads');
    const rows = await auditor.locator('#restricted-reads + table tbody tr').allInnerTexts();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(/Owen Hughes \(action owner\)\s+1\.1\s+Case file of family F\s+family-f\.pdf/);
    const manager = await world.newPage();
    await world.signIn(manager, world.emails.manager, 'audit-reads-manager');
    await manager.goto(historyPath);
    await expect(manager.locator('#restricted-reads').count()).resolves.toBe(0);
  });

  it('withholds restricted evidence on the action page itself from a board member, who may not open its file either', async () => {
    const actionId = world.plan.actions['1.1'];
    const item = (await world.people.owner.get(`/actions/${actionId}`)).body.evidence.find(
      (evidence: { title?: string }) => evidence.title === 'Case file of family F',
    ) as { evidenceId: string; file: { sha256: string } };
    const board = await world.newPage();
    await world.signIn(board, world.emails.board, 'audit-restricted-board');
    await board.goto(`/app/actions/${actionId}`);
    await checkPage(board, 'audit-restricted-redacted-action');
    const row = await board.locator(`#evidence-${item.evidenceId}`).innerText();
    expect(row).toContain('Restricted');
    expect(row).toContain('File withheld');
    expect(row).toContain(item.file.sha256);
    await expect(board.locator('main').innerText()).resolves.not.toMatch(/Case file of family F|family-f\.pdf/);
    await expect(board.locator(`a[href$="/evidence/${item.evidenceId}/file"]`).count()).resolves.toBe(0);
    const response = await board.goto(`/app/actions/${actionId}/evidence/${item.evidenceId}/file`);
    expect(response?.status()).toBe(403);
  });

  it('reports, by the measure’s name, a restated figure edited in the database, until it is put back', async () => {
    const stream = `measure-${measureId}`;
    const raw = new Database(join(world.dataDir, 'events.db'));
    const { version, position, data } = raw
      .prepare(`SELECT version, position, data FROM events WHERE stream = ? AND type = 'ActualRestated'`)
      .get(stream) as { version: number; position: number; data: string };
    raw.prepare(`UPDATE events SET data = json_set(data, '$.value', 61.2) WHERE stream = ? AND version = ?`).run(stream, version);
    try {
      await auditor.goto(`${historyPath}/verify`);
      await checkPage(auditor, 'audit-verify-broken-measure');
      await expect(auditor.locator('#break-in-words').innerText()).resolves.toBe(
        `Event ${version} of measure ${MEASURE} (position ${position} in the log): the event does not match its hash: its content was altered.`,
      );
      await expect(
        auditor
          .locator('tbody tr')
          .filter({ hasText: `Measure ${MEASURE}` })
          .innerText(),
      ).resolves.toContain('Broken');
    } finally {
      raw.prepare(`UPDATE events SET data = ? WHERE stream = ? AND version = ?`).run(data, stream, version);
      raw.close();
    }
    await auditor.goto(`${historyPath}/verify`);
    await expect(auditor.locator('#check-result').innerText()).resolves.toBe('All intact');
  });

  // Last: it alters the store for good.
  it('reports, in words, an event edited in the database', async () => {
    const stream = `action-${world.plan.actions['1.3']}`;
    const raw = new Database(join(world.dataDir, 'events.db'));
    const { version, position } = raw
      .prepare(`SELECT version, position FROM events WHERE stream = ? AND type = 'ProgressUpdated' ORDER BY version LIMIT 1`)
      .get(stream) as { version: number; position: number };
    raw
      .prepare(`UPDATE events SET data = json_set(data, '$.commentary', 'Action completed') WHERE stream = ? AND version = ?`)
      .run(stream, version);
    raw.close();
    await auditor.goto(`${historyPath}/verify`);
    await checkPage(auditor, 'audit-verify-broken');
    await expect(auditor.locator('#check-result').innerText()).resolves.toBe('The records have been tampered with');
    await expect(auditor.locator('#break-in-words').innerText()).resolves.toBe(
      `Event ${version} of action 1.3 (position ${position} in the log): the event does not match its hash: its content was altered.`,
    );
    await expect(auditor.locator('tbody tr').filter({ hasText: 'Action 1.3' }).innerText()).resolves.toContain('Broken');
  });
});

/** An impact measure of the plan, its first figure provisional and restated by the plan manager, and a pack issued to the board. */
async function measureRestatedAndPackIssued({ people, plan }: CouncilBrowserWorld): Promise<string> {
  const { manager, owner } = people;
  const measureId = (
    await created(
      manager.post(`/plans/${plan.planId}/measures`, {
        name: MEASURE,
        unit: '%',
        direction: 'higher',
        baseline: { value: 70, date: '2024-04-01' },
        targets: [{ value: 90, by: '2099-03-31' }],
        tolerance: { amberWithin: 5 },
        frequency: 'quarterly',
        owner: { kind: 'person', name: 'Owen Hughes', userId: owner.userId },
      }),
    )
  ).body.id as string;
  await created(owner.post(`/measures/${measureId}/actuals`, { period: 'Q1', periodEnd: '2024-06-30', value: 61.2, provisional: true }));
  await created(manager.post(`/measures/${measureId}/restatements`, { period: 'Q1', value: 58, reason: 're-run retrospectively' }));
  const today = new Date().toISOString().slice(0, 10);
  const cover = {
    title: 'Improvement plan: progress',
    purpose: 'To update the board',
    recommendations: ['That the board note the progress'],
  };
  await created(manager.post(`/plans/${plan.planId}/packs`, { asAt: today, cover, meeting: { board: 'Improvement Board', date: today } }));
  return measureId;
}
