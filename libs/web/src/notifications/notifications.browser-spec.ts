/// <reference lib="dom" />
import { randomBytes } from 'node:crypto';
import { checkPage, describeInBrowser, startCouncilBrowserWorld, type CouncilBrowserWorld } from '@actionplans/testing/browser';
import { receiver } from '@actionplans/testing';
import type { Page } from 'playwright-core';

const text = (page: Page, selector: string) => page.locator(selector).innerText();

describeInBrowser("a plan's notifications in a browser", () => {
  let world: CouncilBrowserWorld;
  let manager: Page;
  let teams: Awaited<ReturnType<typeof receiver>>;
  const token = 'teams-workflow-sig-Zx81';

  beforeAll(async () => {
    teams = await receiver([200]);
    world = await startCouncilBrowserWorld({ NOTIFY_SECRET_KEY: randomBytes(32).toString('base64'), NOTIFY_ALLOW_HTTP_LOOPBACK: 'true' });
    manager = await world.newPage();
    await world.signIn(manager, world.emails.manager, 'notifications-manager');
  }, 240_000);

  afterAll(async () => {
    await world?.stop();
    await teams?.close();
  });

  it('lets the plan manager add a Teams channel, refusing what is missing beside its field and never showing the address back', async () => {
    await manager.goto(`/app/plans/${world.plan.planId}/manage`);
    await manager.getByRole('link', { name: 'Tell partners in Teams, Slack or their own systems' }).click();
    await checkPage(manager, 'notifications-empty');
    await manager.getByLabel('Webhook address').fill('http://hooks.example/not-https');
    await manager.getByRole('button', { name: 'Add channel' }).click();
    await checkPage(manager, 'notifications-errors');
    const problems = await text(manager, '.govuk-error-summary');
    expect(problems).toContain('Choose where the notifications go');
    expect(problems).toContain('Enter a name for the channel');
    expect(await manager.content()).not.toContain('not-https');

    await manager.getByLabel('Microsoft Teams (a Workflows webhook)').check();
    await manager.getByLabel('Name', { exact: true }).fill("Children's partnership (Teams)");
    await manager.getByLabel('Webhook address').fill(teams.url(token));
    await manager.getByRole('button', { name: 'Add channel' }).click();
    await expect(text(manager, '.govuk-notification-banner')).resolves.toContain('The channel was added');
    const page = await manager.content();
    expect(page).not.toContain(token);
    expect(page).toContain('…/Zx81');
    await checkPage(manager, 'notifications-channel');
  });

  it('sends a test message and shows it in the delivery log, filtered by status', async () => {
    await manager.getByRole('button', { name: "Send a test message to Children's partnership (Teams)" }).click();
    await expect(text(manager, '.govuk-notification-banner')).resolves.toContain('The test message was delivered');
    const log = await text(manager, '#deliveries ~ table');
    expect(log).toContain("Test message for Children's partnership (Teams)");
    expect(log).toContain('answered 200');
    expect(JSON.parse(teams.received[0].body).type).toBe('message');
    await manager.getByLabel('Show').selectOption({ label: 'Failed' });
    await manager.getByRole('button', { name: 'Show', exact: true }).click();
    await expect(text(manager, 'main')).resolves.toContain('Nothing with this status');
    await checkPage(manager, 'notifications-log-filtered');
    expect(await manager.content()).not.toContain(token);
  });
});
