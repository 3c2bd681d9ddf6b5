import { Inject, Injectable, Optional } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { UserDirectory } from '@actionplans/auth';
import { ActionCommandMessage, AFTER_WRITE, PlanCommandMessage, type AfterWrite, type RequestContext } from '@actionplans/commands';
import { actionStream, planStream, type Effective } from '@actionplans/domain';
import { EVENT_STORE, type EventStore } from '@actionplans/event-store';
import { actionView, planState } from '@actionplans/read-models';
import { dryRun, type ImportInput } from '../dry-run';
import type { ReadOptions } from '../import-options';
import type { ImportReport } from '../import.model';
import { actionChanges, linkChanges, type ChangeContext } from './action-changes';
import { ImportIds } from './import-ids';
import { planChanges, type ImportedPlan } from './plan-changes';

/** What an import is asked to do besides reading the sheet. */
export interface ImportRequest {
  plan: ImportedPlan;
  /** Names the plan across imports (default: its title): importing again with the same key amends the same plan. */
  importKey?: string;
  /** The paper the sheet is (its date, YYYY-MM-DD, and its name): progress is as of that day, and effective then. */
  paper?: { date: string; source: string };
  /** The day the plan, its groupings and actions began (e.g. submitted on 2021-01-11); default the paper's date. */
  createdOn?: string;
  read: ReadOptions;
}

export interface ImportOutcome {
  importId: string;
  planId: string;
  /** The commands stored, by type: an import of the same sheet again stores none. */
  stored: Record<string, number>;
  report: ImportReport;
}

/** The sheet has problems: nothing was stored. */
export class ImportInvalidError extends Error {
  readonly code = 'IMPORT.INVALID';
  constructor(readonly report: ImportReport) {
    super(`the sheet has ${report.problems.length} problem${report.problems.length === 1 ? '' : 's'}: nothing was imported`);
    this.name = 'ImportInvalidError';
  }
}

/** Actions are independent streams: a few are written at once, the plan's own stream one command at a time. */
const CONCURRENCY = 8;

/**
 * Commits a valid sheet as commands on the CommandBus, like any other entry point: the plan (in
 * draft), its groupings, actions, links and progress, each only where it differs from what is
 * stored, so importing the same sheet again stores nothing and an edited sheet stores amendments.
 */
@Injectable()
export class PlanImporter {
  constructor(
    private readonly commands: CommandBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly users: UserDirectory,
    @Optional() @Inject(AFTER_WRITE) private readonly afterWrite?: AfterWrite,
  ) {}

  /** The dry run, against the users known now. */
  check(input: ImportInput, request: ImportRequest): ImportReport {
    return dryRun(input, request.read, this.users.list());
  }

  async commit(
    input: ImportInput,
    request: ImportRequest,
    context: RequestContext,
    progress: (done: number, total: number) => void = () => {},
  ): Promise<ImportOutcome> {
    const report = this.check(input, request);
    if (!report.valid) throw new ImportInvalidError(report);
    const ids = new ImportIds(request.importKey ?? request.plan.title);
    const importId = ids.importOf(report.model);
    const reason = request.paper ? `imported (import ${importId}) from ${request.paper.source}` : `imported (import ${importId})`;
    const stored: Record<string, number> = {};
    let last = 0;
    // One correlation id for the whole import: every event it stores names it.
    const base: RequestContext = { ...context, correlationId: `import:${importId}`, waitForReaders: false, idempotency: undefined };
    const structure = {
      ...base,
      effective: effectiveOn(request.createdOn ?? request.paper?.date, importId, request.paper?.source, context.now),
    };
    const reported = { ...base, effective: effectiveOn(request.paper?.date, importId, request.paper?.source, context.now) };
    const send = async (message: PlanCommandMessage | ActionCommandMessage) => {
      const outcome = await this.commands.execute(message);
      if (outcome.events.length) stored[message.body.type] = (stored[message.body.type] ?? 0) + 1;
      last = Math.max(last, outcome.position);
    };

    const plan = planState(await this.store.readStream(planStream(ids.planId))).state;
    for (const body of planChanges(request.plan, report.model, plan, ids, reason)) {
      await send(new PlanCommandMessage(ids.planId, body, structure));
    }
    const today = context.now.slice(0, 10);
    const change: ChangeContext = { planId: ids.planId, ids, reason, asOf: request.paper?.date ?? today, today };
    const actions = report.model.actions;
    const total = actions.length * 2;
    let done = 0;
    await inParallel(actions, async (action) => {
      const actionId = ids.action(action.key);
      for (const body of actionChanges(action, await this.view(actionId, today), change)) {
        await send(new ActionCommandMessage(actionId, body, body.type === 'UpdateProgress' ? reported : structure));
      }
      progress(++done, total);
    });
    await inParallel(actions, async (action) => {
      const actionId = ids.action(action.key);
      for (const body of linkChanges(action, await this.view(actionId, today), change)) {
        await send(new ActionCommandMessage(actionId, body, structure));
      }
      progress(++done, total);
    });
    if (context.waitForReaders && last > 0) await this.afterWrite?.(last);
    return { importId, planId: ids.planId, stored, report };
  }

  private async view(actionId: string, today: string) {
    return actionView(await this.store.readStream(actionStream(actionId)), { today, warningDays: 14, labels: {} });
  }
}

/** A day the import names is effective then; with none, the import happened now. The source always names the import. */
function effectiveOn(day: string | undefined, importId: string, paper: string | undefined, now: string): Effective {
  const source = paper ? `${paper} (import ${importId})` : `import ${importId}`;
  return day ? { at: `${day}T00:00:00.000Z`, precision: 'day', source } : { at: now, precision: 'moment', source };
}

async function inParallel<T>(items: T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
}
