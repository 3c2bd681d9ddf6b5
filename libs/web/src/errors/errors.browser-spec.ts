/// <reference lib="dom" />
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
});
