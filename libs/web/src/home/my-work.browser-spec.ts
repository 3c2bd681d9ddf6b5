/// <reference lib="dom" />
import { join } from 'node:path';
import {
  checkPage,
  describeInBrowser,
  signedInDeputy,
  startCouncilBrowserWorld,
  type Client,
  type CouncilBrowserWorld,
} from '@actionplans/testing/browser';
import type { Page } from 'playwright-core';

const BOARD = "Children's Improvement Board";
const PAPER = 'Children’s Improvement Board minutes, 12 July 2023';
const today = () => new Date().toISOString().slice(0, 10);

/** With DOCS_SCREENSHOTS=1, the top of the page is also kept for the README, under docs/screenshots. */
async function docsShot(page: Page, name: string, height = 1400): Promise<void> {
  if (process.env.DOCS_SCREENSHOTS !== '1') return;
  const path = join(__dirname, '..', '..', '..', '..', 'docs', 'screenshots', `${name}.png`);
  await page.screenshot({ path, fullPage: true, clip: { x: 0, y: 0, width: 1024, height } });
}

/**
 * A plan manager's My work (ADR 33, ADR 31): the sign-offs and decisions another officer typed in,
 * waiting for a second one, the proposer told theirs still wait, and the actions signed off that
 * wait for the board's approval to close, each linking to where it is answered.
 */
describeInBrowser('My work of plan managers and a chair, with what waits for a second officer, in a browser', () => {
  let world: CouncilBrowserWorld;
  let deputy: Page;
  let deputyApi: Client;
  let manager: Page;
  let n = 0;

  /** An action owned by Owen, raised by Priya, the plan's manager. */
  const raised = async (description: string) => {
    const reply = await world.people.manager.post(`/plans/${world.plan.planId}/actions`, {
      groupingId: world.plan.groupingIds.priority2,
      references: [`2.${70 + ++n}`],
      description,
      targetDate: 'Mar-99',
      leadOwners: [{ kind: 'person', name: 'Owen Hughes', userId: world.people.owner.userId }],
    });
    expect(reply.status).toBe(201);
    return reply.body.id as string;
  };
  const fromPaper = async (actionId: string, proposer: Client = world.people.manager) =>
    expect((await proposer.post(`/actions/${actionId}/sign-off-from-paper`, { effective: { at: today(), source: PAPER } })).status).toBe(
      201,
    );

  /** Priya enters the chair's decision on a submitted action from the minutes of today's meeting. */
  const enteredFromMinutes = async (actionId: string) => {
    const { manager: priya, owner, chair, member, member2 } = world.people;
    const evidence = await owner.post(`/actions/${actionId}/evidence`, {
      title: 'Protocol',
      kind: 'policy',
      link: 'https://council.example/p',
    });
    await owner.post(`/actions/${actionId}/submission`, { evidenceIds: [evidence.body.createdId] });
    const members = [member.userId, member2.userId];
    const panel = await priya.post('/panels', {
      planId: world.plan.planId,
      title: 'Evidence Challenge Panel',
      date: today(),
      chair: chair.userId,
      members,
    });
    const panelId = panel.body.id as string;
    await priya.post(`/panels/${panelId}/agenda`, { actionId });
    await priya.post(`/panels/${panelId}/attendance`, { present: [chair.userId, ...members] });
    const entered = await priya.post(`/panels/${panelId}/decisions`, {
      actionId,
      outcome: 'signed off',
      rationale: 'Protocol adopted by the partnership',
      decidedBy: chair.userId,
      effective: { at: today(), source: 'Minutes of the panel' },
    });
    expect(entered.status).toBe(201);
  };

  beforeAll(async () => {
    world = await startCouncilBrowserWorld();
    ({ page: deputy, api: deputyApi } = await signedInDeputy(world));
    // The deputy sets the plan's approval to close, and so manages the plan too (ADR 32).
    const amended = await deputyApi.patch(`/plans/${world.plan.planId}`, {
      approvalToClose: BOARD,
      completeAt: 'approval to close',
      reason: 'The board approves closure',
    });
    expect(amended.status).toBe(200);
    // Signed off from the paper and confirmed by the deputy: it waits for the board, as 2.2 (signed off by the panel) does.
    const closing = await raised('Publish the short breaks statement');
    await fromPaper(closing);
    expect((await deputyApi.post(`/actions/${closing}/proposed-sign-off/confirmation`, {})).status).toBe(201);
    for (const description of ['Publish the local offer', 'Audit EHC plans']) await fromPaper(await raised(description));
    await enteredFromMinutes(await raised('Refresh the transitions protocol'));
    await fromPaper(await raised('Train SENCOs'), deputyApi);
    manager = await world.newPage();
    await world.signIn(manager, world.emails.manager, 'my-work-manager');
  }, 180_000);

  afterAll(async () => {
    await world?.stop();
  });

  it('asks the deputy to confirm what another plan manager typed in and to record approvals to close, and says theirs waits', async () => {
    await deputy.goto('/');
    await deputy.waitForSelector('h1:text("My work")');
    await checkPage(deputy, 'my-work-second-officer');
    await docsShot(deputy, 'my-work-second-officer', 2300);
    const signOffs = deputy.locator('#my-sign-offs-to-confirm + p + table');
    await expect(signOffs.locator('tbody tr').allInnerTexts()).resolves.toEqual([
      expect.stringMatching(/^Confirm or reject the sign-offs\s+waiting\s+on Children's Services Improvement Plan\s+2$/),
    ]);
    const entry = deputy.locator('#my-decision-entries + p + table tbody tr');
    await expect(entry.innerText()).resolves.toMatch(
      /Refresh the transitions protocol[\s\S]*Signed off[\s\S]*Taken by Suzanne Joyner; entered by Priya Patel/,
    );
    await expect(deputy.locator('#my-approvals-to-close + p + table tbody tr').innerText()).resolves.toContain('2 (actions 2.2, 2.71)');
    await expect(deputy.locator('#my-proposed-sign-offs ~ ul li').allInnerTexts()).resolves.toEqual([
      expect.stringMatching(/^Action 2\.75: Train SENCOs, from a paper, proposed /),
    ]);

    await deputy.getByRole('link', { name: /^Confirm or reject the sign-offs/ }).click();
    await expect(deputy.locator('h1').innerText()).resolves.toContain('Sign-offs waiting for confirmation');
    await expect(deputy.getByLabel(/Publish the local offer/).count()).resolves.toBe(1);
  });

  it('tells the proposer which sign-offs wait for a second officer, and asks them to record the board’s approvals to close', async () => {
    await manager.goto('/');
    await manager.waitForSelector('h1:text("My work")');
    await checkPage(manager, 'my-work-plan-manager');
    // Only the deputy's proposal is Priya's to confirm; she entered the decision, so she does not confirm it.
    await expect(manager.locator('#my-sign-offs-to-confirm + p + table tbody tr').innerText()).resolves.toMatch(/\s1$/);
    await expect(manager.locator('#my-decision-entries').count()).resolves.toBe(0);
    await expect(manager.locator('#my-proposed-sign-offs ~ p').innerText()).resolves.toContain(
      '2 sign-offs are waiting for a second officer',
    );
    await expect(manager.locator('#my-proposed-sign-offs ~ ul li').allInnerTexts()).resolves.toEqual([
      expect.stringMatching(/^Action 2\.72: Publish the local offer, from a paper, proposed \d+ \w+ \d{4} at /),
      expect.stringMatching(/^Action 2\.73: Audit EHC plans, from a paper, proposed /),
    ]);
    const approvals = manager.locator('#my-approvals-to-close + p + table tbody tr');
    await expect(approvals.innerText()).resolves.toMatch(new RegExp(`${BOARD}\\s+2 \\(actions 2\\.2, 2\\.71\\)`));
    await manager.getByRole('link', { name: /^Record approval to close/ }).click();
    await expect(manager.locator('h1').innerText()).resolves.toContain('Approve closure');
  });

  it('lists the new target dates waiting for the plan manager’s approval, linking to the action', async () => {
    await manager.goto('/');
    await manager.waitForSelector('h1:text("My work")');
    const row = manager.locator('#my-approvals + table tbody tr');
    await expect(row.count()).resolves.toBe(1);
    await expect(row.innerText()).resolves.toMatch(
      /^Action 2\.3: Agree a joint health assessment pathway with the ICB[\s\S]*The ICB board meets next quarter$/,
    );
    await row.getByRole('link').click();
    await manager.waitForURL(`**/app/actions/${world.plan.actions['2.3']}#target-date`);
    await checkPage(manager, 'my-work-revision-action');
  });

  it('lists the panel meetings a member sits on, with what is left to decide at each', async () => {
    const member = await world.newPage();
    await world.signIn(member, world.emails.member, 'my-work-member');
    await member.waitForSelector('h1:text("My work")');
    await checkPage(member, 'my-work-member-meetings');
    const rows = member.locator('#my-meetings + table tbody tr');
    await expect(rows.count()).resolves.toBe(3);
    const upcoming = rows.filter({ has: member.locator(`a[href="/app/panels/${world.plan.upcomingPanelId}"]`) });
    await expect(upcoming.innerText()).resolves.toMatch(
      /^Evidence Challenge Panel\s+Children's Services Improvement Plan, as member[\s\S]*\s1, 1 to decide$/,
    );
    const past = rows.filter({ has: member.locator(`a[href="/app/panels/${world.plan.pastPanelId}"]`) });
    await expect(past.innerText()).resolves.toMatch(/\s2$/);
    await member.locator(`#my-meetings + table a[href="/app/panels/${world.plan.upcomingPanelId}"]`).click();
    await member.waitForURL(`**/app/panels/${world.plan.upcomingPanelId}`);
  });

  it('asks the chair the minutes name as taking a decision to confirm it, on the meeting’s page', async () => {
    const chair = await world.newPage();
    await world.signIn(chair, world.emails.chair, 'my-work-chair');
    await chair.waitForSelector('h1:text("My work")');
    await checkPage(chair, 'my-work-chair-entry');
    const entry = chair.locator('#my-decision-entries + p + table tbody tr');
    await expect(entry.innerText()).resolves.toContain('Taken by you, according to the minutes; entered by Priya Patel');
    await chair.getByRole('link', { name: /Evidence Challenge Panel\s*: confirm or reject the decision on action 2\.74/ }).click();
    await chair.getByRole('button', { name: 'Confirm the decision' }).click();
    await expect(chair.locator('.govuk-notification-banner').innerText()).resolves.toContain('Decision confirmed');
    await chair.goto('/');
    await chair.waitForSelector('h1:text("My work")');
    await expect(chair.locator('#my-decision-entries').count()).resolves.toBe(0);
  });
});
