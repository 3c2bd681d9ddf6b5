/// <reference lib="dom" />
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
