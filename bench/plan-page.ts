import { performance } from 'node:perf_hooks';
import { runBuilt, tempDir } from '@actionplans/testing';
import { seed } from './http';
import { EVENTS_PER_PLAN } from './read-side';
import { reportTablesReach, startApp } from './http-app';
import type { Figure } from './workload';

/** A board member reading 75-action plans spread over the log, as today and as at a day in the plan's middle. */
export const PLAN_PAGE = { runs: 200, warmUp: 20, email: 'board.member@council.example' };

/** Adds the board member with the built CLI, as an operator would; answers the one-time sign-in link it prints. */
function addBoardMember(dataDir: string): string {
  const added = runBuilt('cli', ['users', 'add', '--name', 'Councillor Bench', '--role', 'viewer', '--email', PLAN_PAGE.email], {
    DATA_DIR: dataDir,
  });
  const link = /sign in in a browser[^:]*: (\S+)/.exec(added.stdout)?.[1];
  if (added.code !== 0 || !link) throw new Error(`actionplans users add failed: ${added.stderr}${added.stdout}`);
  return new URL(link).pathname;
}

const cookieOf = (response: Response): string =>
  response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ');

/** Signs in as a browser does: opens the link (its Continue form begins a session with a CSRF token), then presses Continue. */
async function signIn(url: string, linkPath: string): Promise<string> {
  const page = await fetch(`${url}${linkPath}`);
  const html = await page.text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  const token = /name="token" value="([^"]+)"/.exec(html)?.[1];
  if (!csrf || !token) throw new Error(`the sign-in link's page has no Continue form (${page.status})`);
  const signedIn = await fetch(`${url}/sign-in/link`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: cookieOf(page), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, token }).toString(),
  });
  if (signedIn.status !== 303) throw new Error(`Continue answered ${signedIn.status}, not a redirect home`);
  return cookieOf(signedIn);
}

/** p95 of `runs` page loads (request to the last byte, on this machine), after a warm-up; every page must show its 75 actions. */
async function p95(url: string, cookie: string, paths: (run: number) => string): Promise<number> {
  const timings: number[] = [];
  for (let run = 0; run < PLAN_PAGE.warmUp + PLAN_PAGE.runs; run += 1) {
    const started = performance.now();
    const response = await fetch(`${url}${paths(run)}`, { headers: { cookie, 'accept-encoding': 'br' } });
    const html = await response.text();
    const took = performance.now() - started;
    if (response.status !== 200 || !html.includes('Showing 75 of 75 actions.'))
      throw new Error(`${paths(run)} answered ${response.status} without its 75 actions`);
    if (run >= PLAN_PAGE.warmUp) timings.push(took);
  }
  timings.sort((a, b) => a - b);
  return Number(timings[Math.floor(timings.length * 0.95)].toFixed(1));
}

/**
 * `--only page`: the built all-in-one app on SQLite with 1,000,000 events (times `scale`) stored,
 * its report tables caught up, and a board member signed in through an emailed link. The figures:
 * a 75-action plan's page today (from the report tables), and as at a day in its middle (its
 * streams in one read), each the p95 of loads of plans spread over the log.
 */
export async function runPlanPage(scale: number, log: (message: string) => void): Promise<Figure[]> {
  const dir = tempDir('bench-plan-page');
  try {
    log(`plan page: writing ${Math.round(1_000_000 * scale).toLocaleString('en-GB')} events…`);
    const head = await seed(dir.path, 1_000_000 * scale);
    const plans = Math.ceil((1_000_000 * scale) / EVENTS_PER_PLAN);
    const app = await startApp(dir.path);
    try {
      log('plan page: waiting for the report tables…');
      await reportTablesReach(dir.path, head);
      // Added now, beside the running app as an operator would, so the link is fresh (it lasts 15 minutes).
      const cookie = await signIn(app.url, addBoardMember(dir.path));
      const plan = (run: number) => `/app/plans/plan-${(run * 7919) % plans}`;
      log('plan page: today, and as at a day…');
      const today = await p95(app.url, cookie, plan);
      const asAt = await p95(app.url, cookie, (run) => `${plan(run)}?asAt-day=30&asAt-month=9&asAt-year=2022`);
      return [
        { name: 'sqlite.page.plan75.p95', value: today, unit: 'ms' },
        { name: 'sqlite.page.plan75.asat.p95', value: asAt, unit: 'ms' },
      ];
    } finally {
      await app.stop();
    }
  } finally {
    dir.remove();
  }
}
