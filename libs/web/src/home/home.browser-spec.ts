/// <reference lib="dom" />
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { checkPage, checkReflow, describeInBrowser, startBrowserWorld, type BrowserWorld } from '@actionplans/testing/browser';

describeInBrowser('the home page in a browser', () => {
  let world: BrowserWorld;

  beforeAll(async () => {
    world = await startBrowserWorld();
  });

  afterAll(async () => {
    await world?.stop();
  });

  it('tells whoever opens a fresh install the one command that adds the first admin, under the council’s name', async () => {
    const page = await world.newPage();
    await page.goto('/');
    await checkPage(page, 'home-fresh-install');
    await expect(page.title()).resolves.toBe('Add the first administrator – Action plans – Anytown Borough Council');
    await expect(page.locator('.govuk-generic-header').innerText()).resolves.toContain('Anytown Borough Council');
    await expect(page.locator('#first-admin-command').innerText()).resolves.toContain('npm run cli -- users add');
  });

  it("prints the command with the app's own data folder and address, so it adds the admin there and its link signs in", async () => {
    const page = await world.newPage();
    await page.goto('/');
    const command = await page.locator('#first-admin-command').innerText();
    expect(command).toContain(`DATA_DIR=${world.dataDir}`);
    expect(command).toContain(`PUBLIC_URL=${world.url}`);
    // Run as a newcomer would, in the folder the app runs from, with nothing else set.
    const { DATA_DIR: _data, PUBLIC_URL: _url, PORT: _port, ...env } = process.env;
    const typed = command.replace('"Your Name"', '"Fay First"').replace('you@example.gov.uk', 'fay.first@anytown.gov.uk');
    const printed = execFileSync('sh', ['-c', typed], { cwd: join(__dirname, '..', '..', '..', '..'), env, encoding: 'utf8' });
    const link = /sign in in a browser[^:]*: (\S+)/.exec(printed)?.[1] ?? '';
    expect(link.startsWith(`${world.url}/`)).toBe(true);
    await page.goto(link);
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.locator('#signed-in-as').innerText()).resolves.toContain('Fay First');
    await page.close();
  }, 240_000);

  it('fits 200% zoom and a 320 px wide screen without scrolling sideways', async () => {
    const page = await world.newPage();
    await page.goto('/');
    await checkReflow(page, 'home-fresh-install');
  });

  it('is a start page with a way to sign in once someone can', async () => {
    world.addUser({ name: 'Sam Start', role: 'action owner', email: 'sam.start@anytown.gov.uk' });
    const page = await world.newPage();
    await page.goto('/');
    await checkPage(page, 'home-start');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.locator('h1').innerText()).resolves.toBe('Sign in');
  });
});
