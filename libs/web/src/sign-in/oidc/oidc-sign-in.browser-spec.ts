import type { Page } from 'playwright-core';
import { client, eventually, startOidcProvider, type Client, type TestOidcProvider } from '@actionplans/testing';
import { checkPage, describeInBrowser, startBrowserWorld, type BrowserWorld } from '@actionplans/testing/browser';

const CLIENT = { clientId: 'actionplans-pages', clientSecret: 'pages-secret' };
const ROLE_MAP = 'ActionPlans.Managers=plan manager,ActionPlans.Owners=action owner';
const PEOPLE = {
  mo: { sub: 'oid-mo', name: 'Mo Manager', email: 'mo.manager@anytown.gov.uk', email_verified: true, roles: ['ActionPlans.Managers'] },
  ada: { sub: 'oid-ada', name: 'Ada Owner', email: 'ada.owner@anytown.gov.uk', email_verified: true, roles: ['ActionPlans.Owners'] },
  nora: { sub: 'oid-nora', name: 'Nora Nobody', email: 'nora@anytown.gov.uk', email_verified: true, roles: ['Canteen.Staff'] },
  sam: { sub: 'oid-sam', name: 'Sam Single', email: 'sam@anytown.gov.uk', roles: ['ActionPlans.Owners'] },
};

/** The app signing people in through `provider`, registered there as the pages' client. */
async function worldWith(provider: TestOidcProvider, env: Record<string, string> = {}): Promise<BrowserWorld> {
  const world = await startBrowserWorld({
    OIDC_ISSUER: provider.issuer,
    OIDC_AUDIENCE: 'api://actionplans',
    OIDC_ROLE_MAP: ROLE_MAP,
    OIDC_CLIENT_ID: CLIENT.clientId,
    OIDC_CLIENT_SECRET: CLIENT.clientSecret,
    OIDC_PROVIDER_NAME: 'Anytown Council Login',
    ...env,
  });
  provider.registerClient({
    ...CLIENT,
    redirectUris: [`${world.url}/sign-in/oidc/callback`],
    postLogoutRedirectUris: [`${world.url}/signed-out`],
  });
  for (const [username, claims] of Object.entries(PEOPLE)) provider.addPerson(username, claims);
  return world;
}

/** At the issuer's own sign-in form (the test issuer's page, not ours: no axe check there). */
async function signInAtIssuer(page: Page, username: keyof typeof PEOPLE): Promise<void> {
  await page.getByLabel('Username').fill(username);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

const pathOf = (page: Page) => new URL(page.url()).pathname + new URL(page.url()).search;
const heading = (page: Page) => page.locator('h1').innerText();

describeInBrowser("signing in with the council's identity provider", () => {
  let provider: TestOidcProvider;
  let world: BrowserWorld;
  let admin: Client;

  beforeAll(async () => {
    provider = await startOidcProvider();
    world = await worldWith(provider);
    const added = world.addUser({ name: 'Ann Admin', role: 'admin', email: 'ann.admin@anytown.gov.uk' });
    admin = client(world.url, added.token, added.userId);
  });

  afterAll(async () => {
    await world?.stop();
    await provider?.stop();
  });

  it('adds a person on their first sign-in with the role their group gives, brings them back to the page they asked for, and signs out here and at the issuer', async () => {
    const page = await world.newPage();
    await page.goto('/sign-in?returnTo=%2Fapp%2Fplans%3Fstatus%3Doverdue');
    await checkPage(page, 'oidc-sign-in');
    await expect(page.getByLabel('Email address').isVisible()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Sign in with Anytown Council Login' }).click();
    await signInAtIssuer(page, 'mo');
    await eventually('the page asked for', () => pathOf(page) === '/app/plans?status=overdue');
    await checkPage(page, 'oidc-returned');
    await page.goto('/');
    await expect(page.locator('#signed-in-as').innerText()).resolves.toBe('Signed in as Mo Manager (plan manager).');
    await checkPage(page, 'oidc-home');
    const users = (await admin.get('/users')).body as Array<{ email: string; role: string; name: string }>;
    expect(users.filter((user) => user.email === PEOPLE.mo.email)).toEqual([
      expect.objectContaining({ name: 'Mo Manager', role: 'plan manager' }),
    ]);
    expect(provider.signedIn).toContain('oid-mo');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await eventually('the signed-out page', async () => (await heading(page).catch(() => '')) === 'You have signed out');
    expect(new URL(page.url()).origin).toBe(world.url);
    await expect(page.locator('#still-at-directory').count()).resolves.toBe(0);
    await checkPage(page, 'oidc-signed-out');
    expect(provider.signedIn).not.toContain('oid-mo');
    await page.goto('/');
    await expect(page.getByRole('button', { name: 'Sign in' }).isVisible()).resolves.toBe(true);
    // Ended at the issuer too: signing in again asks who you are there.
    await page.goto('/sign-in');
    await page.getByRole('button', { name: 'Sign in with Anytown Council Login' }).click();
    await expect(page.getByLabel('Username').isVisible()).resolves.toBe(true);
  });

  it('links an owner an admin added to their directory account by verified email, keeping their user and role', async () => {
    const added = world.addUser({ name: 'Ada Owner', role: 'action owner', email: PEOPLE.ada.email });
    const page = await world.newPage();
    await page.goto('/sign-in');
    await page.getByRole('button', { name: 'Sign in with Anytown Council Login' }).click();
    await signInAtIssuer(page, 'ada');
    await eventually('home', () => pathOf(page) === '/');
    await expect(page.locator('#signed-in-as').innerText()).resolves.toBe('Signed in as Ada Owner (action owner).');
    const users = (await admin.get('/users')).body as Array<{ userId: string; email: string }>;
    expect(users.filter((user) => user.email === PEOPLE.ada.email).map((user) => user.userId)).toEqual([added.userId]);
  });

  it('refuses someone the directory gives no role here, with a page saying so', async () => {
    const page = await world.newPage();
    await page.goto('/sign-in');
    await page.getByRole('button', { name: 'Sign in with Anytown Council Login' }).click();
    const answer = page.waitForResponse((response) => response.url().includes('/sign-in/oidc/callback'));
    await signInAtIssuer(page, 'nora');
    expect((await answer).status()).toBe(403);
    await expect(heading(page)).resolves.toBe('You do not have a role in this service');
    await checkPage(page, 'oidc-no-role');
    const users = (await admin.get('/users')).body as Array<{ email: string }>;
    expect(users.some((user) => user.email === PEOPLE.nora.email)).toBe(false);
  });

  it('says so in words when the person cancels at the issuer', async () => {
    const page = await world.newPage();
    await page.goto('/sign-in');
    await page.getByRole('button', { name: 'Sign in with Anytown Council Login' }).click();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(heading(page)).resolves.toBe('You did not agree to sign in');
    await checkPage(page, 'oidc-denied');
    await page.getByRole('button', { name: 'Try signing in again' }).click();
    await expect(heading(page)).resolves.toBe('Sign in');
  });

  it('refuses a callback this browser did not start, or whose state was changed, with a page', async () => {
    const page = await world.newPage();
    await page.goto('/sign-in');
    // Hold the issuer's answer (its redirect to the callback) instead of following it.
    let callback: string | undefined;
    await page.route(`${provider.issuer}/login`, async (route) => {
      callback = (await route.fetch({ maxRedirects: 0 })).headers().location;
      await route.fulfill({ status: 200, contentType: 'text/html', body: '<title>Held</title><p>held</p>' });
    });
    await page.getByRole('button', { name: 'Sign in with Anytown Council Login' }).click();
    await signInAtIssuer(page, 'sam');
    await eventually('the issuer sending the browser back', () => callback !== undefined);
    await page.unroute(`${provider.issuer}/login`);

    // Someone else's browser given the link (a forged sign-in) is refused.
    const stranger = await world.newPage();
    const refused = await stranger.goto(callback!);
    expect(refused?.status()).toBe(400);
    await expect(heading(stranger)).resolves.toBe('This sign-in was not started here');
    await checkPage(stranger, 'oidc-state-mismatch');

    const forged = new URL(callback!);
    forged.searchParams.set('state', 'not-the-state-sent');
    expect((await page.goto(forged.href))?.status()).toBe(400);
    await expect(heading(page)).resolves.toBe('This sign-in was not started here');
    // Nobody was signed in by either.
    await page.goto('/');
    await expect(page.getByRole('button', { name: 'Sign in' }).isVisible()).resolves.toBe(true);
  });
});

describeInBrowser('signing in only with an identity provider that cannot sign people out', () => {
  let provider: TestOidcProvider;
  let world: BrowserWorld;

  beforeAll(async () => {
    provider = await startOidcProvider({ endSession: false });
    world = await worldWith(provider, { WEB_SIGN_IN: 'oidc' });
  });

  afterAll(async () => {
    await world?.stop();
    await provider?.stop();
  });

  it('offers only the provider, and on sign-out ends the session here and says the issuer may still have one', async () => {
    const page = await world.newPage();
    await page.goto('/sign-in');
    await expect(page.getByLabel('Email address').count()).resolves.toBe(0);
    await checkPage(page, 'oidc-only-sign-in');
    await page.getByRole('button', { name: 'Sign in with Anytown Council Login' }).click();
    await signInAtIssuer(page, 'ada');
    await eventually('home', () => pathOf(page) === '/');
    await expect(page.locator('#signed-in-as').innerText()).resolves.toBe('Signed in as Ada Owner (action owner).');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(heading(page)).resolves.toBe('You have signed out');
    await expect(page.locator('#still-at-directory').innerText()).resolves.toContain('You may still be signed in to Anytown Council Login');
    await checkPage(page, 'oidc-signed-out-here-only');
    expect(provider.signedIn).toContain('oid-ada');
    await page.goto('/');
    await expect(page.getByRole('button', { name: 'Sign in' }).isVisible()).resolves.toBe(true);
  });
});
