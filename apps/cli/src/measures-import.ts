import { existsSync, readFileSync } from 'node:fs';
import { CommandBus } from '@nestjs/cqrs';
import { acting, MeasureCommandMessage } from '@actionplans/commands';
import { loadConfig } from '@actionplans/config';
import { measureDecider, measureStream, type Actor } from '@actionplans/domain';
import { openEventStore, type EventStore } from '@actionplans/event-store';
import {
  checkActuals,
  csvSheets,
  describeActualsProblem,
  openImportContext,
  UnreadableSheetError,
  type MeasureCandidate,
} from '@actionplans/import';
import { PlanIndex } from '@actionplans/read-models';
import { CliRefusal } from './audit';
import { say } from './printable';

export interface MeasuresImportOptions {
  /** The plan whose measures the rows name; left out, every plan's. */
  plan?: string;
  dryRun?: boolean;
  /** Who records the figures: the measures' owner, a plan manager or an admin; a user id or email. */
  as?: string;
}

/**
 * `actionplans measures import FILE.csv`: every row checked as the measures would decide it; any
 * problem is reported by row, column and value and nothing is stored; otherwise (and not a dry
 * run) each figure is recorded through the CommandBus as the user `--as`.
 */
export async function importActuals(file: string, options: MeasuresImportOptions): Promise<void> {
  if (!existsSync(file)) throw new CliRefusal('IMPORT.FILE_NOT_FOUND', `${file}: no such file`);
  const sheet = await csvSheets.read(readFileSync(file)).catch((error: unknown) => {
    if (error instanceof UnreadableSheetError) throw new CliRefusal('IMPORT.UNREADABLE', `${file}: ${error.message}`);
    throw error;
  });
  const store = await openEventStore(loadConfig());
  const { app, users, close } = await openImportContext(store, { abortOnError: false });
  try {
    const who = users
      .list()
      .find((user) => !user.disabled && options.as !== undefined && (user.userId === options.as || user.email === options.as));
    if (!who)
      throw new CliRefusal(
        'IMPORT.WHO',
        `--as: name who records the figures, by user id or email${options.as ? ` ("${options.as}" is neither)` : ''}`,
      );
    const actor: Actor = { userId: who.userId, role: who.role };
    const plans = app.get(PlanIndex);
    if (options.plan && !plans.entry(options.plan)) throw new CliRefusal('PLAN.NOT_FOUND', `--plan: there is no plan ${options.plan}`);
    const ids = (options.plan ? [plans.entry(options.plan)!] : plans.list()).flatMap((plan) => plan.measureIds);
    const { figures, problems } = checkActuals(sheet, await candidates(store, ids), actor, new Date().toISOString());
    if (problems.length) {
      say(`${problems.length} problem${problems.length === 1 ? '' : 's'}, nothing recorded:`);
      for (const problem of problems) say(`  ${describeActualsProblem(problem)}`);
      process.exitCode = 1;
      return;
    }
    if (options.dryRun) {
      console.log(`dry run, nothing stored: would record ${figures.length} figure${figures.length === 1 ? '' : 's'}`);
      return;
    }
    const commands = app.get(CommandBus);
    for (const { measureId, command } of figures) {
      const { type, period, periodEnd, value, provisional, note } = command;
      await commands.execute(new MeasureCommandMessage(measureId, { type, period, periodEnd, value, provisional, note }, acting(actor)));
    }
    console.log(`recorded ${figures.length} figure${figures.length === 1 ? '' : 's'}`);
  } finally {
    await close();
  }
}

async function candidates(store: EventStore, ids: string[]): Promise<MeasureCandidate[]> {
  const streams = await store.readStreams(ids.map(measureStream));
  return streams.flatMap((events) => {
    const state = events.reduce(
      (folded, event) => measureDecider.evolve(folded, measureDecider.decode(event)),
      measureDecider.initialState,
    );
    return state.defined && state.details ? [{ measureId: state.measureId!, name: state.details.name, state, version: events.length }] : [];
  });
}
