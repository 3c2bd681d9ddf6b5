import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { acting } from '@actionplans/commands';
import { PostgresEventStore, SqliteEventStore, type ConfiguredEventStore } from '@actionplans/event-store';
import { openImportContext, type ImportRequest, type JsonRow } from '@actionplans/import';
import { dropSchemas, tempDir } from '@actionplans/testing';
import type { Figure } from './workload';

const manager = acting({ userId: 'bench-manager', role: 'plan manager' });

/** A 1,000-action sheet as a council keeps it: ten recommendations, progress on most rows, a third complete on the paper. */
function sheetRows(count: number): JsonRow[] {
  return Array.from({ length: count }, (_, i) => ({
    reference: `${Math.floor(i / 100) + 1}.${(i % 100) + 1}`,
    action: `Action ${i + 1}: audit a sample of cases and report the findings to the board`,
    leads: i % 2 ? 'Head of Service' : 'YOT Performance Manager',
    targetDate: ['Mar-21', 'Jun-21', '45016', 'Ongoing'][i % 4],
    progress: i % 5 ? `Update ${i + 1}: work progressing` : null,
    status: i % 3 ? 'on track' : 'complete',
  }));
}

const request = (title: string): ImportRequest => ({
  plan: { title, kind: 'other', source: { body: 'the council', date: '2021-01-01', judgement: null } },
  paper: { date: '2021-07-15', source: 'Board paper, 15 July 2021' },
  createdOn: '2021-01-11',
  read: {},
});

/** Dry run and commit of a 1,000-action sheet (as JSON rows) on one store, in milliseconds. */
async function measure(db: 'sqlite' | 'postgres', store: ConfiguredEventStore, count: number): Promise<Figure[]> {
  const { importer: planImporter, close } = await openImportContext(store);
  try {
    const rows = sheetRows(count);
    const asked = request(`Bench plan ${Date.now()}`);
    let started = performance.now();
    const report = await planImporter.dryRun({ rows }, asked);
    const dryRun = performance.now() - started;
    if (!report.valid) throw new Error(`the bench sheet has problems: ${JSON.stringify(report.problems.slice(0, 3))}`);
    started = performance.now();
    await planImporter.commit({ rows }, asked, manager);
    const commit = performance.now() - started;
    return [
      { name: `import.${db}.dryrun.${count}`, value: dryRun, unit: 'ms' },
      { name: `import.${db}.commit.${count}`, value: commit, unit: 'ms' },
    ];
  } finally {
    await close();
  }
}

/**
 * Run by `bench/import.ts` in a process of its own, compiled by swc (see swc-register.cjs): Nest
 * injects by type only with decorator metadata, which tsx does not emit. Prints one JSON figure a line.
 */
async function main(): Promise<void> {
  const [db, count, databaseUrl] = [process.env.STORE as 'sqlite' | 'postgres', Number(process.env.COUNT), process.env.DATABASE_URL!];
  let figures: Figure[];
  if (db === 'sqlite') {
    const dir = tempDir('bench-import');
    try {
      figures = await measure('sqlite', new SqliteEventStore({ file: join(dir.path, 'events.db') }), count);
    } finally {
      dir.remove();
    }
  } else {
    const schema = `bench_import_${Date.now()}`;
    try {
      figures = await measure('postgres', await PostgresEventStore.open({ connectionString: databaseUrl, schema, poolSize: 16 }), count);
    } finally {
      await dropSchemas(databaseUrl, schema);
    }
  }
  for (const figure of figures) process.stdout.write(`${JSON.stringify(figure)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
