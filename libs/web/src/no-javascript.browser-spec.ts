/// <reference lib="dom" />
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { checkPage, describeInBrowser, startCouncilBrowserWorld, type CouncilBrowserWorld } from '@actionplans/testing/browser';
import { COUNCIL_PEOPLE, fromToday } from '@actionplans/testing';

const ATTENDANCE = Buffer.from('Threshold workshop, 12 May: 31 people from 9 agencies attended.\n');
const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');
const text = (page: Page, selector: string) => page.locator(selector).innerText();
const banner = (page: Page) => text(page, '.govuk-notification-banner');
/** "2027-06-14" as "14 June 2027", as the pages write a day. */
const longDate = (day: string) =>
  new Date(`${day}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** Fills a GOV.UK date input (Day, Month, Year) inside `scope` with a YYYY-MM-DD day. */
async function fillDay(scope: Pick<Page, 'getByLabel'>, day: string): Promise<void> {
  const [year, month, date] = day.split('-');
  await scope.getByLabel('Day', { exact: true }).fill(String(Number(date)));
  await scope.getByLabel('Month', { exact: true }).fill(String(Number(month)));
  await scope.getByLabel('Year', { exact: true }).fill(year);
}

/**
 * Presses a form's button twice, the second time once the server has answered the first but
 * before the browser shows that answer: a double click with no script to stop the second. The
 * page then shows the answer to the second. Returns how often the form reached the server.
 */
async function pressTwice(page: Page, button: Locator, path: string): Promise<number> {
  let sent = 0;
  const [firstAnswered, answerFirst] = signal();
  const [secondSent, sendSecond] = signal();
  const [bothShown, showBoth] = signal();
  await page.route(
    (url) => url.pathname === path,
    async (route) => {
      const first = ++sent === 1;
      if (!first) sendSecond();
      const response = await route.fetch({ maxRedirects: 0 });
      if (first) {
        answerFirst();
        await secondSent;
      }
      // The browser has left the first for the second by now: the first answer has nowhere to go.
      await route.fulfill({ response }).catch(() => undefined);
      if (!first) showBoth();
    },
  );
  // The mouse itself, as a person's: Playwright's click would wait for the first press's page.
  await button.scrollIntoViewIfNeeded();
  const box = (await button.boundingBox())!;
  const press = () => page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await press();
  await firstAnswered;
  await press();
  await bothShown;
  await page.unroute((url) => url.pathname === path);
  await page.waitForLoadState();
  return sent;
}

/** A promise and the function that resolves it. */
function signal(): [Promise<void>, () => void] {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return [promise, resolve];
}

/**
 * The core journeys of every role in a browser with JavaScript turned off, as on a locked-down
 * council laptop: each form is a plain POST (or GET) that redirects to a page saying what happened.
 */
describeInBrowser('every journey with JavaScript off', () => {
  let world: CouncilBrowserWorld;
  /** Each person's browser, signed in by the emailed link with scripts off. */
  const people = new Map<string, Page>();
  const as = async (person: 'owner' | 'manager' | 'chair' | 'board' | 'auditor') => {
    if (!people.has(person)) {
      const page = await world.newPage({ javaScript: false });
      await world.signIn(page, world.emails[person], `nojs-${person}`);
      await expect(text(page, '#signed-in-as')).resolves.toContain(`Signed in as ${COUNCIL_PEOPLE[person].name}`);
      people.set(person, page);
    }
    return people.get(person)!;
  };
  let meetingPath = '';

  beforeAll(async () => {
    world = await startCouncilBrowserWorld();
    // Eight people added by the command line and a plan built through the API take a while on a busy machine.
  }, 240_000);

  afterAll(async () => {
    await world?.stop();
  });

  it('signs the owner in by the emailed link, and no script runs', async () => {
    const page = await as('owner');
    await expect(text(page, 'h1')).resolves.toBe('My work');
    await checkPage(page, 'nojs-owner-my-work');
    // GOV.UK's template marks the body once its script runs; the navigation stays a plain list of links.
    await expect(page.evaluate(() => document.body.classList.contains('govuk-frontend-supported'))).resolves.toBe(false);
    await expect(page.getByRole('link', { name: 'Plans', exact: true }).isVisible()).resolves.toBe(true);
  });

  it('lets the owner update progress on 1.3 with a rating in the plan’s colours', async () => {
    const page = await as('owner');
    await page.getByRole('link', { name: /^Action 1\.3:/ }).click();
    await page.getByRole('button', { name: 'Update progress' }).click();
    await page.getByLabel('What has happened since the last update?').fill('Audited 40 assessments; 6 needed more work.');
    await page.getByLabel('At risk').check();
    await page.getByLabel('Amber').check();
    await checkPage(page, 'nojs-owner-progress');
    await page.getByRole('button', { name: 'Send update' }).click();
    await expect(banner(page)).resolves.toContain('progress update has been recorded');
    const latest = page.locator('.moj-timeline__item').first();
    await expect(latest.innerText()).resolves.toContain('Audited 40 assessments; 6 needed more work.');
    await expect(latest.locator('.govuk-tag--orange').innerText()).resolves.toBe('Amber');
    await checkPage(page, 'nojs-owner-progress-recorded');
  });

  it('lets the owner ask for a new target date on 1.2, the original kept beside it', async () => {
    const page = await as('owner');
    await page.goto('/');
    await page.getByRole('link', { name: /^Action 1\.2:/ }).click();
    await page.getByRole('button', { name: 'Ask for a new target date' }).click();
    await fillDay(page, fromToday(40));
    await page.getByLabel('Why does the target date need to change?').fill('Half the workers start in the autumn intake');
    await page.getByRole('button', { name: 'Ask for this date' }).click();
    await expect(banner(page)).resolves.toContain('sent to a plan manager');
    await expect(text(page, '#target-date ~ table')).resolves.toMatch(
      new RegExp(`${longDate(fromToday(40))}[\\s\\S]*Waiting for approval`),
    );
    await checkPage(page, 'nojs-owner-revision-asked');
  });

  it('lets the owner attach a file to 1.4 with the plain file input, and submit it for sign-off', async () => {
    const page = await as('owner');
    await page.goto(`/app/actions/${world.plan.actions['1.4']}`);
    await page.getByRole('button', { name: 'Add evidence' }).click();
    await page.getByLabel('Title').fill('Workshop attendance list');
    await page.getByLabel('Kind of evidence').selectOption('minutes');
    const input = page.getByLabel('Upload a file');
    await expect(input.getAttribute('type')).resolves.toBe('file');
    await input.setInputFiles({ name: 'attendance.txt', mimeType: 'text/plain', buffer: ATTENDANCE });
    await checkPage(page, 'nojs-owner-evidence');
    await page.locator('form').getByRole('button', { name: 'Add evidence' }).click();
    await expect(banner(page)).resolves.toContain('The evidence has been added');
    const row = await page.locator('table.app-evidence tr', { hasText: 'Workshop attendance list' }).innerText();
    expect(row).toContain(sha256(ATTENDANCE));
    expect(row).toContain(`attendance.txt (${ATTENDANCE.length} bytes)`);

    await page.getByRole('button', { name: 'Submit for sign-off' }).click();
    await page.getByLabel('Workshop attendance list').check();
    await page.getByRole('textbox', { name: /Challenge point 1:/ }).fill('31 people from 9 agencies attended.');
    await page.locator('form').getByRole('button', { name: 'Submit for sign-off' }).click();
    await expect(banner(page)).resolves.toContain('submitted for sign-off');
    await checkPage(page, 'nojs-owner-submitted');
    expect((await world.people.owner.get(`/actions/${world.plan.actions['1.4']}`)).body.stage).toBe('submitted');
  });

  it('lets the plan manager raise an action', async () => {
    const page = await as('manager');
    await page.goto(`/app/plans/${world.plan.planId}/manage`);
    await page.getByRole('link', { name: 'Raise an action' }).click();
    await page.locator('#groupingId').selectOption({ label: '1 Early help' });
    await page.locator('#references').fill('1.5');
    await page.locator('#description').fill('Publish an early help newsletter for schools each term');
    await page.getByRole('group', { name: 'Lead owners' }).getByLabel('Owen Hughes').check();
    await page.locator('#targetDate').fill('Q4 2027/28');
    await checkPage(page, 'nojs-manager-raise');
    await page.getByRole('button', { name: 'Raise action' }).click();
    await page.waitForURL(`**/app/plans/${world.plan.planId}/manage`);
    await expect(text(page, '.govuk-task-list')).resolves.toContain('8 actions');
    await expect(text(page, '#actions')).resolves.toContain('Publish an early help newsletter for schools each term');
    await checkPage(page, 'nojs-manager-raised');
  });

  it('lets the plan manager approve the owner’s new target date, the details to reject it closed but usable', async () => {
    const page = await as('manager');
    await page.getByRole('link', { name: 'Approve or reject new target dates' }).click();
    await expect(page.locator('details').first().getAttribute('open')).resolves.toBeNull();
    await checkPage(page, 'nojs-manager-revisions');
    const form = page.locator('form', { has: page.locator(`input[name="actionId"][value="${world.plan.actions['1.2']}"]`) });
    await form.getByRole('button', { name: 'Approve new date' }).click();
    await expect(banner(page)).resolves.toContain('The new target date was approved');
    await expect(text(page, 'main')).resolves.not.toContain('Half the workers start in the autumn intake');
    await checkPage(page, 'nojs-manager-revision-approved');
    const action = (await world.people.manager.get(`/actions/${world.plan.actions['1.2']}`)).body;
    expect(action.revisions.at(-1).state).toBe('approved');
  });

  it('lets the plan manager schedule a meeting for today and table 1.4', async () => {
    const page = await as('manager');
    await page.goto('/app/panels');
    await page.getByRole('button', { name: 'Schedule a meeting' }).click();
    await page.getByLabel('Plan', { exact: true }).selectOption({ label: "Children's Services Improvement Plan" });
    await page.getByLabel('Title').fill('Extraordinary Evidence Challenge Panel');
    await fillDay(page, fromToday(0));
    await page.getByLabel('Chair').selectOption({ label: 'Suzanne Joyner (panel member)' });
    await page.getByLabel('Ian Atkinson').check();
    await page.getByRole('button', { name: 'Schedule meeting' }).click();
    await expect(banner(page)).resolves.toContain('Meeting scheduled');
    meetingPath = new URL(page.url()).pathname;
    await page.getByLabel('Action submitted for sign-off').selectOption({ label: '1.4: Hold a multi-agency threshold workshop' });
    await page.getByRole('button', { name: 'Table action' }).click();
    await expect(banner(page)).resolves.toContain('Action tabled');
    await expect(text(page, '#item-1')).resolves.toContain('Workshop attendance list');
    await checkPage(page, 'nojs-manager-meeting');
  });

  it('lets the chair record who came and sign 1.4 off, once though the button was pressed twice', async () => {
    const page = await as('chair');
    await page.goto(meetingPath);
    for (const name of ['Suzanne Joyner', 'Ian Atkinson']) await page.getByLabel(name, { exact: true }).check();
    await page.getByRole('button', { name: 'Record attendance' }).click();
    await expect(banner(page)).resolves.toContain('Attendance recorded');
    await expect(text(page, '#meeting-summary')).resolves.toMatch(
      /Present\s+Ian Atkinson, Suzanne Joyner|Present\s+Suzanne Joyner, Ian Atkinson/,
    );
    await expect(text(page, '#standing-1')).resolves.toContain('Met');
    await page.locator('#item-1').getByLabel('Signed off').check();
    await page.locator('#rationale-1').fill('The attendance list shows the workshop was held with 9 agencies');
    await checkPage(page, 'nojs-chair-decide');
    // GOV.UK's script stops a second press of a button; without it a double click sends the form twice.
    const sent = await pressTwice(page, page.getByRole('button', { name: 'Record decision on 1.4' }), `${meetingPath}/decisions`);
    expect(sent).toBe(2);
    await checkPage(page, 'nojs-chair-signed-off');
    await expect(text(page, '.govuk-error-summary, .govuk-notification-banner')).resolves.toContain('Decision recorded');
    await expect(text(page, '#decision-1')).resolves.toContain('Signed off');
    await expect(text(page, '#stage-1')).resolves.toBe('Complete');
    await expect(page.locator('.govuk-error-summary').count()).resolves.toBe(0);
  });

  it('lets a board member filter the plan’s actions and see the plan as at a day', async () => {
    const page = await as('board');
    await page.goto(`/app/plans/${world.plan.planId}`);
    await page.getByRole('radio', { name: 'Overdue', exact: true }).check();
    await page.getByRole('button', { name: 'Apply filters' }).click();
    expect(new URL(page.url()).searchParams.get('lateness')).toBe('overdue');
    await expect(text(page, '#actions-shown')).resolves.toBe('Showing 1 of 8 actions.');
    await expect(text(page, `tr[data-action-id="${world.plan.actions['1.1']}"]`)).resolves.toContain('Overdue');
    await checkPage(page, 'nojs-board-filtered');

    const asAt = page.getByRole('group', { name: 'Show the plan as at' });
    await fillDay(asAt, fromToday(0));
    await page.getByRole('radio', { name: 'The ratings people recorded' }).check();
    await page.getByRole('button', { name: 'Show the plan' }).click();
    await expect(page.title()).resolves.toMatch(new RegExp(`^Plan as at ${longDate(fromToday(0))} – `));
    await expect(text(page, '#summary-caption')).resolves.toContain('counted on the ratings people recorded');
    await checkPage(page, 'nojs-board-as-at');
  });

  it('lets the auditor check the hash chains and download the audit bundle', async () => {
    const page = await as('auditor');
    await page.getByRole('link', { name: 'Audit' }).click();
    await page.getByRole('link', { name: "Children's Services Improvement Plan" }).click();
    await page.getByRole('button', { name: 'Check the hash chains' }).click();
    await expect(text(page, '#check-result')).resolves.toBe('All intact');
    await checkPage(page, 'nojs-auditor-verified');

    await page.getByRole('link', { name: 'History' }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download the audit bundle' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^plan-${world.plan.planId}-audit-\\d{8}T\\d{6}Z\\.json$`));
    const bundle = JSON.parse(readFileSync(await download.path(), 'utf8'));
    expect(JSON.stringify(bundle)).toContain('The attendance list shows the workshop was held with 9 agencies');
  });

  it('lets an admin add a user, signed in by the emailed link', async () => {
    world.addUser({ name: 'Ada Admin', role: 'admin', email: 'ada.admin@council.example' });
    const page = await world.newPage({ javaScript: false });
    await world.signIn(page, 'ada.admin@council.example', 'nojs-admin');
    await page.getByRole('link', { name: 'Users', exact: true }).click();
    await page.getByRole('button', { name: 'Add a user' }).click();
    await page.getByLabel('Name').fill('Nia Newcomer');
    await page.getByLabel('Email address').fill('nia.newcomer@council.example');
    await page.getByLabel('Action owner').check();
    await page.getByRole('button', { name: 'Add user' }).click();
    await expect(banner(page)).resolves.toContain('Nia Newcomer');
    await expect(text(page, 'h1')).resolves.toBe('Nia Newcomer');
    await expect(text(page, '.govuk-summary-list')).resolves.toMatch(/Role\s+Action owner/);
    await checkPage(page, 'nojs-admin-user-added');
  });

  it('signs out with the navigation’s form', async () => {
    const page = await as('board');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(text(page, 'h1')).resolves.toMatch(/signed out/i);
    await page.goto('/app/plans');
    expect(new URL(page.url()).pathname).toBe('/sign-in');
  });
});
