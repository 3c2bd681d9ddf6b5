/// <reference lib="dom" />
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { checkPage, checkReflow, describeInBrowser, startBrowserWorld, type BrowserWorld } from '@actionplans/testing/browser';

describeInBrowser('the home page in a browser', () => {
  let world: BrowserWorld;

  const LOGO = 'https://assets.anytown.example/logo.png';

  beforeAll(async () => {
    world = await startBrowserWorld({ COUNCIL_LOGO_URL: LOGO });
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

  it('shows the council’s logo in the header, from its own https address, which the Content-Security-Policy lets load', async () => {
    const page = await world.newPage();
    const blocked: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) blocked.push(message.text());
    });
    // The logo's host is not on this network: the browser is given a one-pixel PNG in its place, once the policy has let it ask.
    let asked = 0;
    await page.route(LOGO, (route) => {
      asked += 1;
      return route.fulfill({ contentType: 'image/png', body: Buffer.from(ONE_PIXEL_PNG, 'base64') });
    });
    const response = await page.goto('/');
    expect(response?.headers()['content-security-policy']).toMatch(/img-src 'self' data: https:\/\/assets\.anytown\.example/);
    const logo = page.locator('.govuk-generic-header img.app-header__logo');
    await expect(logo.getAttribute('src')).resolves.toBe(LOGO);
    await expect(logo.getAttribute('alt')).resolves.toBe('');
    await page.waitForFunction(() => document.querySelector<HTMLImageElement>('img.app-header__logo')?.complete === true);
    await expect(logo.evaluate((image: HTMLImageElement) => image.naturalWidth)).resolves.toBe(1);
    expect(asked).toBe(1);
    expect(blocked).toEqual([]);
    await checkPage(page, 'home-council-logo');
  });
});

/** A transparent PNG, one pixel square. */
const ONE_PIXEL_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
