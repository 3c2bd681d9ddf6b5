import { Inject, Injectable } from '@nestjs/common';
import type { CanonicalStatus, Owner, TargetDate } from '@actionplans/domain';
import { EVENT_STORE, type ConfiguredEventStore } from '@actionplans/event-store';
import {
  LiveIndex,
  PlanIndex,
  planAsAt,
  ReportQueries,
  type ActionView,
  type GroupingSummary,
  type PlanSummary,
  type ReadModelDb,
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
  status: { status: CanonicalStatus; label: string; reason: string };
  latestProgress: { assessment: string; asOf: string; commentary: string } | null;
}

export interface PlanReport {
  planId: string;
  title: string;
  /** The day the statuses are computed for. */
  asAt: string;
  /** `live` from the report tables; `recorded` or `effective` reconstructed from the event log. */
  basis: 'live' | 'recorded' | 'effective';
  summary: PlanSummary & { byGrouping: GroupingSummary[] };
  actions: ActionLine[];
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

  async report(planId: string, asAt?: string, basis: 'recorded' | 'effective' = 'effective'): Promise<PlanReport> {
    return asAt ? this.reconstructed(planId, asAt, basis) : this.live(planId);
  }

  async live(planId: string): Promise<PlanReport> {
    const { state, actions } = await this.livePlan(planId);
    return { planId, title: state.title, asAt: today(), basis: 'live', summary: this.queries.summary(state, actions), actions };
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
  async reconstructed(planId: string, asAt: string, basis: 'recorded' | 'effective'): Promise<PlanReport> {
    const { past } = await this.past(planId, asAt, basis);
    if (!past) throw notFound();
    return { planId, title: past.plan.title, asAt, basis, summary: past.summary, actions: past.actions.map(lineOf) };
  }

  /** The whole plan as at the end of `asAt` (null if it did not exist then), and the log position read up to. */
  async past(planId: string, asAt: string, basis: 'recorded' | 'effective') {
    const { planEvents, actionStreams } = await this.streams(planId);
    const position = Math.max(0, ...[planEvents, ...actionStreams].flat().map((event) => event.position));
    return { past: planAsAt({ planEvents, actionStreams, asAt, basis }), position };
  }

  async streams(planId: string) {
    await this.index.catchUpToHead(5_000);
    const planEvents = await this.store.readStream(planStream(planId));
    if (planEvents.length === 0) throw notFound();
    const ids = this.plans.entry(planId)?.actionIds ?? [];
    const actionStreams = await Promise.all(ids.map((actionId) => this.store.readStream(actionStream(actionId))));
    return { planEvents, actionStreams };
  }
}

/**
 * An action rebuilt from its stream, in the shape the live list gives it: a report carries no
 * evidence (restricted or not), submissions or reminder recipients.
 */
function lineOf(action: ActionView): ActionLine & Pick<ReportAction, 'stage' | 'duplicateOf' | 'signedOff'> {
  const latest = action.progress.at(-1);
  const signedOff =
    action.stage === 'complete' ? action.panelOutcomes.filter((outcome) => outcome.outcome === 'signed off').at(-1) : undefined;
  return {
    actionId: action.actionId,
    groupingId: action.groupingId,
    references: action.references,
    description: action.description,
    leadOwners: action.leadOwners,
    originalTargetDate: action.originalTargetDate,
    targetDate: action.targetDate,
    stage: action.stage,
    status: action.status,
    latestProgress: latest ? { assessment: latest.assessment, asOf: latest.asOf, commentary: latest.commentary } : null,
    duplicateOf: action.links.find((link) => link.kind === 'duplicate of')?.targetActionId ?? null,
    signedOff: signedOff ? { panelId: signedOff.panelId, at: signedOff.recordedAt, rationale: signedOff.rationale } : null,
  };
}
