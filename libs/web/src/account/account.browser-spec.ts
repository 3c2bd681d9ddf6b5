/// <reference lib="dom" />
import { join } from 'node:path';
import { checkPage, describeInBrowser, SCREENSHOTS, startBrowserWorld, type BrowserWorld } from '@actionplans/testing/browser';
import type { Page } from 'playwright-core';

const FIREFOX_ON_MAC = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.7; rv:133.0) Gecko/20100101 Firefox/133.0';

/** Each row of the account's sessions table, as its cells read. */
const sessionRows = (page: Page) =>
  page
    .locator('#your-sessions tbody tr')
    .evaluateAll((rows) => rows.map((row) => Array.from(row.querySelectorAll('td')).map((cell) => (cell as HTMLElement).innerText)));

describeInBrowser('a person’s own sessions on their account page', () => {
  let world: BrowserWorld;
  let laptop: Page;
  let other: Page;
  const uma = { name: 'Uma Owner', role: 'action owner', email: 'uma.owner@anytown.gov.uk' };

  beforeAll(async () => {
    world = await startBrowserWorld({ TRUST_PROXY: 'loopback' });
    const { signInUrl } = world.addUser(uma);
    // Uma signs in on her laptop (Firefox, through the council's proxy) and then in a second browser.
    laptop = await world.newPage({ userAgent: FIREFOX_ON_MAC, headers: { 'X-Forwarded-For': '198.51.100.23' } });
    await laptop.goto(signInUrl);
    await laptop.getByRole('button', { name: 'Continue' }).click();
    await laptop.waitForSelector('#signed-in-as');
    // The second browser has JavaScript off: every step is a plain form.
    other = await world.newPage({ javaScript: false });
    await other.goto('/sign-in');
    await other.getByLabel('Email address').fill(uma.email);
    await other.getByRole('button', { name: 'Send me a link' }).click();
    await other.goto(await world.mailedLink(uma.email));
    await other.getByRole('button', { name: 'Continue' }).click();
    await other.waitForSelector('#signed-in-as');
    // The app starts and the user is added by the command line, one process each: slow on a busy machine.
  }, 120_000);

  afterAll(async () => {
    await world?.stop();
  });

  it('lists where they are signed in, this browser first, with when each began and was last used', async () => {
    await laptop.goto('/account');
    await checkPage(laptop, 'account-sessions');
    await expect(laptop.locator('.govuk-summary-list').innerText()).resolves.toMatch(/Signed in on\s+2 devices/);
    const rows = await sessionRows(laptop);
    expect(rows).toHaveLength(2);
    expect(rows[0][0]).toMatch(/^Firefox on macOS\s+198\.51\.100\.23\s+This browser$/);
    expect(rows[1][0]).toMatch(/^Headless Chrome on Linux\s+127\.0\.0\.1$/);
    for (const [, began, used] of rows) {
      expect(began).toMatch(/^\d{1,2} \w+ \d{4} at (\d{1,2}(:\d\d)?[ap]m|midday|midnight)$/);
      expect(used).toMatch(/^\d{1,2} \w+ \d{4} at (\d{1,2}(:\d\d)?[ap]m|midday|midnight)$/);
    }
  });

  it('signs out of their other sessions without JavaScript, keeping this one', async () => {
    await other.goto('/account');
    await other.getByRole('button', { name: 'Sign out of other sessions' }).click();
    // axe-core runs as a script, which this browser does not: the banner is checked on the admin's pages.
    await other.screenshot({ path: join(SCREENSHOTS, 'account-signed-out-of-others.png'), fullPage: true });
    await expect(other.locator('.govuk-notification-banner').innerText()).resolves.toContain('You have signed out of 1 other session.');
    const rows = await sessionRows(other);
    expect(rows).toHaveLength(1);
    expect(rows[0][0]).toContain('This browser');
    await expect(other.getByRole('button', { name: 'Sign out of other sessions' }).count()).resolves.toBe(0);

    await laptop.reload();
    await expect(laptop.locator('#signed-in-as').count()).resolves.toBe(0);
    await laptop.goto('/account');
    expect(new URL(laptop.url()).pathname).toBe('/sign-in');
    await other.goto('/account');
    await expect(other.locator('h1').innerText()).resolves.toBe('Your account');
  });
});
