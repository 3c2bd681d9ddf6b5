/// <reference lib="dom" />
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { checkPage, describeInBrowser, startBrowserWorld, type BrowserWorld, tabTo } from '@actionplans/testing/browser';

describeInBrowser('signing in with an emailed link', () => {
  let world: BrowserWorld;
  const ada = { name: 'Ada Owner', role: 'action owner', email: 'ada.owner@anytown.gov.uk' };

  beforeAll(async () => {
    world = await startBrowserWorld();
    world.addUser(ada);
  });

  afterAll(async () => {
    await world?.stop();
  });

  it('signs in from the link in the email, lands home, and signs out', async () => {
    const page = await world.newPage();
    await world.signIn(page, ada.email, 'sign-in');
    await expect(page.locator('#signed-in-as').innerText()).resolves.toBe('Signed in as Ada Owner (action owner).');
    await checkPage(page, 'sign-in-home');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.locator('h1').innerText()).resolves.toBe('You have signed out');
    await checkPage(page, 'sign-in-signed-out');
    await page.goto('/');
    await expect(page.getByRole('button', { name: 'Sign in' }).isVisible()).resolves.toBe(true);
  });

  it('answers an unknown address exactly as a known one, and sends nothing', async () => {
    const page = await world.newPage();
    await page.goto('/sign-in');
    await page.getByLabel('Email address').fill('nobody@anytown.gov.uk');
    await page.getByRole('button', { name: 'Send me a link' }).click();
    await expect(page.locator('h1').innerText()).resolves.toBe('Check your email');
    await checkPage(page, 'sign-in-check-email-unknown');
    expect(world.mailedLinks('nobody@anytown.gov.uk').size).toBe(0);
  });

  it('shows the error summary for an address that is not one', async () => {
    const page = await world.newPage();
    await page.goto('/sign-in');
    await page.getByLabel('Email address').fill('ada at anytown');
    await page.getByRole('button', { name: 'Send me a link' }).click();
    await checkPage(page, 'sign-in-error');
    await expect(page.title()).resolves.toMatch(/^Error: Sign in/);
    await expect(page.locator('.govuk-error-summary').innerText()).resolves.toContain('Enter an email address in the correct format');
  });

  it('refuses a link used twice, with a way to ask for a new one', async () => {
    const { signInUrl } = world.addUser({ name: 'Tom Twice', role: 'auditor', email: 'tom@anytown.gov.uk' });
    const page = await world.newPage();
    await page.goto(signInUrl);
    await page.getByRole('button', { name: 'Continue' }).click();
    const used = page.url();
    const again = await world.newPage();
    await again.goto(signInUrl);
    await again.getByRole('button', { name: 'Continue' }).click();
    await expect(again.locator('h1').innerText()).resolves.toBe('This sign-in link has already been used');
    await checkPage(again, 'sign-in-link-used');
    await again.getByRole('button', { name: 'Ask for a new link' }).click();
    await expect(again.locator('h1').innerText()).resolves.toBe('Sign in');
    expect(used).toBe(`${world.url}/`);
  });

  it('refuses an expired link, with a way to ask for a new one', async () => {
    const page = await world.newPage();
    const { signInUrl } = world.addUser({ name: 'Eve Expired', role: 'viewer', email: 'eve@anytown.gov.uk' });
    expireLink(world.dataDir, signInUrl);
    await page.goto(signInUrl);
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.locator('h1').innerText()).resolves.toBe('This sign-in link has expired');
    await checkPage(page, 'sign-in-link-expired');
    await page.getByRole('button', { name: 'Ask for a new link' }).click();
    await expect(page.locator('h1').innerText()).resolves.toBe('Sign in');
  });

  it('brings someone sent to sign in back to the page they asked for', async () => {
    const rob = { name: 'Rob Return', role: 'plan manager', email: 'rob@anytown.gov.uk' };
    world.addUser(rob);
    const page = await world.newPage();
    await page.goto('/account?from=email');
    await expect(page.locator('h1').innerText()).resolves.toBe('Sign in');
    await page.getByLabel('Email address').fill(rob.email);
    await page.getByRole('button', { name: 'Send me a link' }).click();
    await page.goto(await world.mailedLink(rob.email));
    await page.getByRole('button', { name: 'Continue' }).click();
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/account?from=email');
    await expect(page.locator('h1').innerText()).resolves.toBe('Your account');
    await checkPage(page, 'account');
  });

  it('signs in by keyboard alone', async () => {
    const kay = { name: 'Kay Keys', role: 'panel member', email: 'kay@anytown.gov.uk' };
    world.addUser(kay);
    const page = await world.newPage();
    await page.goto('/');
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent?.trim())).resolves.toBe('Skip to main content');
    await tabTo(page, /^Sign in$/);
    await page.keyboard.press('Enter');
    await page.waitForURL('**/sign-in');
    await tabTo(page, /^Email address$/);
    await page.keyboard.type(kay.email);
    await page.keyboard.press('Enter');
    await page.waitForSelector('text=Check your email');
    await page.goto(await world.mailedLink(kay.email));
    await tabTo(page, /^Continue$/);
    await page.keyboard.press('Enter');
    await page.waitForSelector('#signed-in-as');
  });
});

/** Makes a link's 15 minutes over, as the clock would: its row in the read-model database says it lapsed a minute ago. */
function expireLink(dataDir: string, url: string): void {
  const hash = createHash('sha256').update(url.split('/').pop()!).digest('hex');
  const db = new Database(join(dataDir, 'read-models.db'));
  try {
    db.prepare('update sign_in_links set expires_ms = ? where token_hash = ?').run(Date.now() - 60_000, hash);
  } finally {
    db.close();
  }
}
