/// <reference lib="dom" />
import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import { checkPage, describeInBrowser, startCouncilBrowserWorld, tabTo, type CouncilBrowserWorld } from '@actionplans/testing/browser';

// Bytes beyond ASCII (a pound sign, a curly apostrophe) so a file changed on its way would show in its hash.
const AUDIT = Buffer.from('Quarterly audit: 40 assessments, 31 good or better; £0 spent on agency staff’s time.\n');
const MINUTES = Buffer.from('Minutes of the early help partnership, 3 March: strategy agreed by all partners.\n');
const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');

/** Drops a file on `target` as a browser does when one is dragged from the desktop: dragenter, dragover, drop. */
async function dropFile(page: Page, target: ReturnType<Page['locator']>, file: { name: string; type: string; content: Buffer }) {
  const dataTransfer = await page.evaluateHandle(
    ({ name, type, bytes }) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(bytes)], name, { type }));
      return transfer;
    },
    { name: file.name, type: file.type, bytes: [...file.content] },
  );
  await target.dispatchEvent('dragenter', { dataTransfer });
  const dragging = await target.evaluate((element) => element.classList.contains('govuk-file-upload-button--dragging'));
  await target.dispatchEvent('dragover', { dataTransfer });
  await target.dispatchEvent('drop', { dataTransfer });
  return { dragging };
}

/**
 * Evidence uploaded with GOV.UK Frontend's enhanced file upload (JavaScript on): dropped on its
 * drop zone, or chosen with its "Choose file" button from the keyboard. Either way the file that
 * arrives is the file sent, byte for byte: its SHA-256 is the one worked out here.
 */
describeInBrowser('evidence dropped on the drop zone, or chosen by keyboard', () => {
  let world: CouncilBrowserWorld;
  let page: Page;
  const evidenceRow = (title: string) => page.locator('table.app-evidence tr', { hasText: title }).innerText();

  beforeAll(async () => {
    world = await startCouncilBrowserWorld();
    page = await world.newPage();
    await world.signIn(page, world.emails.owner, 'upload-owner');
    // Eight people added by the command line and a plan built through the API take a while on a busy machine.
  }, 240_000);

  afterAll(async () => {
    await world?.stop();
  });

  it('takes a file dropped on the drop zone, names it, and stores it with the same SHA-256', async () => {
    await page.goto(`/app/actions/${world.plan.actions['1.3']}/evidence`);
    const dropZone = page.locator('.govuk-file-upload-button');
    await expect(dropZone.innerText()).resolves.toContain('or drop file');
    const { dragging } = await dropFile(page, dropZone, { name: 'audit-q1.txt', type: 'text/plain', content: AUDIT });
    expect(dragging).toBe(true);
    await expect(page.locator('.govuk-file-upload-button__status').innerText()).resolves.toBe('audit-q1.txt');
    await expect(dropZone.getAttribute('class')).resolves.not.toContain('--dragging');
    await page.getByLabel('Title').fill('Quarterly audit report');
    await page.getByLabel('Kind of evidence').selectOption('audit');
    await checkPage(page, 'upload-dropped');
    await page.getByRole('button', { name: 'Add evidence' }).click();
    await expect(page.locator('.govuk-notification-banner--success').innerText()).resolves.toContain('The evidence has been added');
    const row = await evidenceRow('Quarterly audit report');
    expect(row).toContain(sha256(AUDIT));
    expect(row).toContain(`audit-q1.txt (${AUDIT.length} bytes)`);
    await checkPage(page, 'upload-dropped-added');
  });

  it('takes a file chosen from the keyboard with the Choose file button', async () => {
    await page.goto(`/app/actions/${world.plan.actions['1.1']}/evidence`);
    await tabTo(page, 'Title');
    await page.keyboard.type('Partnership minutes, 3 March');
    await tabTo(page, 'Kind of evidence');
    await page.keyboard.type('Minutes');
    await tabTo(page, 'Upload a file');
    await expect(page.evaluate(() => document.activeElement?.tagName)).resolves.toBe('BUTTON');
    const chooser = page.waitForEvent('filechooser');
    await page.keyboard.press('Enter');
    await (await chooser).setFiles({ name: 'minutes-3-march.txt', mimeType: 'text/plain', buffer: MINUTES });
    await expect(page.locator('.govuk-file-upload-button__status').innerText()).resolves.toBe('minutes-3-march.txt');
    await tabTo(page, 'Add evidence');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.govuk-notification-banner--success');
    const row = await evidenceRow('Partnership minutes, 3 March');
    expect(row).toContain(sha256(MINUTES));
    expect(row).toContain(`minutes-3-march.txt (${MINUTES.length} bytes)`);
    const action = (await world.people.owner.get(`/actions/${world.plan.actions['1.1']}`)).body;
    expect(action.evidence.find((item: { title: string }) => item.title === 'Partnership minutes, 3 March').file.sha256).toBe(
      sha256(MINUTES),
    );
  });
});
