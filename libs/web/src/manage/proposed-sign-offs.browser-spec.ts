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

const today = () => new Date().toISOString().slice(0, 10);
const PAPER = 'Children’s Improvement Board minutes, 12 July 2023';

/** ADR 33: what one plan manager types in from a paper or the minutes waits for a second person, in the pages. */
describeInBrowser('sign-offs and decisions taken on one officer’s word, confirmed by a second, in a browser', () => {
  let world: CouncilBrowserWorld;
  let deputy: Page;
  let deputyApi: Client;
  let n = 0;

  /** An action owned by Owen whose sign-off Priya, the plan manager, proposes from the board's paper. */
  const proposed = async (description: string) => {
    const { manager, owner } = world.people;
    const raised = await manager.post(`/plans/${world.plan.planId}/actions`, {
      groupingId: world.plan.groupingIds.priority2,
      references: [`2.${60 + ++n}`],
      description,
      targetDate: 'Mar-99',
      leadOwners: [{ kind: 'person', name: 'Owen Hughes', userId: owner.userId }],
    });
    const paper = await manager.post(`/actions/${raised.body.id}/sign-off-from-paper`, { effective: { at: today(), source: PAPER } });
    expect([raised.status, paper.status]).toEqual([201, 201]);
    return raised.body.id as string;
  };

  beforeAll(async () => {
    world = await startCouncilBrowserWorld();
    // A second plan manager, signed in with the link the command printed.
    ({ page: deputy, api: deputyApi } = await signedInDeputy(world));
  });

  afterAll(async () => {
    await world?.stop();
  });

  it('confirms two sign-offs proposed from a paper together, from the action page’s link', async () => {
    const [first, second] = [await proposed('Publish the local offer'), await proposed('Audit EHC plans')];
    await deputy.goto(`/app/actions/${first}`);
    await expect(deputy.locator('#proposed-sign-off').innerText()).resolves.toContain(`as recorded in ${PAPER}`);
    await deputy.getByRole('link', { name: 'Confirm or reject the proposed sign-off' }).click();
    await checkPage(deputy, 'proposed-sign-offs');
    await deputy.getByRole('button', { name: 'Confirm the selected sign-offs' }).click();
    await expect(deputy.locator('.govuk-error-summary').innerText()).resolves.toContain('Select the sign-offs you confirm');
    await deputy.getByLabel(/Publish the local offer/).check();
    await deputy.getByLabel(/Audit EHC plans/).check();
    await deputy.getByRole('button', { name: 'Confirm the selected sign-offs' }).click();
    await expect(deputy.locator('.govuk-notification-banner').innerText()).resolves.toContain('2 sign-offs were confirmed');
    await expect(deputy.locator('#none-proposed').innerText()).resolves.toContain('No sign-off is waiting');
    const stages = await Promise.all([first, second].map(async (id) => (await deputyApi.get(`/actions/${id}`)).body.stage));
    expect(stages).toEqual(['complete', 'complete']);
  });

  it('offers its proposer no confirmation, only a withdrawal with a reason', async () => {
    const actionId = await proposed('Train SENCOs');
    const manager = await world.newPage();
    await world.signIn(manager, world.emails.manager, 'proposer');
    await manager.goto(`/app/plans/${world.plan.planId}/proposed-sign-offs`);
    await expect(manager.getByLabel(/Train SENCOs/).count()).resolves.toBe(0);
    await expect(manager.locator(`#proposal-${actionId}`).innerText()).resolves.toContain('Train SENCOs');
    await manager.getByText('Withdraw it', { exact: true }).click();
    await manager.getByRole('button', { name: 'Withdraw the sign-off' }).click();
    await expect(manager.locator('.govuk-error-summary').innerText()).resolves.toContain('Enter why the sign-off is rejected');
    await manager.getByLabel('Why you withdraw it').fill('The minute is about 2.2, not this action');
    await manager.getByRole('button', { name: 'Withdraw the sign-off' }).click();
    await expect(manager.locator('.govuk-notification-banner').innerText()).resolves.toContain('The proposed sign-off was rejected');
    expect((await deputyApi.get(`/actions/${actionId}`)).body).toMatchObject({ stage: 'open', proposedSignOff: null });
  });

  it('holds a decision entered from the minutes until the chair who took it confirms it on the meeting page', async () => {
    const { manager, owner, chair, member, member2 } = world.people;
    const raised = await manager.post(`/plans/${world.plan.planId}/actions`, {
      groupingId: world.plan.groupingIds.priority2,
      references: ['2.90'],
      description: 'Refresh the transitions protocol',
      targetDate: 'Mar-99',
      leadOwners: [{ kind: 'person', name: 'Owen Hughes', userId: owner.userId }],
    });
    const actionId = raised.body.id as string;
    const evidence = await owner.post(`/actions/${actionId}/evidence`, {
      title: 'Protocol',
      kind: 'policy',
      link: 'https://council.example/p',
    });
    await owner.post(`/actions/${actionId}/submission`, { evidenceIds: [evidence.body.createdId] });
    const members = [member.userId, member2.userId];
    const panelId = (
      await manager.post('/panels', {
        planId: world.plan.planId,
        title: 'Evidence Challenge Panel',
        date: today(),
        chair: chair.userId,
        members,
      })
    ).body.id as string;
    await manager.post(`/panels/${panelId}/agenda`, { actionId });
    await manager.post(`/panels/${panelId}/attendance`, { present: [chair.userId, ...members] });
    const entered = await manager.post(`/panels/${panelId}/decisions`, {
      actionId,
      outcome: 'signed off',
      rationale: 'Protocol adopted by the partnership',
      decidedBy: chair.userId,
      effective: { at: today(), source: 'Minutes of the panel' },
    });
    expect(entered.status).toBe(201);
    expect((await chair.get(`/actions/${actionId}`)).body.stage).toBe('submitted');

    const page = await world.newPage();
    await world.signIn(page, world.emails.chair, 'entry-chair');
    await page.goto(`/app/panels/${panelId}`);
    await expect(page.locator('[id^="awaiting-confirmation-"]').innerText()).resolves.toContain(
      'It is not signed off or sent back until Suzanne Joyner, who took it, or another plan manager confirms it',
    );
    await checkPage(page, 'panels-entry-awaiting-confirmation');
    await page.getByRole('button', { name: 'Confirm the decision' }).click();
    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain('Decision confirmed');
    await expect(page.locator('[id^="decision-"]').innerText()).resolves.toMatch(/Confirmed by\s+Suzanne Joyner/);
    expect((await chair.get(`/actions/${actionId}`)).body.stage).toBe('complete');
  });
});
