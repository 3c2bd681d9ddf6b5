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

  it("changes a channel's name and triggers keeping its sealed address, then its address, refusing mistakes beside their fields", async () => {
    await manager.goto(`/app/plans/${world.plan.planId}/notifications`);
    await manager.getByRole('link', { name: "Change Children's partnership (Teams)" }).click();
    await checkPage(manager, 'notifications-change');
    await expect(manager.getByLabel('Name', { exact: true }).inputValue()).resolves.toBe("Children's partnership (Teams)");
    await expect(manager.getByLabel('Actions signed off').isChecked()).resolves.toBe(true);
    expect(await text(manager, 'main')).toContain('…/Zx81');

    await manager.getByLabel('Name', { exact: true }).fill('');
    await manager.getByLabel('Actions signed off').uncheck();
    await manager.getByLabel('Actions newly overdue').uncheck();
    await manager.getByLabel('New webhook address (optional)').fill('https://hooks.example/typed-but-refused-Kp07');
    await manager.getByRole('button', { name: 'Save changes' }).click();
    await checkPage(manager, 'notifications-change-errors');
    const problems = await text(manager, '.govuk-error-summary');
    expect(problems).toContain('Enter a name for the channel');
    expect(problems).toContain('Choose what the channel is told of');
    expect(problems).toContain('Enter why the channel is changed');
    expect(await manager.content()).not.toContain('typed-but-refused');

    // The page's own checks pass; the rule refuses the address, and says so beside it.
    await manager.getByLabel('Name', { exact: true }).fill('Children and families board (Teams)');
    await manager.getByLabel('Committee packs issued').check();
    await manager.getByLabel('Why it is changed').fill('The partnership became the board');
    await manager.getByLabel('New webhook address (optional)').fill('https://someone:password@hooks.example/Kp07');
    await manager.getByRole('button', { name: 'Save changes' }).click();
    await expect(text(manager, '#url-error')).resolves.toContain('without a user name or password');
    expect(await manager.content()).not.toContain('someone:password');

    await manager.getByRole('button', { name: 'Save changes' }).click();
    await expect(text(manager, '.govuk-notification-banner')).resolves.toContain('The channel was changed');
    const channels = await text(manager, 'main');
    expect(channels).toContain('Children and families board (Teams)');
    expect(channels).toContain('Committee packs issued');
    expect(channels).toContain('…/Zx81');
    await manager.getByRole('button', { name: 'Send a test message to Children and families board (Teams)' }).click();
    await expect(text(manager, '.govuk-notification-banner')).resolves.toContain('The test message was delivered');
    expect(teams.received.at(-1)!.path).toBe(`/hooks/${token}`);

    const moved = 'teams-workflow-moved-Qy42';
    await manager.getByRole('link', { name: 'Change Children and families board (Teams)' }).click();
    await manager.getByLabel('New webhook address (optional)').fill(teams.url(moved));
    await manager.getByLabel('Why it is changed').fill('The Workflow was made again');
    await manager.getByRole('button', { name: 'Save changes' }).click();
    await expect(text(manager, '.govuk-notification-banner')).resolves.toContain('The channel was changed');
    expect(await manager.content()).not.toContain(moved);
    expect(await text(manager, 'main')).toContain('…/Qy42');
    await manager.getByRole('button', { name: 'Send a test message to Children and families board (Teams)' }).click();
    await expect(text(manager, '.govuk-notification-banner')).resolves.toContain('The test message was delivered');
    expect(teams.received.at(-1)!.path).toBe(`/hooks/${moved}`);
  });

  it('changes what a channel is told of with JavaScript off: the form is plain HTML', async () => {
    const plain = await world.newPage({ javaScript: false });
    await world.signIn(plain, world.emails.manager, 'notifications-manager-without-javascript');
    await plain.goto(`/app/plans/${world.plan.planId}/notifications`);
    await plain.getByRole('link', { name: 'Change Children and families board (Teams)' }).click();
    await plain.getByLabel('Actions newly overdue').check();
    await plain.getByLabel('Why it is changed').fill('The board wants to hear of late actions');
    await plain.getByRole('button', { name: 'Save changes' }).click();
    await expect(text(plain, '.govuk-notification-banner')).resolves.toContain('The channel was changed');
    expect(await text(plain, 'main')).toContain('Told of\tActions newly overdue, Committee packs issued');
  });
});
