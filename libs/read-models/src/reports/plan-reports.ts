import {
  actionStream,
  planStream,
  ratingSchemeOf,
  type PlanKind,
  type PlanSource,
  type PlanStage,
  type RatingScheme,
  type StatusBasis,
} from '@actionplans/domain';
import type { EventStore } from '@actionplans/event-store';
import { planAsAt, planChanges, type ActionAsAt, type HistoryBasis, type PlanChange } from '../as-at';
import type { LiveIndex } from '../live-index';
import type { PlanIndex } from '../plan-index';
import { groupingTree, type FullSummary, type GroupingNode } from '../plan.view';
import { countedIn, disagreementOf, type CountedIn } from '../rating.view';
import type { ReadModelDb } from '../sql/read-model-db';
import { ReportQueries, type ReportAction } from '../sql/report-queries';

/** One line of a plan's action list, the same whether read live or as at a date (as at a date, it is the action's `ActionAsAt`). */
export type ActionLine = Pick<
  ActionAsAt,
  | 'actionId'
  | 'groupingId'
  | 'references'
  | 'description'
  | 'leadOwners'
  | 'originalTargetDate'
  | 'targetDate'
  | 'startDate'
  | 'status'
  | 'rating'
  | 'latestProgress'
>;

/** A line as an answer on a basis gives it: the category it counts in, and why its rating and computed status disagree, if they do. */
export type RatedLine = ActionLine & { countedIn: CountedIn | null; disagreement: string | null };

/** Which figures a report is asked on: the clock of its history, and ratings or computed status. */
export interface ReportBasis {
  history?: HistoryBasis;
  status?: StatusBasis;
}

export interface PlanReport {
  planId: string;
  title: string;
  /** The day the statuses are computed for. */
  asAt: string;
  /** `live` from the report tables; `recorded` or `effective` reconstructed from the event log. */
  basis: 'live' | HistoryBasis;
  /** Counted on the ratings or the computed status (the plan's default unless asked). */
  statusBasis: StatusBasis;
  summary: FullSummary;
  actions: RatedLine[];
}

/** A report with what a page shows around it: the plan's kind, source and stage, and its groupings as a tree, on the same day. */
export interface PlanPicture {
  report: PlanReport;
  plan: {
    kind: PlanKind | null;
    source: PlanSource | null;
    stage: Exclude<PlanStage, 'none'>;
    scheme: RatingScheme;
    warningDays: number;
    /** The body whose approval to close follows the sign-off, if the plan names one. */
    approvalToClose: string | null;
  };
  groupings: GroupingNode[];
}

const today = () => new Date().toISOString().slice(0, 10);

/**
 * A plan's figures for today from the report tables, or for any past day from the event log (the
 * plan's streams in one read, folded line by line). The API's reports and the plan pages both ask
 * here. `notFound` makes the error each caller answers a missing plan with.
 */
export class PlanReports {
  private readonly queries: ReportQueries;

  constructor(
    readModels: ReadModelDb,
    private readonly store: EventStore,
    private readonly plans: PlanIndex,
    private readonly index: LiveIndex,
    private readonly notFound: () => Error,
  ) {
    this.queries = new ReportQueries(readModels);
  }

  async report(planId: string, asAt?: string, basis: ReportBasis = {}): Promise<PlanReport> {
    return (await this.picture(planId, asAt, basis)).report;
  }

  /** Today's picture, or the one as at `asAt`. */
  async picture(planId: string, asAt?: string, basis: ReportBasis = {}): Promise<PlanPicture> {
    const picture = asAt ? await this.pictureOnDay(planId, asAt, basis) : await this.livePicture(planId, basis.status);
    if (!picture) throw this.notFound();
    return picture;
  }

  async live(planId: string, statusBasis?: StatusBasis): Promise<PlanReport> {
    const picture = await this.livePicture(planId, statusBasis);
    if (!picture) throw this.notFound();
    return picture.report;
  }

  /** From the report tables: a few keyed reads, however long the log. Null when they do not have the plan. */
  async livePicture(planId: string, statusBasis?: StatusBasis): Promise<PlanPicture | null> {
    const found = await this.queries.plan(planId);
    if (!found) return null;
    const { row, state } = found;
    const actions = await this.queries.actions(state, today());
    const day = today();
    const summary = this.queries.summary(state, actions, day, statusBasis);
    const scheme = ratingSchemeOf(state);
    const lines = rated(actions, scheme, summary.basis, day);
    const report: PlanReport = {
      planId,
      title: state.title,
      asAt: day,
      basis: 'live',
      statusBasis: summary.basis,
      summary,
      actions: lines,
    };
    const source = { body: row.source_body, date: row.source_date, judgement: row.source_judgement };
    const plan = {
      kind: row.kind,
      source,
      stage: state.stage as PlanPicture['plan']['stage'],
      scheme,
      warningDays: state.warningDays,
      approvalToClose: state.approvalToClose,
    };
    return { report, plan, groupings: groupingTree(state, actions) };
  }

  /** Submitted actions by the panel meeting they are tabled at, from the report tables. */
  async awaitingSignOff(planId: string) {
    const { state, actions } = await this.livePlan(planId);
    return { planId, asAt: today(), panels: await this.queries.awaitingSignOff(state, actions) };
  }

  private async livePlan(planId: string) {
    const plan = await this.queries.plan(planId);
    if (!plan) throw this.notFound();
    return { ...plan, actions: await this.queries.actions(plan.state, today()) };
  }

  /** Rebuilt from the plan's and its actions' streams, so it is exact and needs no report table. */
  async reconstructed(planId: string, asAt: string, basis: ReportBasis): Promise<PlanReport> {
    const report = await this.onDay(planId, asAt, basis);
    if (!report) throw this.notFound();
    return report;
  }

  /** The plan as at the end of a day, or null when it did not exist then (a day compared beside another). */
  async onDay(planId: string, asAt: string, basis: ReportBasis): Promise<PlanReport | null> {
    return (await this.pictureOnDay(planId, asAt, basis))?.report ?? null;
  }

  async pictureOnDay(planId: string, asAt: string, { history = 'effective', status }: ReportBasis): Promise<PlanPicture | null> {
    const { past } = await this.past(planId, asAt, history, status);
    if (!past) return null;
    const { summary, plan } = past;
    const actions = rated(past.actions.map(lineOf), plan.ratingScheme, summary.basis, asAt);
    const report: PlanReport = { planId, title: plan.title, asAt, basis: history, statusBasis: summary.basis, summary, actions };
    const { kind, source, stage, ratingScheme: scheme, warningDays, approvalToClose } = plan;
    return { report, plan: { kind, source, stage, scheme, warningDays, approvalToClose }, groupings: plan.groupings };
  }

  /** The whole plan as at the end of `asAt` (null if it did not exist then), and the log position read up to. */
  async past(planId: string, asAt: string, basis: HistoryBasis, statusBasis?: StatusBasis) {
    const { planEvents, actionStreams } = await this.streams(planId);
    const position = Math.max(0, ...[planEvents, ...actionStreams].flat().map((event) => event.position));
    return { past: planAsAt({ planEvents, actionStreams, asAt, basis, statusBasis }), position };
  }

  /** What changed between the ends of two days, on the basis asked. */
  async changes(planId: string, from: string, to: string, basis: HistoryBasis): Promise<PlanChange[]> {
    const { planEvents, actionStreams } = await this.streams(planId);
    return planChanges({ planEvents, actionStreams, from, to, basis });
  }

  async streams(planId: string) {
    await this.index.catchUpToHead(5_000);
    const ids = this.plans.entry(planId)?.actionIds ?? [];
    const [planEvents, ...actionStreams] = await this.store.readStreams([planStream(planId), ...ids.map(actionStream)]);
    if (planEvents.length === 0) throw this.notFound();
    return { planEvents, actionStreams };
  }
}

/** Each line with the category it counts in on the basis, and the disagreement between its rating and computed status. */
function rated<L extends ActionLine>(lines: L[], scheme: RatingScheme, basis: StatusBasis, day: string): Array<L & RatedLine> {
  return lines.map((line) => ({
    ...line,
    countedIn: countedIn(scheme, line, basis),
    disagreement: disagreementOf(scheme, line, day)?.why ?? null,
  }));
}

/**
 * An action rebuilt from its stream, in the shape the live list gives it: a report carries no
 * evidence (restricted or not), submissions or reminder recipients; the plan goes without saying.
 */
function lineOf({ planId: _plan, signedOff, ...line }: ActionAsAt): ActionLine & Pick<ReportAction, 'stage' | 'duplicateOf' | 'signedOff'> {
  // A report's line names the panel's sign-off, as the live list does; a pack lists every kind.
  const byPanel = signedOff?.kind === 'panel' ? { panelId: signedOff.panelId, at: signedOff.at, rationale: signedOff.rationale } : null;
  return { ...line, signedOff: byPanel };
}
