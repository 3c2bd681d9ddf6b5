/// <reference lib="dom" />
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { checkPage, describeInBrowser, startBrowserWorld, type BrowserWorld } from '@actionplans/testing/browser';

describeInBrowser('error pages in a browser', () => {
  let world: BrowserWorld;

  beforeAll(async () => {
    world = await startBrowserWorld();
  });

  afterAll(async () => {
    await world?.stop();
  });

  it('shows a page that is not there as the 404 page in the layout', async () => {
    const page = await world.newPage();
    const response = await page.goto('/no/such/page');
    expect(response?.status()).toBe(404);
    await checkPage(page, 'error-404');
    await expect(page.title()).resolves.toBe('Page not found – Action plans – Anytown Borough Council');
  });

  it('shows a form sent without its session’s token as the 403 page', async () => {
    const page = await world.newPage();
    await page.goto('/sign-in');
    await page.context().clearCookies();
    await page.getByLabel('Email address').fill('someone@anytown.gov.uk');
    await page.getByRole('button', { name: 'Send me a link' }).click();
    await expect(page.locator('h1').innerText()).resolves.toBe('Your form has expired');
    await checkPage(page, 'error-403-form-expired');
  });

  it('takes a form sent after the session lapsed to sign-in, then back to the form with what was typed', async () => {
    const pam = { name: 'Pam Lapsed', role: 'plan manager', email: 'pam.lapsed@anytown.gov.uk' };
    const added = world.addUser(pam);
    const page = await world.newPage();
    await world.signIn(page, pam.email, 'lapsed-first');
    await page.waitForSelector('#signed-in-as');
    await page.goto('/app/plans/new');
    await page.getByLabel('Title').fill('Youth Justice Improvement Plan');
    await page.getByLabel('Who inspected or reviewed').fill('HMIP');
    // The session was last used two days ago, as if the page had been left open: longer than any idle limit.
    ageSessions(world.dataDir, added.userId, 2 * 24 * 60 * 60_000);
    await page.getByRole('button', { name: 'Create plan' }).click();
    await page.waitForURL('**/sign-in?**');
    await expect(page.locator('#session-ended').innerText()).resolves.toContain('you will go back to the form with what you typed');
    await checkPage(page, 'error-session-ended-sign-in');
    const before = world.mailedLinks(pam.email);
    await page.getByLabel('Email address').fill(pam.email);
    await page.getByRole('button', { name: 'Send me a link' }).click();
    await page.waitForSelector('text=Check your email');
    await page.goto(await world.mailedLink(pam.email, before));
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL('**/app/plans/new');
    await expect(page.locator('#form-kept').innerText()).resolves.toContain('Your session ended before you sent this form');
    await expect(page.getByLabel('Title').inputValue()).resolves.toBe('Youth Justice Improvement Plan');
    await expect(page.getByLabel('Who inspected or reviewed').inputValue()).resolves.toBe('HMIP');
    await checkPage(page, 'error-session-ended-form-kept');
    // Shown once: the page opened again is the empty form.
    await page.reload();
    await expect(page.locator('#form-kept').count()).resolves.toBe(0);
    await expect(page.getByLabel('Title').inputValue()).resolves.toBe('');
  });

  it('does not give the form kept from a lapsed session to someone else who signs in on that browser', async () => {
    const lee = { name: 'Lee Lapsed', role: 'plan manager', email: 'lee.lapsed@anytown.gov.uk' };
    const other = { name: 'Oli Other', role: 'plan manager', email: 'oli.other@anytown.gov.uk' };
    const added = world.addUser(lee);
    world.addUser(other);
    const page = await world.newPage();
    await world.signIn(page, lee.email, 'lapsed-lee');
    await page.waitForSelector('#signed-in-as');
    await page.goto('/app/plans/new');
    await page.getByLabel('Title').fill('Lee’s private draft');
    ageSessions(world.dataDir, added.userId, 2 * 24 * 60 * 60_000);
    await page.getByRole('button', { name: 'Create plan' }).click();
    await page.waitForURL('**/sign-in?**');
    const before = world.mailedLinks(other.email);
    await page.getByLabel('Email address').fill(other.email);
    await page.getByRole('button', { name: 'Send me a link' }).click();
    await page.waitForSelector('text=Check your email');
    await page.goto(await world.mailedLink(other.email, before));
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL('**/app/plans/new');
    await expect(page.locator('#form-kept').count()).resolves.toBe(0);
    await expect(page.getByLabel('Title').inputValue()).resolves.toBe('');
  });
});

/** Makes a user's sessions `byMs` older, as the clock would: their rows in the read-model database say so. */
function ageSessions(dataDir: string, userId: string, byMs: number): void {
  const db = new Database(join(dataDir, 'read-models.db'));
  try {
    db.prepare('update web_sessions set seen_ms = seen_ms - ?, created_ms = created_ms - ? where user_id = ?').run(byMs, byMs, userId);
  } finally {
    db.close();
  }
}
