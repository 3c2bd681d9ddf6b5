import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SqliteEventStore } from '@actionplans/event-store';
import { tempDir } from '@actionplans/testing';
import { firstLoad } from './first-load';
import { seed } from './http';
import { cpuSecondsOf, reportTablesReach, type RunningApp, startApp } from './http-app';
import { addMyWork, MY_WORK, myWorkActions, myWorkPlans } from './my-work';
import { addPerson, signIn } from './page-people';
import { EVENTS_PER_PLAN } from './read-side';
import type { Figure } from './workload';

/**
 * A board member reading 75-action plans spread over the log, as today and as at a day in the plan's
 * middle; an action owner with `MY_WORK`'s work reading actions spread over the log and their
 * My work, and loading their home, a plan and one of their actions as a browser with an empty cache would.
 */
export const PAGES = { runs: 200, warmUp: 20, member: 'board.member@council.example', owner: 'head.of.send@council.example' };

/** What a page must show for its load to count: its own content, not an error or an empty page. */
type Shows = (path: string, html: string) => boolean;

const showsPlan: Shows = (_, html) => html.includes('Showing 75 of 75 actions.');
/** The action's own history link and its own evidence (each action's links name it), under its 36 progress updates. */
const showsAction: Shows = (path, html) => {
  const actionId = path.split('/')[3];
  return html.includes(`href="/app/actions/${actionId}/history"`) && html.includes(`href="https://example.org/${actionId}/2"`);
};
const showsMyWork: Shows = (_, html) =>
  html.split('app-work-line').length - 1 === MY_WORK.plans * MY_WORK.actionsPerPlan &&
  html.split('href="/app/panels/').length - 1 === MY_WORK.plans;

/**
 * p95 of `runs` page loads (request to the last byte, on this machine), after a warm-up; every page
 * must be 200 and show what it is for. With the app's CPU time per page, all its threads: on a
 * shared machine the p95 is mostly time spent waiting for a core, which the CPU time leaves out.
 */
async function p95(app: RunningApp, cookie: string, paths: (run: number) => string, shows: Shows): Promise<{ p95: number; cpu: number }> {
  const timings: number[] = [];
  let cpuBefore = 0;
  for (let run = 0; run < PAGES.warmUp + PAGES.runs; run += 1) {
    if (run === PAGES.warmUp) cpuBefore = cpuSecondsOf(app.pid);
    const started = performance.now();
    const response = await fetch(`${app.url}${paths(run)}`, { headers: { cookie, 'accept-encoding': 'br' } });
    const html = await response.text();
    const took = performance.now() - started;
    if (response.status !== 200 || !shows(paths(run), html))
      throw new Error(`${paths(run)} answered ${response.status} without its content`);
    if (run >= PAGES.warmUp) timings.push(took);
  }
  const cpu = (cpuSecondsOf(app.pid) - cpuBefore) * 1000;
  timings.sort((a, b) => a - b);
  return { p95: Number(timings[Math.floor(timings.length * 0.95)].toFixed(1)), cpu: Number((cpu / PAGES.runs).toFixed(1)) };
}

/** Asks `path` until it shows what it should (the app reads what another process wrote within a moment), for at most a minute. */
async function untilShown(url: string, cookie: string, path: string, shows: Shows): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const html = await (await fetch(`${url}${path}`, { headers: { cookie } })).text();
    if (shows(path, html)) return;
    if (Date.now() > deadline) throw new Error(`${path} did not show what it should within a minute`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Adds an action owner with the CLI and gives them `MY_WORK`'s actions and meetings, written beside the
 * running app as a plan manager's reassignments would be; answers their signed-in cookie once their
 * home shows it all.
 */
async function ownerWithWork(url: string, dataDir: string, planIds: string[]): Promise<string> {
  const owner = addPerson(dataDir, 'Head of SEND', 'action owner', PAGES.owner);
  const store = new SqliteEventStore({ file: join(dataDir, 'events.db') });
  let head: number;
  try {
    await addMyWork(store, planIds, owner.userId);
    head = await store.headPosition();
  } finally {
    await store.close();
  }
  await reportTablesReach(dataDir, head);
  const cookie = await signIn(url, owner.linkPath);
  await untilShown(url, cookie, '/', showsMyWork);
  return cookie;
}

/** The owner's first load of their home, a plan they work in, and one of their actions in it. */
async function firstLoads(url: string, cookie: string, planIds: string[]): Promise<Figure[]> {
  const planId = myWorkPlans(planIds)[2];
  const pages: Array<[string, string, Shows]> = [
    ['web.firstload.home.kb', '/', showsMyWork],
    ['web.firstload.plan75.kb', `/app/plans/${planId}`, showsPlan],
    [
      'web.firstload.action.kb',
      `/app/actions/${myWorkActions(planId)[1]}`,
      (path, html) => showsAction(path, html) && html.includes('Update progress'),
    ],
  ];
  const figures: Figure[] = [];
  for (const [name, path, shows] of pages) {
    const { kB, html } = await firstLoad(url, cookie, path);
    if (!shows(path, html)) throw new Error(`${path} did not show what it should on its first load`);
    figures.push({ name, value: kB, unit: 'kB' });
  }
  return figures;
}

/**
 * `--only page`: the built all-in-one app on SQLite with 1,000,000 events (times `scale`) stored,
 * its report tables caught up, and a board member and an action owner signed in through emailed
 * links. The figures: a 75-action plan's page today (from the report tables) and as at a day in
 * its middle (its streams in one read), an action's page, each the p95 of loads spread over the
 * log; the owner's My work (50 actions across 5 plans, a meeting of each); and the kB a browser fetches to show the owner's home, a plan and an action the first time.
 */
export async function runPlanPage(scale: number, log: (message: string) => void): Promise<Figure[]> {
  const dir = tempDir('bench-plan-page');
  try {
    log(`pages: writing ${Math.round(1_000_000 * scale).toLocaleString('en-GB')} events…`);
    const head = await seed(dir.path, 1_000_000 * scale);
    const planIds = Array.from({ length: Math.ceil((1_000_000 * scale) / EVENTS_PER_PLAN) }, (_, p) => `plan-${p}`);
    const app = await startApp(dir.path);
    try {
      log('pages: waiting for the report tables…');
      await reportTablesReach(dir.path, head);
      // Added now, beside the running app as an operator would, so the links are fresh (they last 15 minutes).
      const member = await signIn(app.url, addPerson(dir.path, 'Councillor Bench', 'viewer', PAGES.member).linkPath);
      const owner = await ownerWithWork(app.url, dir.path, planIds);
      const plan = (run: number) => `/app/plans/${planIds[(run * 7919) % planIds.length]}`;
      log('pages: a plan today, and as at a day…');
      const today = await p95(app, member, plan, showsPlan);
      const asAt = await p95(app, member, (run) => `${plan(run)}?asAt-day=30&asAt-month=9&asAt-year=2022`, showsPlan);
      log('pages: an action…');
      const action = await p95(
        app,
        owner,
        (run) => `/app/actions/${planIds[(run * 7919) % planIds.length]}-${(run * 31) % 75}`,
        showsAction,
      );
      log("pages: the owner's My work…");
      const myWork = await p95(app, owner, () => '/', showsMyWork);
      log('pages: first loads…');
      return [
        { name: 'sqlite.page.plan75.p95', value: today.p95, unit: 'ms' },
        { name: 'sqlite.page.plan75.cpu', value: today.cpu, unit: 'ms CPU per page' },
        { name: 'sqlite.page.plan75.asat.p95', value: asAt.p95, unit: 'ms' },
        { name: 'sqlite.page.action.p95', value: action.p95, unit: 'ms' },
        { name: 'sqlite.page.action.cpu', value: action.cpu, unit: 'ms CPU per page' },
        { name: 'sqlite.page.mywork.owner50.p95', value: myWork.p95, unit: 'ms' },
        { name: 'sqlite.page.mywork.owner50.cpu', value: myWork.cpu, unit: 'ms CPU per page' },
        ...(await firstLoads(app.url, owner, planIds)),
      ];
    } finally {
      await app.stop();
    }
  } finally {
    dir.remove();
  }
}
