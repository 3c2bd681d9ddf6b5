import { SingleBar } from 'cli-progress';
import { existsSync, readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { UserDirectory } from '@actionplans/auth';
import { acting } from '@actionplans/commands';
import { loadConfig } from '@actionplans/config';
import { openEventStore } from '@actionplans/event-store';
import {
  csvSheets,
  ImportInvalidError,
  ImportRefusedError,
  openImportContext,
  type PlanImporter,
  xlsxSheets,
  type ImportProblem,
  type ImportReport,
  type ImportRequest,
} from '@actionplans/import';
import { CliRefusal } from './audit';
import { say } from './printable';

export interface ImportCliOptions {
  dryRun?: boolean;
  /** JSON, or a file of it: the same options as POST /plans/import (plan, paper, createdOn, mapping, statuses, groupingKinds). */
  options?: string;
  mapping?: string;
  key?: string;
  /** The plan manager or admin the import is recorded as: a user id or email. */
  as?: string;
}

/** JSON given inline, or the name of a file holding it. */
function jsonOf(given: string, what: string): Record<string, unknown> {
  const text = existsSync(given) ? readFileSync(given, 'utf8') : given;
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new CliRefusal('IMPORT.OPTIONS_INVALID', `--${what}: neither JSON nor a file of JSON`);
  }
}

/** The options as the HTTP import takes them; a plan titled after the file when none is named. */
export function importRequestOf(file: string, options: ImportCliOptions): ImportRequest {
  const given = options.options ? jsonOf(options.options, 'options') : {};
  const plan = (given.plan ?? {}) as Partial<ImportRequest['plan']> & { statusLabels?: Record<string, string> };
  return {
    plan: {
      title: plan.title ?? basename(file, extname(file)),
      kind: plan.kind ?? 'other',
      source: {
        body: plan.source?.body ?? 'the council',
        date: plan.source?.date ?? new Date().toISOString().slice(0, 10),
        judgement: plan.source?.judgement ?? null,
      },
      statusLabels: plan.statusLabels,
      ratingScheme: plan.ratingScheme,
    },
    importKey: options.key ?? (given.importKey as string | undefined),
    paper: given.paper as ImportRequest['paper'],
    createdOn: given.createdOn as string | undefined,
    read: {
      mapping: options.mapping ? jsonOf(options.mapping, 'mapping') : (given.mapping as ImportRequest['read']['mapping']),
      statuses: given.statuses as string[] | undefined,
      statusLabels: plan.statusLabels,
      groupingKinds: given.groupingKinds as ImportRequest['read']['groupingKinds'],
    },
  };
}

/** One problem as a person reads it: where, what the cell holds, what is wrong. */
export const describeProblem = (p: ImportProblem) =>
  `row ${p.row ?? '-'}, column ${p.column ?? '-'}${p.header ? ` (${p.header})` : ''}${p.value ? `, "${p.value.slice(0, 60)}"` : p.holds ? `, the row holds "${p.holds}"` : ''}: ${p.code}: ${p.problem}`;

function printReport(report: ImportReport): void {
  const c = report.creates;
  say(
    `${report.rows} rows: ${c.groupings} groupings, ${c.actions} actions, ${c.links} links, ${c.progress} progress updates, ${c.signOffs} sign-offs from the paper`,
  );
  for (const lead of report.leads) say(`lead "${lead.name}": ${lead.matchedBy}${lead.userId ? ` (user ${lead.userId})` : ''}`);
  for (const date of report.dates) say(`row ${date.row}, column ${date.column ?? '-'}: "${date.written}" → ${date.read}`);
  for (const note of report.notes) say(`row ${note.row}: ${note.note}`);
  if (report.problems.length) say(`${report.problems.length} problem${report.problems.length === 1 ? '' : 's'}, nothing imported:`);
  for (const problem of report.problems) say(`  ${describeProblem(problem)}`);
}

/** `actionplans import FILE`: the dry run, or the commit on the CommandBus with a progress bar on stderr. */
export async function importPlan(file: string, options: ImportCliOptions): Promise<void> {
  if (!existsSync(file)) throw new CliRefusal('IMPORT.FILE_NOT_FOUND', `${file}: no such file`);
  const request = importRequestOf(file, options);
  const bytes = readFileSync(file);
  const sheet = await (extname(file).toLowerCase() === '.csv' ? csvSheets : xlsxSheets).read(bytes);
  const { importer, users, close } = await openImportContext(await openEventStore(loadConfig()), { abortOnError: false });
  try {
    if (options.dryRun) {
      const report = await importer.dryRun({ sheet }, request);
      printReport(report);
      const sends = Object.entries(report.sends ?? {}).map(([type, count]) => `${count} ${type}`);
      if (report.valid) console.log(`dry run, nothing stored: ${sends.length ? `would store ${sends.join(', ')}` : 'nothing to change'}`);
      process.exitCode = report.valid ? 0 : 1;
      return;
    }
    await commit(importer, users, { sheet }, request, options.as);
  } finally {
    await close();
  }
}

async function commit(
  importer: PlanImporter,
  users: UserDirectory,
  input: { sheet: Awaited<ReturnType<typeof xlsxSheets.read>> },
  request: ImportRequest,
  as?: string,
) {
  const who = users.list().find((user) => !user.disabled && (user.userId === as || (as !== undefined && user.email === as)));
  if (!who || (who.role !== 'plan manager' && who.role !== 'admin')) {
    throw new CliRefusal(
      'IMPORT.WHO',
      `--as: name the plan manager or admin the import is recorded as, by user id or email${as ? ` ("${as}" is neither)` : ''}`,
    );
  }
  const bar = new SingleBar({
    format: 'importing [{bar}] {percentage}% | {value}/{total} | {eta_formatted} left',
    stream: process.stderr,
    noTTYOutput: !process.stderr.isTTY,
    notTTYSchedule: 5_000,
  });
  bar.start(1, 0);
  try {
    const outcome = await importer.commit(input, request, acting({ userId: who.userId, role: who.role }), (done, total) => {
      bar.setTotal(total);
      bar.update(done);
    });
    bar.stop();
    printReport(outcome.report);
    const stored = Object.entries(outcome.stored).map(([type, count]) => `${count} ${type}`);
    console.log(
      `import ${outcome.importId} into plan ${outcome.planId}: ${stored.length ? `stored ${stored.join(', ')}` : 'nothing to change'}`,
    );
    const proposed = outcome.stored.RecordSignOffFromPaper ?? 0;
    if (proposed)
      console.log(
        `${proposed} sign-off(s) from the paper are proposed: each completes its action once another plan manager or an admin confirms it (the plan's "Sign-offs waiting for confirmation" page, or POST /plans/${outcome.planId}/proposed-sign-offs/confirmation)`,
      );
  } catch (error) {
    bar.stop();
    if (error instanceof ImportInvalidError) {
      printReport(error.report);
      process.exitCode = 1;
      return;
    }
    if (error instanceof ImportRefusedError)
      throw new CliRefusal(error.problem.code, `${describeProblem(error.problem)}; import the same file again to finish`);
    throw error;
  }
}
