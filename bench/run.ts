import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { PostgresEventStore } from '../libs/event-store/src/postgres/postgres-event-store';
import { SqliteEventStore } from '../libs/event-store/src/sqlite/sqlite-event-store';
import { tempDir } from '../libs/testing/src/temp-dir';
import { type Figure, runWorkload } from './workload';

/**
 * `npm run bench [-- --json] [--scale 0.1] [--only sqlite|postgres] [--no-emmett]`
 * Runs the workload on our stores and on Emmett's, in one run on this machine, and prints each
 * figure beside Emmett's with the ratio and the target.
 */
const args = process.argv.slice(2);
const json = args.includes('--json');
const scale = Number(option('--scale') ?? 1);
const only = option('--only');
const withEmmett = !args.includes('--no-emmett');
const databaseUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

/** Targets from the issue, per figure; `min` is the figure's floor. */
const TARGETS: Record<string, number> = {
  'sqlite.append.single.1writer': 2000, 'sqlite.append.single.8writers': 2000, 'sqlite.append.batch100': 50_000,
  'sqlite.read.all': 200_000, 'postgres.append.single.8writers': 1000, 'postgres.read.all': 200_000,
};

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
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query(`DROP SCHEMA "${schema}" CASCADE`);
    await client.end();
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
    cwd: folder, env: { ...process.env, DATABASE_URL: databaseUrl }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (run.status !== 0) throw new Error(`Emmett ${db} peer failed with exit code ${run.status}`);
  return run.stdout.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Figure);
}

function report(figures: Figure[], peer: Figure[]): void {
  const theirs = new Map(peer.map((f) => [f.name, f.value]));
  if (json) {
    for (const f of figures) {
      console.log(JSON.stringify(f));
      const other = theirs.get(f.name);
      if (other !== undefined) {
        console.log(JSON.stringify({ name: `emmett.${f.name}`, value: other, unit: f.unit }));
        console.log(JSON.stringify({ name: `ratio.${f.name}`, value: Number((f.value / other).toFixed(2)), unit: 'x emmett' }));
      }
    }
    return;
  }
  const rows = figures.map((f) => {
    const other = theirs.get(f.name);
    const target = TARGETS[f.name];
    return [f.name, `${f.value.toLocaleString('en-GB')} ${f.unit}`, other === undefined ? 'n/a' : other.toLocaleString('en-GB'),
      other === undefined ? 'n/a' : `${(f.value / other).toFixed(2)}x`,
      target === undefined ? '' : `${f.value >= target ? 'met' : 'MISSED'} (>= ${target.toLocaleString('en-GB')})`];
  });
  const header = ['figure', 'actionplans', 'emmett', 'ratio', 'target'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  for (const row of [header, ...rows]) console.log(row.map((cell, i) => cell.padEnd(widths[i])).join('  '));
}

async function main(): Promise<void> {
  const dbs = only ? [only] : ['sqlite', 'postgres'];
  const figures: Figure[] = [];
  const peer: Figure[] = [];
  for (const db of dbs) {
    log(`actionplans on ${db}…`);
    figures.push(...(await ours(db)));
    if (withEmmett) {
      log(`emmett on ${db}…`);
      peer.push(...emmett(db));
    }
  }
  report(figures, peer);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
