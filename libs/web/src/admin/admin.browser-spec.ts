/// <reference lib="dom" />
import { checkPage, checkReflow, describeInBrowser, startBrowserWorld, type BrowserWorld, tabTo } from '@actionplans/testing/browser';
import type { Page } from 'playwright-core';

const CHROME_ON_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

describeInBrowser('the admin’s users and sessions', () => {
  let world: BrowserWorld;
  let admin: Page;
  const nia = { name: 'Nia Newcomer', email: 'nia.newcomer@anytown.gov.uk' };

  beforeAll(async () => {
    // Behind a proxy on this machine, as a council's load balancer would be: its X-Forwarded-For is believed.
    world = await startBrowserWorld({ TRUST_PROXY: 'loopback' });
    // The first admin, as a fresh install has them: added by the command, signed in with the link it printed.
    const { signInUrl } = world.addUser({ name: 'Ada Admin', role: 'admin', email: 'ada.admin@anytown.gov.uk' });
    admin = await world.newPage();
    await admin.goto(signInUrl);
    await admin.getByRole('button', { name: 'Continue' }).click();
    await admin.waitForSelector('#signed-in-as');
  });

  afterAll(async () => {
    await world?.stop();
  });

  it('adds a user by keyboard alone, and lists them', async () => {
    await admin.goto('/');
    await tabTo(admin, /^Users$/);
    await admin.keyboard.press('Enter');
    await admin.waitForURL('**/app/admin/users');
    await checkPage(admin, 'admin-users');
    await tabTo(admin, /^Add a user$/);
    await admin.keyboard.press('Enter');
    await admin.waitForURL('**/app/admin/users/new');
    await checkPage(admin, 'admin-add-user');
    await tabTo(admin, /^Name$/);
    await admin.keyboard.type(nia.name);
    await tabTo(admin, /^Email address$/);
    await admin.keyboard.type(nia.email);
    await tabTo(admin, /^Admin$/);
    await admin.keyboard.press('ArrowDown');
    await admin.keyboard.press('ArrowDown');
    await tabTo(admin, /^Add user$/);
    await admin.keyboard.press('Enter');
    await admin.waitForSelector('.govuk-notification-banner--success');
    await checkPage(admin, 'admin-user-added');
    await expect(admin.locator('h1').innerText()).resolves.toBe(nia.name);
    await expect(admin.locator('.govuk-summary-list').innerText()).resolves.toMatch(/Role\s+Action owner/);
    await admin.getByRole('link', { name: 'Users', exact: true }).first().click();
    await expect(admin.locator('table').innerText()).resolves.toMatch(
      /Nia Newcomer\s+nia\.newcomer@anytown\.gov\.uk\s+Action owner\s+Enabled\s+Not known/,
    );
  });

  it('sorts the users by a column from its heading, by keyboard, saying how they are sorted', async () => {
    await admin.goto('/app/admin/users');
    const firstRow = () => admin.locator('tbody tr').first().locator('td').first().innerText();
    // As the server orders them: enabled first, then by name.
    await expect(firstRow()).resolves.toBe('Ada Admin');
    await tabTo(admin, /^Role$/);
    await admin.keyboard.press('Enter');
    await expect(admin.locator('th', { hasText: 'Role' }).getAttribute('aria-sort')).resolves.toBe('ascending');
    await expect(firstRow()).resolves.toBe(nia.name);
    await checkPage(admin, 'admin-users-sorted');
    await admin.keyboard.press('Enter');
    await expect(admin.locator('th', { hasText: 'Role' }).getAttribute('aria-sort')).resolves.toBe('descending');
    await expect(firstRow()).resolves.toBe('Ada Admin');
  });

  it('refuses a user without a name or a proper address, beside the fields', async () => {
    await admin.goto('/app/admin/users/new');
    await admin.getByLabel('Email address').fill('nia at anytown');
    await admin.getByRole('button', { name: 'Add user' }).click();
    await checkPage(admin, 'admin-add-user-error');
    await expect(admin.title()).resolves.toMatch(/^Error: Add a user – Users – Action plans/);
    const summary = await admin.locator('.govuk-error-summary').innerText();
    expect(summary).toContain('Enter their name');
    expect(summary).toContain('Enter an email address in the correct format');
    expect(summary).toContain('Select a role');
    await expect(admin.getByLabel('Email address').inputValue()).resolves.toBe('nia at anytown');
  });

  it('changes a role with a reason, and says so when the reason is missing', async () => {
    await openUser(admin, nia.name);
    await admin.getByRole('link', { name: 'Change role' }).click();
    await admin.getByLabel('Panel member').check();
    await admin.getByRole('button', { name: 'Change role' }).click();
    await checkPage(admin, 'admin-change-role-error');
    await expect(admin.locator('#reason-error').innerText()).resolves.toContain('Enter why');
    await admin.getByLabel('Why').fill('Joined the evidence challenge panel');
    await admin.getByRole('button', { name: 'Change role' }).click();
    await expect(admin.locator('.govuk-notification-banner').innerText()).resolves.toContain('Nia Newcomer is now a panel member.');
    await checkPage(admin, 'admin-role-changed');
  });

  it('sends a sign-in link to the outbox, and issues an API token shown once', async () => {
    await openUser(admin, nia.name);
    const before = world.mailedLinks(nia.email);
    await admin.getByRole('button', { name: 'Send a sign-in link' }).click();
    await expect(admin.locator('.govuk-notification-banner').innerText()).resolves.toContain(
      `A sign-in link has been sent to ${nia.email}.`,
    );
    expect(await world.mailedLink(nia.email, before)).toMatch(/\/sign-in\/link\//);

    await admin.getByRole('button', { name: 'Issue a new API token' }).click();
    await checkPage(admin, 'admin-token');
    await expect(admin.locator('.govuk-warning-text').innerText()).resolves.toContain('It is shown only on this page');
    const token = (await admin.locator('#token').innerText()).trim();
    const me = await fetch(`${world.url}/users/me`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await me.json()) as { name: string; role: string };
    expect({ status: me.status, name: body.name, role: body.role }).toEqual({ status: 200, name: nia.name, role: 'panel member' });
  });

  it('lists sessions with where each signed in from, and ends another user’s, who is signed out on their next page', async () => {
    // Nia is on Chrome on a Windows laptop, reaching the engine through the proxy from 203.0.113.7.
    const nias = await world.newPage({ userAgent: CHROME_ON_WINDOWS, headers: { 'X-Forwarded-For': '203.0.113.7' } });
    await world.signIn(nias, nia.email, 'admin-nia');
    await expect(nias.locator('#signed-in-as').innerText()).resolves.toContain(nia.name);

    await admin.goto('/app/admin/sessions');
    await checkPage(admin, 'admin-sessions');
    const rows = admin.locator('tbody tr');
    const adas = await rows.filter({ hasText: 'Ada Admin' }).innerText();
    expect(adas).toContain('This browser');
    expect(adas).toMatch(/Headless Chrome on Linux\s+127\.0\.0\.1/);
    const niasRow = await rows.filter({ hasText: nia.name }).innerText();
    expect(niasRow).toMatch(/Chrome on Windows\s+203\.0\.113\.7/);
    expect(niasRow).toMatch(/\d{4} at (\d{1,2}(:\d\d)?[ap]m|midday|midnight)\s+\d+ \w+ \d{4} at (\d{1,2}(:\d\d)?[ap]m|midday|midnight)/);
    await rows
      .filter({ hasText: nia.name })
      .getByRole('button', { name: /^End session/ })
      .click();
    await expect(admin.locator('.govuk-notification-banner').innerText()).resolves.toContain('Ended 1 session.');
    await checkPage(admin, 'admin-session-ended');
    await expect(admin.locator('tbody').innerText()).resolves.not.toContain(nia.name);

    await nias.reload();
    await expect(nias.locator('#signed-in-as').count()).resolves.toBe(0);
    await nias.goto('/app/audit');
    expect(new URL(nias.url()).pathname).toBe('/sign-in');
  });

  it('ends every session of a user, and disables and enables them', async () => {
    // Nia has had the three links a person may be sent in 15 minutes: Olu signs in twice instead.
    const olu = { name: 'Olu Two-Browsers', role: 'viewer', email: 'olu@anytown.gov.uk' };
    const { signInUrl } = world.addUser(olu);
    const first = await world.newPage();
    const second = await world.newPage();
    await first.goto(signInUrl);
    await first.getByRole('button', { name: 'Continue' }).click();
    await world.signIn(second, olu.email, 'admin-olu-second');
    await admin.goto('/app/admin/sessions');
    await admin
      .getByRole('button', { name: `End all sessions for ${olu.name}` })
      .first()
      .click();
    await expect(admin.locator('.govuk-notification-banner').innerText()).resolves.toContain('Ended 2 sessions.');
    for (const page of [first, second]) {
      await page.reload();
      await expect(page.locator('#signed-in-as').count()).resolves.toBe(0);
    }

    await openUser(admin, nia.name);
    await admin.getByRole('button', { name: `Disable ${nia.name}` }).click();
    await checkPage(admin, 'admin-disable');
    await admin.getByLabel('Why').fill('On leave until March');
    await admin.getByRole('button', { name: `Disable ${nia.name}` }).click();
    await expect(admin.locator('.govuk-notification-banner').innerText()).resolves.toContain('has been disabled');
    await checkPage(admin, 'admin-user-disabled');
    await admin.getByRole('button', { name: `Enable ${nia.name}` }).click();
    await admin.getByLabel('Why').fill('Back from leave');
    await admin.getByRole('button', { name: `Enable ${nia.name}` }).click();
    await expect(admin.locator('.govuk-notification-banner').innerText()).resolves.toContain('They can sign in again.');
  });

  it('fits the users page at 200% zoom and on a 320 px wide screen without scrolling sideways', async () => {
    await admin.goto('/app/admin/users');
    await checkPage(admin, 'admin-users-list');
    await checkReflow(admin, 'admin-users');
  });

  it('is for admins only', async () => {
    const { signInUrl } = world.addUser({ name: 'Pat Planner', role: 'plan manager', email: 'pat.planner@anytown.gov.uk' });
    const page = await world.newPage();
    await page.goto(signInUrl);
    await page.getByRole('button', { name: 'Continue' }).click();
    const answer = await page.goto('/app/admin/users');
    expect(answer?.status()).toBe(403);
    await checkPage(page, 'admin-users-forbidden');
    await expect(page.getByRole('link', { name: 'Users', exact: true }).count()).resolves.toBe(0);
  });
});

async function openUser(page: Page, name: string): Promise<void> {
  await page.goto('/app/admin/users');
  await page.getByRole('link', { name }).click();
  await page.waitForSelector('h1');
}
