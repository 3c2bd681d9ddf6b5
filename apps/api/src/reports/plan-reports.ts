import { Inject, Injectable } from '@nestjs/common';
import {
  ratingSchemeOf,
  type CanonicalStatus,
  type Owner,
  type RatingScheme,
  type StartDate,
  type StatusBasis,
  type TargetDate,
} from '@actionplans/domain';
import { EVENT_STORE, type ConfiguredEventStore } from '@actionplans/event-store';
import {
  countedIn,
  disagreementOf,
  LiveIndex,
  PlanIndex,
  planAsAt,
  ReportQueries,
  type ActionAsAt,
  type CountedIn,
  type FullSummary,
  type ReadModelDb,
  type RecordedRating,
  type ReportAction,
} from '@actionplans/read-models';
import { problem, ProblemError } from '../http/problem';
import { READ_MODEL_DB } from '../read-model-db.token';
import { actionStream, planStream } from '@actionplans/domain';

/** One line of a plan's action list, the same whether read live or as at a date. */
export interface ActionLine {
  actionId: string;
  groupingId: string;
  references: string[];
  description: string;
  leadOwners: Owner[];
  originalTargetDate: TargetDate | null;
  targetDate: TargetDate | null;
  startDate: StartDate | null;
  /** Computed by the engine from the facts and the day. */
  status: { status: CanonicalStatus; label: string; reason: string };
  /** The latest rating recorded (a category key of the plan's scheme), null if never rated. */
  rating: RecordedRating | null;
  latestProgress: { assessment: string; asOf: string; commentary: string } | null;
}

/** A line as an answer on a basis gives it: the category it counts in, and why its rating and computed status disagree, if they do. */
export type RatedLine = ActionLine & { countedIn: CountedIn | null; disagreement: string | null };

/** Which figures a report is asked on: the clock of its history, and ratings or computed status. */
export interface ReportBasis {
  history?: 'recorded' | 'effective';
  status?: StatusBasis;
}

export interface PlanReport {
  planId: string;
  title: string;
  /** The day the statuses are computed for. */
  asAt: string;
  /** `live` from the report tables; `recorded` or `effective` reconstructed from the event log. */
  basis: 'live' | 'recorded' | 'effective';
  /** Counted on the ratings or the computed status (the plan's default unless asked). */
  statusBasis: StatusBasis;
  summary: FullSummary;
  actions: RatedLine[];
}

const today = () => new Date().toISOString().slice(0, 10);
const notFound = () => new ProblemError(problem(404, 'PLAN.NOT_FOUND', 'there is no such plan (on that date)'));

/** A plan's figures for today from the report tables, or for any past day from the event log. */
@Injectable()
export class PlanReports {
  private readonly queries: ReportQueries;

  constructor(
    @Inject(READ_MODEL_DB) readModels: ReadModelDb,
    @Inject(EVENT_STORE) private readonly store: ConfiguredEventStore,
    private readonly plans: PlanIndex,
    private readonly index: LiveIndex,
  ) {
    this.queries = new ReportQueries(readModels);
  }

  async report(planId: string, asAt?: string, basis: ReportBasis = {}): Promise<PlanReport> {
    return asAt ? this.reconstructed(planId, asAt, basis) : this.live(planId, basis.status);
  }

  async live(planId: string, statusBasis?: StatusBasis): Promise<PlanReport> {
    const { state, actions } = await this.livePlan(planId);
    const summary = this.queries.summary(state, actions, today(), statusBasis);
    const lines = rated(actions, ratingSchemeOf(state), summary.basis, today());
    return { planId, title: state.title, asAt: today(), basis: 'live', statusBasis: summary.basis, summary, actions: lines };
  }

  /** Submitted actions by the panel meeting they are tabled at, from the report tables. */
  async awaitingSignOff(planId: string) {
    const { state, actions } = await this.livePlan(planId);
    return { planId, asAt: today(), panels: await this.queries.awaitingSignOff(state, actions) };
  }

  private async livePlan(planId: string) {
    const plan = await this.queries.plan(planId);
    if (!plan) throw notFound();
    return { state: plan.state, actions: await this.queries.actions(plan.state, today()) };
  }

  /** Rebuilt from the plan's and its actions' streams, so it is exact and needs no report table. */
  async reconstructed(planId: string, asAt: string, basis: ReportBasis): Promise<PlanReport> {
    const report = await this.onDay(planId, asAt, basis);
    if (!report) throw notFound();
    return report;
  }

  /** The plan as at the end of a day, or null when it did not exist then (a day compared beside another). */
  async onDay(planId: string, asAt: string, { history = 'effective', status }: ReportBasis): Promise<PlanReport | null> {
    const { past } = await this.past(planId, asAt, history, status);
    if (!past) return null;
    const { summary } = past;
    const actions = rated(past.actions.map(lineOf), past.plan.ratingScheme, summary.basis, asAt);
    return { planId, title: past.plan.title, asAt, basis: history, statusBasis: summary.basis, summary, actions };
  }

  /** The whole plan as at the end of `asAt` (null if it did not exist then), and the log position read up to. */
  async past(planId: string, asAt: string, basis: 'recorded' | 'effective', statusBasis?: StatusBasis) {
    const { planEvents, actionStreams } = await this.streams(planId);
    const position = Math.max(0, ...[planEvents, ...actionStreams].flat().map((event) => event.position));
    return { past: planAsAt({ planEvents, actionStreams, asAt, basis, statusBasis }), position };
  }

  async streams(planId: string) {
    await this.index.catchUpToHead(5_000);
    const ids = this.plans.entry(planId)?.actionIds ?? [];
    const [planEvents, ...actionStreams] = await this.store.readStreams([planStream(planId), ...ids.map(actionStream)]);
    if (planEvents.length === 0) throw notFound();
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
 * evidence (restricted or not), submissions or reminder recipients.
 */
/** A line as the answer shows it: the plan it belongs to goes without saying. */
function lineOf({ planId: _plan, ...line }: ActionAsAt): ActionLine & Pick<ReportAction, 'stage' | 'duplicateOf' | 'signedOff'> {
  return line;
}
