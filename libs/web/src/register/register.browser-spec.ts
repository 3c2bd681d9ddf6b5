/// <reference lib="dom" />
import {
  checkPage,
  describeInBrowser,
  startCouncilBrowserWorld,
  type CouncilBrowserWorld,
  signedInDeputy,
} from '@actionplans/testing/browser';
import type { Page } from 'playwright-core';

describeInBrowser('the register of people and organisations, and changes of owners waiting, in a browser', () => {
  let world: CouncilBrowserWorld;
  let deputy: Page;

  beforeAll(async () => {
    world = await startCouncilBrowserWorld();
    // A second plan manager, signed in with the link the command printed.
    ({ page: deputy } = await signedInDeputy(world));
  });

  afterAll(async () => {
    await world?.stop();
  });

  it('adds a partner organisation with a contact, and finds it by a part of its name', async () => {
    await deputy.goto('/');
    await deputy.getByRole('link', { name: 'People and organisations' }).click();
    await deputy.getByRole('button', { name: 'Add an organisation' }).click();
    await deputy.getByLabel('Name').fill('South Yorkshire Police');
    await deputy.getByRole('button', { name: 'Add organisation' }).click();
    await deputy.waitForSelector('.govuk-notification-banner--success');
    await deputy.getByLabel('Contact email address').fill('partnerships@southyorks.police.example');
    await deputy.getByRole('button', { name: 'Set contact' }).click();
    await expect(deputy.locator('#contactReason-error').innerText()).resolves.toContain('Enter why the contact changes');
    await deputy.getByLabel('Why it changes').fill('Single point of contact for the partnership');
    await deputy.getByRole('button', { name: 'Set contact' }).click();
    await expect(deputy.locator('.govuk-notification-banner').innerText()).resolves.toContain('Its contact has been changed');
    await expect(deputy.locator('.govuk-summary-list').innerText()).resolves.toMatch(/Contact\s+partnerships@southyorks\.police\.example/);
    await checkPage(deputy, 'register-organisation');
    await deputy.goto('/app/register?search=yorkshire');
    await expect(deputy.locator('table').last().innerText()).resolves.toMatch(/South Yorkshire Police\s+None\s+Set/);
  });

  it("records a leaver, their open action moving to the person chosen, with the reason in the action's history", async () => {
    const { manager } = world.people;
    const person = async (name: string) => (await manager.post('/register/people', { name })).body.id as string;
    const leaver = await person('Service Manager, Evidence Based Hub');
    const successor = await person('Head of Service LAC');
    const raised = await manager.post(`/plans/${world.plan.planId}/actions`, {
      groupingId: world.plan.groupingIds.priority1,
      references: ['1.9'],
      description: 'Evidence based hub reviews every joint protocol',
      targetDate: 'Mar-27',
      leadOwners: [{ kind: 'role', name: 'Service Manager, Evidence Based Hub', personId: leaver }],
    });
    await deputy.goto(`/app/register/people/${leaver}`);
    await expect(deputy.locator('#actions + table').innerText()).resolves.toContain('1.9 Evidence based hub');
    await deputy.getByLabel('Who takes over their open actions').selectOption({ label: 'Head of Service LAC' });
    await deputy.getByRole('button', { name: 'Record leaver and move actions' }).click();
    await expect(deputy.locator('.govuk-error-summary').innerText()).resolves.toContain('Enter why they left');
    await deputy.getByLabel('Why they left').fill('Retired 31 March 2023');
    await deputy.getByRole('button', { name: 'Record leaver and move actions' }).click();
    await expect(deputy.locator('.govuk-notification-banner').innerText()).resolves.toContain('has left');
    await checkPage(deputy, 'register-leaver');
    const action = (await manager.get(`/actions/${raised.body.id}`)).body;
    expect(action.leadOwners).toEqual([{ kind: 'person', name: 'Head of Service LAC', personId: successor }]);
    const history = (await manager.get(`/actions/${raised.body.id}/history`)).body.entries;
    expect(JSON.stringify(history.at(-1))).toContain('Service Manager, Evidence Based Hub left (Retired 31 March 2023)');
  });

  it('lets another plan manager approve a change of owners waiting, from the action page', async () => {
    const { manager } = world.people;
    const actionId = world.plan.actions['1.3'];
    const current = (await manager.get(`/actions/${actionId}`)).body;
    const proposed = await manager.post(`/actions/${actionId}/owner-changes`, {
      leadOwners: current.leadOwners,
      supportingOwners: [{ kind: 'person', name: 'Priya Patel', userId: manager.userId }],
      reason: 'Priya reviews the case files with the owner',
    });
    expect(proposed.status).toBe(201);
    await deputy.goto(`/app/actions/${actionId}`);
    await deputy.getByRole('link', { name: 'A change of owners is waiting for approval' }).click();
    await expect(deputy.locator('main').innerText()).resolves.toMatch(/Supporting owners proposed\s+Priya Patel/);
    await checkPage(deputy, 'owner-changes-waiting');
    await deputy.getByRole('button', { name: 'Approve change' }).click();
    await expect(deputy.locator('.govuk-notification-banner').innerText()).resolves.toContain('The change of owners was approved.');
    const after = (await manager.get(`/actions/${actionId}`)).body;
    expect(after.supportingOwners.map((owner: { name: string }) => owner.name)).toEqual(['Priya Patel']);
  });
});
