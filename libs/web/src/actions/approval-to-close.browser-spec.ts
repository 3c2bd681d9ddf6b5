/// <reference lib="dom" />
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
const today = () => new Date().toISOString().slice(0, 10);

describeInBrowser('approval to close after the sign-off, in a browser', () => {
  let world: CouncilBrowserWorld;
  let deputy: Page;
  let deputyApi: Client;
  let n = 0;

  /** An action owned by Owen, signed off today from the panel's paper, so it awaits the board's approval. */
  const signedOff = async (description: string) => {
    const { manager, owner } = world.people;
    const raised = await manager.post(`/plans/${world.plan.planId}/actions`, {
      groupingId: world.plan.groupingIds.priority1,
      references: [`1.${60 + ++n}`],
      description,
      targetDate: 'Mar-99',
      leadOwners: [{ kind: 'person', name: 'Owen Hughes', userId: owner.userId }],
    });
    const paper = await manager.post(`/actions/${raised.body.id}/sign-off-from-paper`, {
      effective: { at: today(), source: 'Panel minutes' },
    });
    // Proposed by one plan manager, the sign-off is confirmed by a second (ADR 33).
    const confirmed = await deputyApi.post(`/actions/${raised.body.id}/proposed-sign-off/confirmation`, {});
    expect([raised.status, paper.status, confirmed.status]).toEqual([201, 201, 201]);
    return raised.body.id as string;
  };

  beforeAll(async () => {
    world = await startCouncilBrowserWorld();
    const amended = await world.people.manager.patch(`/plans/${world.plan.planId}`, {
      approvalToClose: BOARD,
      completeAt: 'approval to close',
      reason: 'The board approves closure',
    });
    expect(amended.status).toBe(200);
    // A second plan manager, neither owner nor submitter of these actions, records the board's approval.
    // A second plan manager, signed in with the link the command printed.
    ({ page: deputy, api: deputyApi } = await signedInDeputy(world));
  });

  afterAll(async () => {
    await world?.stop();
  });

  it("records the board's approval from the action page, refusing a day before the sign-off in the error summary", async () => {
    const actionId = await signedOff('Publish the local offer');
    await deputy.goto(`/app/actions/${actionId}`);
    await expect(deputy.locator('#closure').innerText()).resolves.toContain(`awaiting approval to close by ${BOARD}`);
    await deputy.getByRole('button', { name: 'Record approval to close' }).click();
    await deputy.getByLabel('On whose authority?').fill('Minute 6');
    const yesterday = new Date(Date.now() - 86_400_000);
    await deputy.getByLabel('Day').fill(String(yesterday.getUTCDate()));
    await deputy.getByLabel('Month').fill(String(yesterday.getUTCMonth() + 1));
    await deputy.getByLabel('Year').fill(String(yesterday.getUTCFullYear()));
    await deputy.getByLabel('Where it is written down').fill('Minutes of the board');
    await deputy.getByRole('button', { name: 'Record approval to close' }).click();
    await expect(deputy.locator('.govuk-error-summary').innerText()).resolves.toMatch(
      /The date of the approval must be on or after \d+ \w+ \d{4}, the day the action was signed off/,
    );
    await checkPage(deputy, 'approval-to-close-refused');
    const now = new Date();
    await deputy.getByLabel('Day').fill(String(now.getUTCDate()));
    await deputy.getByRole('button', { name: 'Record approval to close' }).click();
    await expect(deputy.locator('.govuk-notification-banner').innerText()).resolves.toContain('Approval to close has been recorded');
    await expect(deputy.locator('#closure').innerText()).resolves.toMatch(
      /Approved to close by Children's Improvement Board on .*Minute 6.*Recorded by Dev Deputy/s,
    );
    expect((await world.people.manager.get(`/actions/${actionId}`)).body.status.status).toBe('complete');
  });

  it('approves closure of several actions together from the plan page', async () => {
    const [first, second] = [await signedOff('Audit EHC plans'), await signedOff('Train SENCOs')];
    await deputy.goto(`/app/plans/${world.plan.planId}`);
    await expect(deputy.locator('#awaiting-approval').innerText()).resolves.toContain(`awaiting approval to close by ${BOARD}`);
    await deputy.getByRole('link', { name: 'Approve closure of actions' }).click();
    await deputy.getByLabel(/Audit EHC plans/).check();
    await deputy.getByLabel(/Train SENCOs/).check();
    await deputy.getByLabel('On whose authority?').fill('Minute 9');
    await deputy.getByRole('button', { name: 'Record approval to close' }).click();
    await expect(deputy.locator('.govuk-error-summary').innerText()).resolves.toContain('Enter the date the board approved closure');
    const now = new Date();
    await deputy.getByLabel('Day').fill(String(now.getUTCDate()));
    await deputy.getByLabel('Month').fill(String(now.getUTCMonth() + 1));
    await deputy.getByLabel('Year').fill(String(now.getUTCFullYear()));
    await deputy.getByRole('button', { name: 'Record approval to close' }).click();
    await expect(deputy.locator('.govuk-notification-banner').innerText()).resolves.toContain('recorded for 2 actions');
    await checkPage(deputy, 'approvals-to-close-recorded');
    const statuses = await Promise.all(
      [first, second].map(async (id) => (await world.people.manager.get(`/actions/${id}`)).body.status.status),
    );
    expect(statuses).toEqual(['complete', 'complete']);
  });
});
