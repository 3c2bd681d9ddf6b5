/// <reference lib="dom" />
import {
  checkPage,
  describeInBrowser,
  enhanced,
  startCouncilBrowserWorld,
  tabTo,
  type CouncilBrowserWorld,
} from '@actionplans/testing/browser';
import { fromToday } from '@actionplans/testing';
import type { Page } from 'playwright-core';

const NOTES = Buffer.from('Threshold workshop, 12 May: attendance and the decisions reviewed.\n');

/** Within a radio group the arrow keys move the choice, as browsers make them: pressed until `name` is chosen. */
async function arrowTo(page: Page, name: string, key: 'ArrowUp' | 'ArrowDown'): Promise<void> {
  for (let presses = 0; presses < 10; presses++) {
    const chosen = await page.evaluate(() => (document.activeElement as HTMLInputElement).labels?.[0]?.textContent?.trim());
    if (chosen === name) return;
    await page.keyboard.press(key);
  }
  throw new Error(`the arrow keys never reached "${name}"`);
}

const press = async (page: Page, name: string | RegExp, key = 'Enter') => {
  await tabTo(page, name);
  await page.keyboard.press(key);
};

describeInBrowser('the action owner’s journey, by keyboard alone', () => {
  let world: CouncilBrowserWorld;
  let page: Page;

  beforeAll(async () => {
    world = await startCouncilBrowserWorld();
    page = await world.newPage();
    // The council's plan is built through the API first: a busy machine takes a while.
  }, 180_000);

  afterAll(async () => {
    await world?.stop();
  });

  it('signs in from the emailed link and finds the overdue action first', async () => {
    await page.goto('/sign-in');
    await tabTo(page, 'Email address');
    await page.keyboard.type(world.emails.owner);
    await page.keyboard.press('Enter');
    await page.waitForSelector('text=Check your email');
    await page.goto(await world.mailedLink(world.emails.owner));
    await press(page, 'Continue');
    await page.waitForSelector('#signed-in-as');
    await checkPage(page, 'keyboard-my-work');
    await expect(page.locator('main h3.govuk-heading-m').first().innerText()).resolves.toBe('Overdue (1)');
  });

  it('answers the challenge point on 1.4 with a new file of evidence and submits it again', async () => {
    await press(page, /^Action 1\.4:/);
    await page.waitForSelector('h1:has-text("Action 1.4")');
    await checkPage(page, 'keyboard-action-sent-back');
    await press(page, 'Add evidence');
    await page.waitForSelector('h1:text("Add evidence")');
    // The file input becomes a "Choose file" button once GOV.UK Frontend's script has run.
    await enhanced(page);
    await tabTo(page, 'Title');
    await page.keyboard.type('Workshop notes');
    await tabTo(page, 'Kind of evidence');
    await page.keyboard.type('minutes');
    await tabTo(page, 'Upload a file');
    // Space opens the computer's own file chooser, where a keyboard user picks the file.
    const chooser = page.waitForEvent('filechooser');
    await page.keyboard.press('Space');
    await (await chooser).setFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: NOTES });
    await checkPage(page, 'keyboard-add-evidence');
    await press(page, 'Add evidence');
    await page.waitForSelector('.govuk-notification-banner--success');
    await expect(page.locator('table.app-evidence').innerText()).resolves.toContain('notes.txt');

    await press(page, 'Submit for sign-off');
    await page.waitForSelector('h1:text("Submit for sign-off")');
    await press(page, 'Workshop notes', 'Space');
    await tabTo(page, /^Challenge point 1:/);
    await page.keyboard.type('The notes list who attended and the thresholds agreed.');
    await checkPage(page, 'keyboard-submit');
    await press(page, 'Submit for sign-off');
    await page.waitForSelector('.govuk-notification-banner--success');
    expect((await world.people.owner.get(`/actions/${world.plan.actions['1.4']}`)).body.stage).toBe('submitted');
  });

  it('updates progress on 1.3 with a rating', async () => {
    await press(page, 'My work');
    await press(page, /^Action 1\.3:/);
    await page.waitForSelector('h1:has-text("Action 1.3")');
    await press(page, 'Update progress');
    await tabTo(page, 'What has happened since the last update?');
    await page.keyboard.type('Audited 40 assessments by keyboard.');
    await press(page, 'On track', 'Space');
    // No rating is chosen yet, so Tab lands on the scheme's first category.
    await tabTo(page, 'Green');
    await arrowTo(page, 'Red', 'ArrowDown');
    await checkPage(page, 'keyboard-progress');
    await press(page, 'Send update');
    await page.waitForSelector('.govuk-notification-banner--success');
    await expect(page.locator('.moj-timeline__item').first().locator('.govuk-tag--red').innerText()).resolves.toBe('Red');
  });

  it('asks for a new target date on 1.2 and reads the history', async () => {
    const [year, month, day] = fromToday(45).split('-');
    await press(page, 'My work');
    await press(page, /^Action 1\.2:/);
    await page.waitForSelector('h1:has-text("Action 1.2")');
    await press(page, 'Ask for a new target date');
    await tabTo(page, 'Day');
    await page.keyboard.type(String(Number(day)));
    await tabTo(page, 'Month');
    await page.keyboard.type(String(Number(month)));
    await tabTo(page, 'Year');
    await page.keyboard.type(year);
    await tabTo(page, 'Why does the target date need to change?');
    await page.keyboard.type('Training places ran out');
    await checkPage(page, 'keyboard-revision');
    await press(page, 'Ask for this date');
    await page.waitForSelector('.govuk-notification-banner--success');
    await press(page, /^See the full history/);
    await page.waitForSelector('table.app-history');
    await checkPage(page, 'keyboard-history');
    await expect(page.locator('table.app-history tbody tr').last().innerText()).resolves.toContain('Training places ran out');
  });
});
