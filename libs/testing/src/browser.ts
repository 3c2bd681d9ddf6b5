import AxeBuilder from '@axe-core/playwright';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { BrowserJournal } from './browser-journal';
import { runBuilt, startBuiltApi } from './built-apps';
import { client, type Client } from './api-client';
import { buildCouncilPlan, COUNCIL_PEOPLE, type CouncilPerson, type CouncilPlan } from './council-plan';
import { freePort } from './free-port';
import { startOidcProvider, type TestOidcProvider } from './oidc-provider';
import { eventually } from './poll';
import { reflowProblems } from './reflow-probe';
import { tempDir } from './temp-dir';

/** Debian's Chromium, or the one CHROMIUM_PATH names; a browser is never downloaded. */
/** An API client for someone a journey adds (`world.addUser`), to set the scene beside the pages. */
export { client, type Client } from './api-client';

export const chromiumPath = () => process.env.CHROMIUM_PATH || '/usr/bin/chromium';
/** The WCAG 2.0, 2.1 and 2.2 A and AA rules: the 2.2 tag alone checks little. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
/** Every page a browser spec reaches is photographed here (gitignored). */
export const SCREENSHOTS = join(__dirname, '..', '..', '..', 'test-artefacts', 'screenshots');

/**
 * `describe` for a browser spec. Without Chromium the suite is skipped with a loud message on a
 * developer's machine, and fails under CI=true (`.ci/run` installs it).
 */
export function describeInBrowser(name: string, body: () => void): void {
  if (existsSync(chromiumPath())) {
    describe(name, () => {
      reportSlowTests();
      body();
    });
    return;
  }
  const message = `Chromium is not at ${chromiumPath()} (install the chromium package, or set CHROMIUM_PATH)`;
  if (process.env.CI === 'true') {
    describe(name, () =>
      it('needs Chromium', () => {
        throw new Error(`${message}; CI must run the browser tests`);
      }),
    );
    return;
  }
  console.warn(`\n*** SKIPPED "${name}": ${message}. ***\n`);
  describe.skip(name, body);
}

/** The journals of the worlds running now, printed when a test runs long. */
const journals = new Set<BrowserJournal>();

/**
 * A test that takes over half of its time prints what its pages and app did lately: a test that
 * runs out of time then says what it was waiting for, where Jest alone says only that time ran out.
 */
function reportSlowTests(): void {
  let began = 0;
  beforeEach(() => {
    began = Date.now();
  });
  afterEach(() => {
    const took = Date.now() - began;
    if (took < 30_000) return;
    const { currentTestName } = expect.getState();
    for (const journal of journals) console.warn(`"${currentTestName}" took ${Math.round(took / 1000)} s; lately:\n${journal.toString()}`);
  });
}

/** The built app on a free port with a data folder of its own, and Chromium to use it. */
export interface BrowserWorld {
  url: string;
  dataDir: string;
  browser: Browser;
  /**
   * A fresh browser profile (no cookies): one person at one computer; `userAgent` and `headers`
   * (sent with every request, e.g. a proxy's X-Forwarded-For) stand for another browser or network.
   */
  newPage(options?: { width?: number; javaScript?: boolean; userAgent?: string; headers?: Record<string, string> }): Promise<Page>;
  /** Adds a user with the `actionplans users add` command; returns what it printed. */
  addUser(user: { name: string; role: string; email: string }): { userId: string; token: string; signInUrl: string };
  /** The newest sign-in link mailed to `email` (from the outbox) that is not one of `before`, waiting for it to arrive. */
  mailedLink(email: string, before?: Set<string>): Promise<string>;
  /** Every sign-in link mailed to `email` so far. */
  mailedLinks(email: string): Set<string>;
  /**
   * Asks for a link on the sign-in page, opens it from the outbox and presses Continue, checking
   * each page; or, `via: 'oidc'` in a world started with `{ oidc: true }`, signs in at the local
   * OpenID Connect issuer (as the SSO specs do) as the person `addUser` added with that address.
   */
  signIn(page: Page, email: string, name: string, options?: { via?: 'link' | 'oidc' }): Promise<void>;
  stop(): Promise<void>;
}

/** How the local issuer's groups give each role, for worlds that sign in through it. */
const OIDC_GROUPS: Record<string, string> = {
  admin: 'ActionPlans.Admins',
  'plan manager': 'ActionPlans.Managers',
  'action owner': 'ActionPlans.Owners',
  'panel member': 'ActionPlans.Panel',
  viewer: 'ActionPlans.Viewers',
  auditor: 'ActionPlans.Auditors',
};
const OIDC_CLIENT = { clientId: 'actionplans-pages', clientSecret: 'pages-secret' };
const OIDC_PROVIDER_NAME = 'Anytown Council Login';

/** Starts the OpenID Connect issuer the SSO specs use, and the app's settings for signing in through it. */
async function oidcIssuer(): Promise<{ provider: TestOidcProvider; env: Record<string, string> }> {
  const provider = await startOidcProvider();
  const env = {
    OIDC_ISSUER: provider.issuer,
    OIDC_AUDIENCE: 'api://actionplans',
    OIDC_ROLE_MAP: Object.entries(OIDC_GROUPS)
      .map(([role, group]) => `${group}=${role}`)
      .join(','),
    OIDC_CLIENT_ID: OIDC_CLIENT.clientId,
    OIDC_CLIENT_SECRET: OIDC_CLIENT.clientSecret,
    OIDC_PROVIDER_NAME,
  };
  return { provider, env };
}

/**
 * Starts the built app (`npm run build` first) and Chromium. Extra environment as given; with
 * `oidc`, a local OpenID Connect issuer too, where everyone `addUser` adds can sign in.
 */
export async function startBrowserWorld(env: Record<string, string> = {}, { oidc = false } = {}): Promise<BrowserWorld> {
  const issuer = oidc ? await oidcIssuer() : undefined;
  const data = tempDir('browser');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const appEnv = { DATA_DIR: data.path, PUBLIC_URL: url, COUNCIL_NAME: 'Anytown Borough Council', ...issuer?.env, ...env };
  const journal = new BrowserJournal();
  const app = await startBuiltApi({ ...appEnv, PORT: String(port) }, undefined, undefined, (line) => journal.noteApp(line));
  issuer?.provider.registerClient({
    ...OIDC_CLIENT,
    redirectUris: [`${url}/sign-in/oidc/callback`],
    postLogoutRedirectUris: [`${url}/signed-out`],
  });
  journals.add(journal);
  let pages = 0;
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox'] });
  const contexts: BrowserContext[] = [];
  const outbox = join(data.path, 'outbox');
  const mailedLink = async (email: string, after = new Set<string>()) => {
    let link: string | undefined;
    await eventually(`a sign-in link mailed to ${email}`, () => {
      link = newestLink(outbox, email, after);
      return link !== undefined;
    });
    return link!;
  };
  return {
    url,
    dataDir: data.path,
    browser,
    async newPage({ width = 1024, javaScript = true, userAgent, headers } = {}) {
      const context = await browser.newContext({
        baseURL: url,
        viewport: { width, height: 768 },
        javaScriptEnabled: javaScript,
        userAgent,
        extraHTTPHeaders: headers,
      });
      contexts.push(context);
      // Every page of the context, those a test or axe-core opens beside this one too.
      context.on('page', (opened) => journal.watch(opened, `page ${++pages}`));
      const page = await context.newPage();
      if (!javaScript) withoutJavaScript.add(page);
      watchAssets(page);
      // Playwright turns file-chooser interception on when a page's first 'filechooser' listener is
      // added, without waiting for Chromium to confirm it: a key pressed just after
      // `waitForEvent('filechooser')` could open the chooser before interception was on, and no
      // event ever came (seen under load). Listening from the start turns it on long before.
      page.on('filechooser', () => undefined);
      return page;
    },
    addUser(user) {
      const run = runBuilt('cli', ['users', 'add', '--name', user.name, '--role', user.role, '--email', user.email], appEnv);
      if (run.code !== 0) throw new Error(`users add failed: ${run.stderr}`);
      // At the issuer, by their address as username, with a verified email: their first sign-in there links them to this user.
      issuer?.provider.addPerson(user.email, {
        sub: `oid-${user.email}`,
        name: user.name,
        email: user.email,
        email_verified: true,
        roles: [OIDC_GROUPS[user.role]],
      });
      return {
        userId: /as user (\S+)/.exec(run.stdout)![1],
        token: /token \(shown once, keep it safe\): (\S+)/.exec(run.stdout)![1],
        signInUrl: /sign in in a browser[^:]*: (\S+)/.exec(run.stdout)![1],
      };
    },
    mailedLink,
    mailedLinks: (email) => linksIn(outbox, email),
    async signIn(page, email, name, { via = 'link' } = {}) {
      await page.goto('/sign-in');
      await checkPage(page, `${name}-sign-in`);
      if (via === 'oidc') {
        if (!issuer) throw new Error('signing in through the issuer needs a world started with { oidc: true }');
        await page.getByRole('button', { name: `Sign in with ${OIDC_PROVIDER_NAME}` }).click();
        // The issuer's own username form (its page, not ours: no axe check there).
        await page.getByLabel('Username').fill(email);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.waitForURL((address) => address.origin === url && !address.pathname.startsWith('/sign-in'));
        return;
      }
      const before = linksIn(outbox, email);
      await page.getByLabel('Email address').fill(email);
      await page.getByRole('button', { name: 'Send me a link' }).click();
      await checkPage(page, `${name}-check-email`);
      await page.goto(await mailedLink(email, before));
      await checkPage(page, `${name}-continue`);
      await page.getByRole('button', { name: 'Continue' }).click();
    },
    async stop() {
      journals.delete(journal);
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close();
      await app.stop();
      await issuer?.provider.stop();
      data.remove();
    },
  };
}

/** The browser world with the council's people (each added as an operator would) and their plan. */
export interface CouncilBrowserWorld extends BrowserWorld {
  /** Each person's API client, for setting the scene and checking outcomes beside the pages. */
  people: Record<CouncilPerson, Client>;
  /** Each person's email address, to sign in with. */
  emails: Record<CouncilPerson, string>;
  plan: CouncilPlan;
}

/**
 * The built app and Chromium with the council's people and one live plan in every state a page
 * shows (`buildCouncilPlan`), for journeys that start in the middle of a plan's life.
 */
export async function startCouncilBrowserWorld(
  env: Record<string, string> = {},
  options: { oidc?: boolean } = {},
): Promise<CouncilBrowserWorld> {
  const world = await startBrowserWorld(env, options);
  try {
    const people = {} as Record<CouncilPerson, Client>;
    const emails = {} as Record<CouncilPerson, string>;
    for (const [key, person] of Object.entries(COUNCIL_PEOPLE) as Array<[CouncilPerson, (typeof COUNCIL_PEOPLE)[CouncilPerson]]>) {
      const added = world.addUser(person);
      people[key] = client(world.url, added.token, added.userId);
      emails[key] = person.email;
    }
    return { ...world, people, emails, plan: await buildCouncilPlan(people) };
  } catch (error) {
    await world.stop();
    throw error;
  }
}

/**
 * A second plan manager ("Dev Deputy"), added as an operator would and signed in with the link
 * the command printed: their page, and their API client for setting the scene beside it. Separation
 * of duties needs one wherever a plan manager's step is checked by another.
 */
export async function signedInDeputy(world: BrowserWorld): Promise<{ page: Page; api: Client }> {
  const added = world.addUser({ name: 'Dev Deputy', role: 'plan manager', email: 'dev.deputy@council.example' });
  const page = await world.newPage();
  await page.goto(added.signInUrl);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForSelector('#signed-in-as');
  return { page, api: client(world.url, added.token, added.userId) };
}

/**
 * What every browser spec does on every page it reaches: axe-core's WCAG A and AA rules, failing
 * on any violation with what and where, and a full-page screenshot as a test artefact. It also
 * fails if the page asked for an asset that is not served (an icon its styles name).
 */
export async function checkPage(page: Page, name: string): Promise<void> {
  await enhanced(page);
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  const { violations } = withoutJavaScript.has(page) ? await axeOnCopy(page) : await axe(page);
  const found = violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.help}\n    ${violation.nodes.map((node) => node.target.join(' ')).join('\n    ')}`,
  );
  if (found.length > 0)
    throw new Error(`axe-core found ${found.length} WCAG violation(s) on ${name} (${page.url()}):\n  ${found.join('\n  ')}`);
  const missing = missingAssets.get(page) ?? [];
  if (missing.length > 0) throw new Error(`${name} asked for assets that are not served: ${missing.join(', ')}`);
}

/** What each page asked for under /assets and did not get: an icon its styles name, say. */
const missingAssets = new WeakMap<Page, string[]>();

function watchAssets(page: Page): void {
  const missing: string[] = [];
  missingAssets.set(page, missing);
  page.on('response', (response) => {
    const path = new URL(response.url()).pathname;
    if (path.startsWith('/assets/') && response.status() >= 400) missing.push(`${path} (${response.status()})`);
  });
}

/** Pages opened with JavaScript off (`newPage({ javaScript: false })`). */
const withoutJavaScript = new WeakSet<Page>();

/**
 * axe-core on the page, bounded: Playwright gives its evaluations no timeout, and one CI run
 * stalled for most of a minute right after a page's screenshot, running out the test's time
 * without saying where. A stall now fails naming the page.
 */
const axe = (page: Page) =>
  Promise.race([
    new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze(),
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`axe-core did not finish on ${page.url()} within 30 s`)), 30_000).unref(),
    ),
  ]);

/**
 * axe-core waits on timers, and with JavaScript off no timer fires: it checks a copy of the page's
 * DOM as it stands instead, served at the same address (so with the same styles) to a browser that
 * runs scripts, the page's own scripts taken out so the copy is the page as its visitor has it.
 */
async function axeOnCopy(page: Page) {
  const address = page.url();
  const html = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/gi, '');
  const context = await page.context().browser()!.newContext({ viewport: page.viewportSize() });
  try {
    const copy = await context.newPage();
    await copy.route(
      (url) => url.href === address,
      (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }),
    );
    await copy.goto(address);
    return await axe(copy);
  } finally {
    await context.close();
  }
}

/**
 * The windows a page must reflow into, in CSS pixels: a 1280 × 800 window zoomed to 200%, and
 * WCAG 1.4.10's 320 × 256 (400% zoom).
 */
export const REFLOW_WINDOWS = [
  { name: 'zoom-200', width: 640, height: 400 },
  { name: '320px', width: 320, height: 256 },
] as const;

/**
 * Checks the page at 200% zoom and at 320 px wide (`checkPage` at each, so a screenshot and axe):
 * nothing scrolls the page sideways or sticks out past the window, and a wide table scrolls
 * inside a focusable, labelled region of its own. The window is put back as it was.
 */
export async function checkReflow(page: Page, name: string): Promise<void> {
  const before = page.viewportSize();
  const found: string[] = [];
  try {
    for (const size of REFLOW_WINDOWS) {
      await page.setViewportSize({ width: size.width, height: size.height });
      await checkPage(page, `${name}-${size.name}`);
      for (const problem of await page.evaluate(reflowProblems)) found.push(`at ${size.width} px: ${problem}`);
    }
  } finally {
    if (before) await page.setViewportSize(before);
  }
  if (found.length > 0) throw new Error(`${name} does not reflow (${page.url()}):\n  ${found.join('\n  ')}`);
}

/**
 * Waits until GOV.UK Frontend has enhanced every component on the page (it marks each one
 * `data-<module>-init`). Its script is a deferred module, so on a loaded machine a test can reach
 * a page before it runs: a key pressed then lands on the plain control the script is about to
 * replace. With JavaScript off nothing is enhanced and there is nothing to wait for.
 */
export async function enhanced(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    if (!document.body.classList.contains('govuk-frontend-supported')) return true;
    return Array.from(document.querySelectorAll('[data-module]')).every((element) =>
      (element.getAttribute('data-module') ?? '')
        .split(' ')
        .filter((module) => module.startsWith('govuk-'))
        .every((module) => element.hasAttribute(`data-${module}-init`)),
    );
  });
}

/** The sign-in links in the outbox's mails to `email`, oldest first. */
function linksIn(outbox: string, email: string): Set<string> {
  if (!existsSync(outbox)) return new Set();
  const links = new Set<string>();
  const mails = readdirSync(outbox)
    .filter((name) => name.endsWith('.eml'))
    .map((name) => ({ name, at: statSync(join(outbox, name)).mtimeMs }))
    .sort((a, b) => a.at - b.at);
  for (const { name: file } of mails) {
    const mail = decodeQuotedPrintable(readFileSync(join(outbox, file), 'utf8'));
    if (!new RegExp(`^To: ${email.replace(/[.+]/g, '\\$&')}`, 'mi').test(mail)) continue;
    for (const match of mail.matchAll(/https?:\/\/\S+\/sign-in\/link\/[\w-]+/g)) links.add(match[0]);
  }
  return links;
}

function newestLink(outbox: string, email: string, before: Set<string>): string | undefined {
  return [...linksIn(outbox, email)].reverse().find((link) => !before.has(link));
}

/** Mail bodies wrap long lines (=\n) and escape some bytes (=3D) as quoted-printable. */
const decodeQuotedPrintable = (text: string) =>
  text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

/** Presses Tab until the element `selector` (any Playwright selector) has the focus, failing after `limit` presses. */
export async function tabToElement(page: Page, selector: string, limit = 300): Promise<void> {
  for (let presses = 0; presses < limit; presses++) {
    if (await page.locator(selector).evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

/**
 * Presses Tab (Shift+Tab with `backwards`) until the focused element is the one named: its text,
 * its label, or its accessible name starts with `name`. A keyboard user's way to a control.
 */
export async function tabTo(page: Page, name: string | RegExp, { backwards = false, limit = 120 } = {}): Promise<void> {
  const wanted = typeof name === 'string' ? (text: string) => text.startsWith(name) : (text: string) => name.test(text);
  for (let presses = 0; presses < limit; presses++) {
    // The key that went before (Enter on a link) may still be loading the next page.
    await page.waitForLoadState();
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    const focused = await page
      .evaluate(() => {
        const element = document.activeElement as HTMLInputElement | null;
        const label = element?.labels?.[0]?.textContent ?? element?.getAttribute('aria-label') ?? element?.textContent ?? '';
        return label.replace(/\s+/g, ' ').trim();
      })
      .catch(() => null);
    if (focused !== null && wanted(focused)) return;
  }
  throw new Error(`Tab never reached "${String(name)}"`);
}
