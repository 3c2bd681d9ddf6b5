import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PostgresEventStore, SqliteEventStore } from '@actionplans/event-store';
import { dropSchemas, tempDir } from '@actionplans/testing';
import { runHttp } from './http';
import { runImport } from './import';
import { runNotifications } from './notifications';
import { runPlatforms } from './platforms';
import { runReadSide } from './read-side';
import { runReminders } from './reminders';
import { runStartup } from './startup';
import { runPlanPage } from './plan-page';
import { runPacks } from './packs';
import { type Figure, runWorkload } from './workload';

/**
 * `npm run bench [-- --json] [--runs 3] [--scale 0.1] [--only sqlite|postgres|readside|reminders|http|platforms|import|startup|page|packs|notifications] [--no-emmett]`
 * Runs the workload on our stores and on Emmett's, alternately, `--runs` times on this machine,
 * and prints the median of each figure (with its range) beside Emmett's, the ratio and the target.
 * Medians, because a figure of one run on a shared 2-core VM varies by ±20%.
 */
const args = process.argv.slice(2);
const json = args.includes('--json');
const scale = Number(option('--scale') ?? 1);
const runs = Number(option('--runs') ?? 3);
const only = option('--only');
const withEmmett = !args.includes('--no-emmett');
const databaseUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

/** Targets from the issue, per figure; `min` is the figure's floor. */
const TARGETS: Record<string, number> = {
  'sqlite.append.single.1writer': 2000,
  'sqlite.append.single.8writers': 2000,
  'sqlite.append.batch100': 50_000,
  'sqlite.read.all': 200_000,
  'postgres.append.single.8writers': 1000,
  'postgres.read.all': 200_000,
  'sqlite.readmodels.replay': 50_000,
  'reminders.bullmq.smtp': 500,
  'http.progress.commands': 1000,
  // Issue 15: signed outbound webhook deliveries to a local receiver, each attempt in the delivery log.
  'notifications.webhook.deliveries': 200,
};
/** Targets a figure must stay at or under (latencies). */
const CEILINGS: Record<string, number> = {
  'sqlite.asat.plan75.3y.p95': 25,
  // Issue 13: an owner's work list (50 actions across 5 plans) with 1,000,000 events stored.
  'sqlite.mywork.owner50.p95': 30,
  // Issue 13: seconds from starting the app again on 1,000,000 events to its first answers.
  'sqlite.startup.first-answer.1m': 5,
  // Issue 13: server time of a 75-action plan's page, signed in, with 1,000,000 events stored.
  'sqlite.page.plan75.p95': 30,
  // Issue 13: server time of an action's page (42 events: progress, evidence, a revision), likewise.
  'sqlite.page.action.p95': 20,
  // Issue 13: server time of My work for an owner of 50 actions across 5 plans, likewise.
  'sqlite.page.mywork.owner50.p95': 30,
  // Issue 13: kB on the wire for a first load (HTML, CSS and JavaScript; fonts and images aside) of the main pages.
  'web.firstload.home.kb': 100,
  'web.firstload.plan75.kb': 100,
  'web.firstload.action.kb': 100,
  'reminders.due.100k': 1000,
  'http.progress.p99': 50,
  'http.progress.errors': 0,
  'http.progress.hot1.errors': 0,
  'http.rss.peak': 300,
  // Issue 12: a 1,000-action sheet's dry run within 2 s and its commit within 5 s, on either store.
  'import.sqlite.dryrun.1000': 2000,
  'import.sqlite.commit.1000': 5000,
  'import.postgres.dryrun.1000': 2000,
  'import.postgres.commit.1000': 5000,
  // Express against Fastify has no target: every answer must still be 2xx for the figures to mean anything.
  'platforms.express.errors': 0,
  'platforms.express.noop.errors': 0,
  'platforms.fastify.errors': 0,
  'platforms.fastify.noop.errors': 0,
  // Issue 15: a 75-action plan's committee pack as HTML within 200 ms, and as PDF within 3 s (the browser already started).
  'pack.html.plan75.p95': 200,
  'pack.pdf.plan75.p95': 3000,
};

/** Units always printed to one decimal place, so 61.0 kB does not read as a rounded 61. */
const DECIMALS: Record<string, number> = { kB: 1, 'ms CPU per page': 1 };

function option(name: string): string | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

async function ours(db: string): Promise<Figure[]> {
  if (db === 'sqlite') {
    const dir = tempDir('bench');
    const store = new SqliteEventStore({ file: join(dir.path, 'events.db') });
    try {
      return await runWorkload('sqlite', store, scale);
    } finally {
      await store.close();
      dir.remove();
    }
  }
  const schema = `bench_${Date.now()}`;
  const store = await PostgresEventStore.open({ connectionString: databaseUrl, schema, poolSize: 16 });
  try {
    return await runWorkload('postgres', store, scale);
  } finally {
    await store.close();
    await dropSchemas(databaseUrl, schema);
  }
}

/** Runs Emmett's peer for one database in its own folder, installing it on first use. */
function emmett(db: string): Figure[] {
  const folder = join(__dirname, db === 'sqlite' ? 'emmett-sqlite' : 'emmett-postgresql');
  if (!existsSync(join(folder, 'node_modules'))) {
    log(`installing ${folder} (first run only)…`);
    execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: folder, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const run = spawnSync('node', ['run.mjs', '--events-scale', String(scale)], {
    cwd: folder,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (run.status !== 0) throw new Error(`Emmett ${db} peer failed with exit code ${run.status}`);
  return run.stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Figure);
}

/** Median of each figure over the runs, with the lowest and highest value seen. */
interface Summary extends Figure {
  low: number;
  high: number;
}

function summarise(figures: Figure[]): Map<string, Summary> {
  const byName = new Map<string, Figure[]>();
  for (const f of figures) byName.set(f.name, [...(byName.get(f.name) ?? []), f]);
  return new Map(
    [...byName].map(([name, all]) => {
      const values = all.map((f) => f.value).sort((a, b) => a - b);
      const median = values[Math.floor(values.length / 2)];
      return [name, { name, unit: all[0].unit, value: median, low: values[0], high: values[values.length - 1] }];
    }),
  );
}

function report(ours: Map<string, Summary>, theirs: Map<string, Summary>): void {
  if (json) {
    for (const f of ours.values()) {
      console.log(JSON.stringify({ name: f.name, value: f.value, unit: f.unit }));
      const other = theirs.get(f.name);
      if (!other) continue;
      console.log(JSON.stringify({ name: `emmett.${f.name}`, value: other.value, unit: f.unit }));
      console.log(JSON.stringify({ name: `ratio.${f.name}`, value: Number((f.value / other.value).toFixed(2)), unit: 'x emmett' }));
    }
    return;
  }
  const n = (value: number, decimals?: number) =>
    value.toLocaleString('en-GB', decimals === undefined ? {} : { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  const rows = [...ours.values()].map((f) => {
    const other = theirs.get(f.name);
    const target = TARGETS[f.name];
    const decimals = DECIMALS[f.unit];
    return [
      f.name,
      `${n(f.value, decimals)} ${f.unit}`,
      `${n(f.low, decimals)}-${n(f.high, decimals)}`,
      other ? n(other.value) : 'n/a',
      other ? `${(f.value / other.value).toFixed(2)}x` : 'n/a',
      target !== undefined
        ? `${f.value >= target ? 'met' : 'MISSED'} (>= ${n(target)})`
        : CEILINGS[f.name] !== undefined
          ? `${f.value <= CEILINGS[f.name] ? 'met' : 'MISSED'} (<= ${n(CEILINGS[f.name])})`
          : '',
    ];
  });
  const header = ['figure', `actionplans (median of ${runs})`, 'range', 'emmett', 'ratio', 'target'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  for (const row of [header, ...rows]) console.log(row.map((cell, i) => cell.padEnd(widths[i])).join('  '));
}

async function main(): Promise<void> {
  const dbs = only ? [only].filter((db) => db === 'sqlite' || db === 'postgres') : ['sqlite', 'postgres'];
  const readSide = !only || only === 'readside';
  const reminders = !only || only === 'reminders';
  const notifying = !only || only === 'notifications';
  const http = !only || only === 'http';
  const platforms = !only || only === 'platforms';
  const importing = !only || only === 'import';
  const startup = !only || only === 'startup';
  const planPage = !only || only === 'page';
  const packs = !only || only === 'packs';
  const figures: Figure[] = [];
  const peer: Figure[] = [];
  for (let run = 1; run <= runs; run += 1) {
    for (const db of dbs) {
      log(`run ${run}/${runs}: actionplans on ${db}…`);
      figures.push(...(await ours(db)));
      if (withEmmett) {
        log(`run ${run}/${runs}: emmett on ${db}…`);
        peer.push(...emmett(db));
      }
    }
    if (readSide) {
      log(`run ${run}/${runs}: read side on sqlite…`);
      figures.push(...(await runReadSide(scale, log)));
    }
    if (reminders) {
      log(`run ${run}/${runs}: reminders…`);
      figures.push(...(await runReminders(scale, process.env.REDIS_URL || 'redis://127.0.0.1:6379', log)));
    }
    if (notifying) {
      log(`run ${run}/${runs}: outbound webhook deliveries…`);
      figures.push(...(await runNotifications(scale, log)));
    }
    if (http) {
      log(`run ${run}/${runs}: update-progress over HTTP…`);
      figures.push(...(await runHttp(scale, log)));
    }
    if (platforms) {
      log(`run ${run}/${runs}: update-progress on Express and on Fastify…`);
      figures.push(...(await runPlatforms(run, log)));
    }
    if (importing) {
      log(`run ${run}/${runs}: importing a 1,000-action sheet…`);
      figures.push(...runImport(scale, databaseUrl, log));
    }
    if (startup) {
      log(`run ${run}/${runs}: starting the app again on a full log…`);
      figures.push(...(await runStartup(scale, log)));
    }
    if (planPage) {
      log(`run ${run}/${runs}: a board member's plan page, an owner's action page and first loads on a full log…`);
      figures.push(...(await runPlanPage(scale, log)));
    }
    if (packs) {
      log(`run ${run}/${runs}: a 75-action plan's committee pack as HTML and as PDF…`);
      figures.push(...(await runPacks(log)));
    }
  }
  report(summarise(figures), summarise(peer));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
