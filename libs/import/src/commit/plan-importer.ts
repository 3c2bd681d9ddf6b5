import { Inject, Injectable, Optional } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { UserDirectory } from '@actionplans/auth';
import { ActionCommandMessage, AFTER_WRITE, PlanCommandMessage, type AfterWrite, type RequestContext } from '@actionplans/commands';
import { actionStream, isDomainError, planStream, RATING_SCHEMES, type RatingScheme } from '@actionplans/domain';
import { EVENT_STORE, type EventStore } from '@actionplans/event-store';
import { actionView, planState } from '@actionplans/read-models';
import { dryRun, type ImportInput } from '../dry-run';
import type { ReadOptions } from '../import-options';
import type { ImportProblem, ImportReport } from '../import.model';
import { actionChanges, closingChanges, type ActionChange, type ChangeContext } from './action-changes';
import { dateOptionProblems, importDates, type ImportDates, type ImportPaper } from './import-dates';
import { ImportIds } from './import-ids';
import { inParallel } from './in-parallel';
import { preflight, problemOf, type PlannedAction } from './import-preflight';
import { planChanges, type ImportedPlan, type PlanBody } from './plan-changes';

/** What an import is asked to do besides reading the sheet. */
export interface ImportRequest {
  plan: ImportedPlan;
  /** Names the plan across imports (default: its title): importing again with the same key amends the same plan. */
  importKey?: string;
  /** The paper the sheet is (its date, YYYY-MM-DD, and its name): progress, ratings and sign-offs are effective on its date. */
  paper?: ImportPaper;
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

/**
 * A command was refused part way (a race with another writer, or a rule the checks before sending
 * did not foresee). What was stored stays; importing the same sheet again is safe, as every id is
 * derived from the sheet and only differences are sent, so it carries on where this one stopped.
 */
export class ImportRefusedError extends Error {
  readonly code = 'IMPORT.REFUSED';
  constructor(
    readonly problem: ImportProblem,
    /** What this import stored, once the commands under way when it was refused have finished. */
    readonly stored: Record<string, number>,
    override readonly cause: unknown,
  ) {
    super(`row ${problem.row ?? '-'} column ${problem.column ?? '-'}: ${problem.problem}; import the same sheet again to finish it`);
    this.name = 'ImportRefusedError';
  }
}

/** The scheme the plan's option names (undefined: none given; null: no such ready-made scheme). */
function schemeOf(given: ImportedPlan['ratingScheme']): RatingScheme | null | undefined {
  if (given === undefined) return undefined;
  return typeof given === 'string' ? (RATING_SCHEMES[given] ?? null) : given;
}

const unknownScheme = (plan: ImportedPlan): ImportProblem => ({
  row: null,
  column: 'plan.ratingScheme',
  header: null,
  value: typeof plan.ratingScheme === 'string' ? plan.ratingScheme : null,
  code: 'IMPORT.RATING_SCHEME_UNKNOWN',
  problem: `plan.ratingScheme: no ready-made scheme is called that; choose one of ${Object.keys(RATING_SCHEMES).join(', ')}, or give the scheme in full`,
});

/** A valid import worked out: every command it will send, checked against what is stored. */
interface Prepared {
  report: ImportReport;
  ids: ImportIds;
  importId: string;
  dates: ImportDates;
  planBodies: PlanBody[];
  planned: PlannedAction[];
}

/**
 * Commits a valid sheet as commands on the CommandBus, like any other entry point: the plan (in
 * draft), its groupings, actions, links, progress and sign-offs taken from the paper, each only
 * where it differs from what is stored, so importing the same sheet again stores nothing and an
 * edited sheet stores amendments. Every command is worked out, and checked against what is
 * stored, before the first is sent.
 */
@Injectable()
export class PlanImporter {
  constructor(
    private readonly commands: CommandBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly users: UserDirectory,
    @Optional() @Inject(AFTER_WRITE) private readonly afterWrite?: AfterWrite,
  ) {}

  /** The dry run, against the users known now, with the import's dates checked. */
  check(input: ImportInput, request: ImportRequest, now = new Date().toISOString()): ImportReport {
    const scheme = schemeOf(request.plan.ratingScheme);
    const report = dryRun(input, { ...request.read, ratingScheme: scheme ?? undefined }, this.users.list());
    const options = [
      ...dateOptionProblems(now, request.paper, request.createdOn),
      ...(scheme === null ? [unknownScheme(request.plan)] : []),
    ];
    return options.length ? { ...report, valid: false, problems: [...options, ...report.problems] } : report;
  }

  /**
   * The whole dry run: the sheet checked, then every command worked out against what is stored
   * and checked for what the rules would refuse. Stores nothing.
   */
  async dryRun(input: ImportInput, request: ImportRequest, now = new Date().toISOString()): Promise<ImportReport> {
    const prepared = await this.prepare(input, request, now);
    if ('invalid' in prepared) return prepared.invalid;
    // `creates` counts the sheet; a sheet imported before creates nothing again, so say what would be sent.
    const sends: Record<string, number> = {};
    const bodies = [
      ...prepared.planBodies,
      ...prepared.planned.flatMap((item) => [...item.changes, ...item.closing].map(({ body }) => body)),
    ];
    for (const { type } of bodies) sends[type] = (sends[type] ?? 0) + 1;
    return { ...prepared.report, sends };
  }

  async commit(
    input: ImportInput,
    request: ImportRequest,
    context: RequestContext,
    progress: (done: number, total: number) => void = () => {},
  ): Promise<ImportOutcome> {
    const prepared = await this.prepare(input, request, context.now);
    if ('invalid' in prepared) throw new ImportInvalidError(prepared.invalid);
    const { report, ids, importId, dates, planBodies, planned } = prepared;
    // One correlation id for the whole import: every event it stores names it.
    const base: RequestContext = { ...context, correlationId: `import:${importId}`, waitForReaders: false, idempotency: undefined };
    const on = {
      structure: { ...base, effective: dates.structure },
      reported: { ...base, effective: dates.reported },
      signOff: { ...base, effective: dates.signOff },
    };
    const stored: Record<string, number> = {};
    let last = 0;
    const send = async (message: PlanCommandMessage | ActionCommandMessage) => {
      const outcome = await this.commands.execute(message);
      if (outcome.events.length) stored[message.body.type] = (stored[message.body.type] ?? 0) + 1;
      last = Math.max(last, outcome.position);
    };
    for (const body of planBodies) {
      await send(new PlanCommandMessage(ids.planId, body, on.structure)).catch((error: unknown) => {
        throw this.refused(error, { row: null, column: 'plan', header: null, value: ids.planId, code: '', problem: body.type }, stored);
      });
    }
    const total = planned.length * 2;
    let done = 0;
    const sendAll = async ({ action }: PlannedAction, changes: ActionChange[]) => {
      const actionId = ids.action(action.key);
      for (const { body, field } of changes) {
        const when =
          body.type === 'UpdateProgress' || body.type === 'ModerateRating'
            ? on.reported
            : body.type === 'RecordSignOffFromPaper'
              ? on.signOff
              : on.structure;
        await send(new ActionCommandMessage(actionId, body, when)).catch((error: unknown) => {
          throw this.refused(error, problemOf(report, action, field, '', `${action.key}: ${body.type}`), stored);
        });
      }
      progress(++done, total);
    };
    await inParallel(planned, (item) => sendAll(item, item.changes));
    await inParallel(planned, (item) => sendAll(item, item.closing));
    if (context.waitForReaders && last > 0) await this.afterWrite?.(last);
    return { importId, planId: ids.planId, stored, report };
  }

  private async prepare(input: ImportInput, request: ImportRequest, now: string): Promise<{ invalid: ImportReport } | Prepared> {
    const report = this.check(input, request, now);
    if (!report.valid) return { invalid: report };
    const ids = new ImportIds(request.importKey ?? request.plan.title);
    const importId = ids.importOf(report.model);
    const dates = importDates(importId, now, request.paper, request.createdOn);
    const reason = request.paper ? `imported (import ${importId}) from ${request.paper.source}` : `imported (import ${importId})`;
    const today = now.slice(0, 10);
    const change: ChangeContext = { planId: ids.planId, ids, reason, asOf: dates.asOf, today, paperSource: dates.paperSource };
    const planEvents = await this.store.readStream(planStream(ids.planId));
    const plan = planState(planEvents).state;
    const planBodies = planChanges(request.plan, report.model, plan, ids, reason);
    const planned = await inParallel(report.model.actions, async (action): Promise<PlannedAction> => {
      const view = await this.view(ids.action(action.key), today);
      return { action, view, changes: actionChanges(action, view, change), closing: closingChanges(action, view, change) };
    });
    const began = planEvents[0]?.metadata.occurredAt ?? null;
    const refusals = preflight(report, plan, began, dates.structure.at.slice(0, 10), planned);
    if (refusals.length) return { invalid: { ...report, valid: false, problems: refusals } };
    return { report, ids, importId, dates, planBodies, planned };
  }

  private refused(error: unknown, where: ImportProblem, stored: Record<string, number>): unknown {
    if (error instanceof ImportRefusedError) return error;
    const code = isDomainError(error) ? error.code : 'IMPORT.COMMAND_FAILED';
    const message = error instanceof Error || isDomainError(error) ? error.message : String(error);
    return new ImportRefusedError({ ...where, code, problem: `${where.problem} refused: ${message}` }, stored, error);
  }

  private async view(actionId: string, today: string) {
    return actionView(await this.store.readStream(actionStream(actionId)), { today, warningDays: 14, labels: {} });
  }
}
