/// <reference lib="dom" />
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  checkPage,
  checkReflow,
  describeInBrowser,
  startCouncilBrowserWorld,
  type CouncilBrowserWorld,
} from '@actionplans/testing/browser';
import { created, eventually, fromToday } from '@actionplans/testing';
import type { Page } from 'playwright-core';

const ATTENDANCE = Buffer.from('Threshold workshop, 12 May: 31 people from 9 agencies attended.\n');
/** With DOCS_SCREENSHOTS=1, the top of a page is also kept for the README, under docs/screenshots. */
async function docsShot(page: Page, name: string, height = 1100): Promise<void> {
  if (process.env.DOCS_SCREENSHOTS !== '1') return;
  const path = join(__dirname, '..', '..', '..', '..', 'docs', 'screenshots', `${name}.png`);
  await page.screenshot({ path, fullPage: true, clip: { x: 0, y: 0, width: 1024, height } });
}
/** The action link in the reminder mailed to `email`, once it is in the outbox. */
async function reminderLink(dataDir: string, email: string): Promise<string> {
  const outbox = join(dataDir, 'outbox');
  let link: string | undefined;
  await eventually(`a reminder mailed to ${email}`, () => {
    const mails = existsSync(outbox) ? readdirSync(outbox).filter((file) => file.endsWith('.eml')) : [];
    for (const file of mails) {
      const mail = readFileSync(join(outbox, file), 'utf8').replace(/=\r?\n/g, '');
      if (!mail.includes(`To: ${email}`) || mail.includes('/sign-in/link/')) continue;
      link = /(https?:\/\/[^\s"<>]+\/app\/actions\/[\w-]+)/.exec(mail)?.[1];
      if (link) return true;
    }
    return false;
  });
  return link!;
}
const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');
const longDate = (day: string) =>
  new Date(`${day}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

describeInBrowser('the action owner’s journey, by mouse', () => {
  let world: CouncilBrowserWorld;
  let page: Page;

  beforeAll(async () => {
    // Reminders go as soon as they are owed, so the owner's reminder mail is in the outbox to follow.
    world = await startCouncilBrowserWorld({ REMINDER_SETTLE_SECONDS: '0' }, { oidc: true });
    page = await world.newPage();
    // Through the council's identity provider (the local issuer the SSO specs use); the reminder below signs in by emailed link.
    await world.signIn(page, world.emails.owner, 'owner', { via: 'oidc' });
    // The council's plan is built through the API first: a busy machine takes a while.
  }, 180_000);

  afterAll(async () => {
    await world?.stop();
  });

  it('shows My work with the overdue action first, then what is due soon and sent back', async () => {
    await page.waitForSelector('h1:text("My work")');
    await checkPage(page, 'owner-my-work');
    await docsShot(page, 'my-work');
    await expect(page.title()).resolves.toBe('My work – Action plans – Anytown Borough Council');
    const groups = await page.locator('main h3.govuk-heading-m').allInnerTexts();
    expect(groups.slice(0, 2)).toEqual(['Overdue (1)', 'Due soon (1)']);
    expect(groups).toContain('Sent back by the panel (1)');
    await expect(page.locator('.app-work-line a').first().innerText()).resolves.toMatch(/^Action 1\.1:/);
    await expect(page.locator('#sent-back + .app-work-line').innerText()).resolves.toContain('Show who attended');
    await expect(page.locator('#my-meetings + p').innerText()).resolves.toBe('You do not sit on any evidence challenge panel meetings.');
  });

  it('answers the panel’s challenge point on 1.4 with a new file of evidence, and submits it again', async () => {
    await page.getByRole('link', { name: /^Action 1\.4:/ }).click();
    await checkPage(page, 'owner-action-sent-back');
    await expect(page.locator('#challenge-points').innerText()).resolves.toContain('Show who attended and what changed');

    await page.getByRole('button', { name: 'Add evidence' }).click();
    await checkPage(page, 'owner-add-evidence');
    await page.getByLabel('Title').fill('Workshop attendance list');
    await page.getByLabel('Kind of evidence').selectOption('minutes');
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: /Upload a file/ }).click();
    await (await chooser).setFiles({ name: 'attendance.txt', mimeType: 'text/plain', buffer: ATTENDANCE });
    await page.locator('form').getByRole('button', { name: 'Add evidence' }).click();
    await expect(page.locator('.govuk-notification-banner--success').innerText()).resolves.toContain('The evidence has been added');
    const row = page.locator('table.app-evidence tr', { hasText: 'Workshop attendance list' });
    await expect(row.innerText()).resolves.toContain(sha256(ATTENDANCE));
    await expect(row.innerText()).resolves.toContain(`attendance.txt (${ATTENDANCE.length} bytes)`);
    await checkPage(page, 'owner-action-evidence-added');
    await docsShot(page, 'action-page', 1500);

    await page.getByRole('button', { name: 'Submit for sign-off' }).click();
    await page.getByLabel('Workshop attendance list').check();
    await page
      .getByRole('textbox', { name: /Challenge point 1: Show who attended/ })
      .fill('31 people from 9 agencies attended; threshold decisions are now audited monthly.');
    await checkPage(page, 'owner-submit');
    await page.locator('form').getByRole('button', { name: 'Submit for sign-off' }).click();
    await expect(page.locator('.govuk-notification-banner--success').innerText()).resolves.toContain('submitted for sign-off');
    const action = (await world.people.owner.get(`/actions/${world.plan.actions['1.4']}`)).body;
    expect(action.stage).toBe('submitted');
    expect(Object.values(action.submissions.at(-1).answers)).toEqual([
      '31 people from 9 agencies attended; threshold decisions are now audited monthly.',
    ]);
  });

  it('refuses a rating that says complete before the panel signs off, beside the rating, keeping what was typed', async () => {
    await page.goto('/');
    await page.getByRole('link', { name: /^Action 1\.3:/ }).click();
    await page.getByRole('button', { name: 'Update progress' }).click();
    await page.getByLabel('What has happened since the last update?').fill('Audited 40 assessments; 6 needed more work.');
    await page.getByLabel('At risk').check();
    await page.getByLabel('Green').check();
    await page.getByRole('button', { name: 'Send update' }).click();
    await checkPage(page, 'owner-progress-refused');
    await docsShot(page, 'update-progress-refused', 1600);
    await expect(page.title()).resolves.toMatch(/^Error: Update progress – Action 1\.3/);
    await expect(page.locator('.govuk-error-summary').innerText()).resolves.toContain('only a panel sign-off completes an action');
    await expect(page.locator('#rating-error').innerText()).resolves.toContain('only a panel sign-off completes an action');
    await expect(page.getByLabel('What has happened since the last update?').inputValue()).resolves.toBe(
      'Audited 40 assessments; 6 needed more work.',
    );
  });

  it('updates progress on 1.3 with a rating in the plan’s colours', async () => {
    await page.getByLabel('Red').check();
    await page.getByRole('button', { name: 'Send update' }).click();
    await expect(page.locator('.govuk-notification-banner--success').innerText()).resolves.toContain('progress update has been recorded');
    const latest = page.locator('.moj-timeline__item').first();
    await expect(latest.innerText()).resolves.toContain('Audited 40 assessments; 6 needed more work.');
    await expect(latest.locator('.govuk-tag--red').innerText()).resolves.toBe('Red');
    await checkPage(page, 'owner-action-progress');
  });

  it('asks for a new target date on 1.2, which waits for a plan manager with the original date kept', async () => {
    const proposed = fromToday(40);
    await page.goto('/');
    await page.getByRole('link', { name: /^Action 1\.2:/ }).click();
    await page.getByRole('button', { name: 'Ask for a new target date' }).click();
    const [year, month, day] = proposed.split('-');
    await page.getByLabel('Day').fill(String(Number(day)));
    await page.getByLabel('Month').fill(String(Number(month)));
    await page.getByLabel('Year').fill(year);
    await page.getByLabel('Why does the target date need to change?').fill('Half the workers start in the autumn intake');
    await checkPage(page, 'owner-revision');
    await page.getByRole('button', { name: 'Ask for this date' }).click();
    await expect(page.locator('.govuk-notification-banner--success').innerText()).resolves.toContain('sent to a plan manager');
    const revisions = page.locator('#target-date ~ table');
    await expect(revisions.innerText()).resolves.toContain(longDate(proposed));
    await expect(revisions.innerText()).resolves.toContain('Waiting for approval');
    await expect(page.locator('#target-date + dl').innerText()).resolves.toContain(longDate(fromToday(7)));
  });

  it('shows the history: who, in what role, when it happened and was recorded, and why', async () => {
    await page.getByRole('link', { name: /full history/ }).click();
    await checkPage(page, 'owner-history');
    const rows = await page.locator('.app-history tbody tr').allInnerTexts();
    expect(rows[0]).toMatch(/^Raised 1\.2: Train every early help worker/);
    expect(rows[0]).toContain('Priya Patel');
    expect(rows.at(-1)).toContain('Owen Hughes');
    expect(rows.at(-1)).toContain('as action owner');
    expect(rows.at(-1)).toContain('Half the workers start in the autumn intake');
    expect(rows.at(-1)).toMatch(/Happened .+\n?.*Recorded /);
  });

  it('keeps what was typed when someone else changed the action meanwhile, and says what changed', async () => {
    const id = world.plan.actions['1.1'];
    await page.goto(`/app/actions/${id}/progress`);
    await page.getByLabel('What has happened since the last update?').fill('Partners have signed the strategy.');
    await page.getByLabel('On track').check();
    await created(
      world.people.manager.post(`/actions/${id}/progress`, {
        commentary: 'The board chased the partners',
        assessment: 'off track',
        asOf: fromToday(0),
      }),
    );
    await page.getByRole('button', { name: 'Send update' }).click();
    await checkPage(page, 'owner-progress-conflict');
    await expect(page.locator('#conflict').innerText()).resolves.toMatch(
      /Priya Patel \(plan manager\) reported progress .*The board chased the partners/,
    );
    await expect(page.getByLabel('What has happened since the last update?').inputValue()).resolves.toBe(
      'Partners have signed the strategy.',
    );
    await page.getByRole('button', { name: 'Send update' }).click();
    await expect(page.locator('.govuk-notification-banner--success').innerText()).resolves.toContain('progress update has been recorded');
    await expect(page.locator('.moj-timeline__item').first().innerText()).resolves.toContain('Partners have signed the strategy.');
  });

  it('opens the action a reminder mail links to, after signing in, and the API link still answers API clients', async () => {
    // The owner's reminder (of 1.1, overdue, or 1.2, due in a week) as their mail reader shows it (quoted-printable soft line breaks joined).
    const link = await reminderLink(world.dataDir, world.emails.owner);
    const id = link.split('/').pop()!;
    expect([world.plan.actions['1.1'], world.plan.actions['1.2']]).toContain(id);
    expect(link).toBe(`${world.url}/app/actions/${id}`);
    const browser = await world.newPage();
    await browser.goto(link);
    const asked = new URL(browser.url());
    expect([asked.pathname, asked.searchParams.get('returnTo')]).toEqual(['/sign-in', `/app/actions/${id}`]);
    await checkPage(browser, 'reminder-link-sign-in');
    const before = world.mailedLinks(world.emails.owner);
    await browser.getByLabel('Email address').fill(world.emails.owner);
    await browser.getByRole('button', { name: 'Send me a link' }).click();
    await browser.goto(await world.mailedLink(world.emails.owner, before));
    await browser.getByRole('button', { name: 'Continue' }).click();
    expect(new URL(browser.url()).pathname).toBe(`/app/actions/${id}`);
    await checkPage(browser, 'reminder-link-action');

    expect((await fetch(`${world.url}/actions/${id}`, { redirect: 'manual' })).status).toBe(401);
    const { status, body } = await world.people.owner.get(`/actions/${id}`);
    expect([status, body.actionId]).toEqual([200, id]);
  });

  it('fits the action page, evidence hashes and all, at 200% zoom and on a 320 px wide screen', async () => {
    // The same person on a phone: more sign-in links to one address in a quarter of an hour would be refused.
    await page.goto(`/app/actions/${world.plan.actions['1.4']}`);
    await checkReflow(page, 'owner-action');
  });
});
