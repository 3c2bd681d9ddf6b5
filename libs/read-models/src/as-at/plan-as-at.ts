import {
  ratingSchemeOf,
  type PlanKind,
  type PlanSource,
  type PlanStage,
  type PlanState,
  type RatingScheme,
  type StatusBasis,
  type StatusLabels,
} from '@actionplans/domain';
import type { RecordedEvent } from '@actionplans/event-store';
import { statusContextOf } from '../action.view';
import { groupingTree, planState, summaryWithGroupings, type FullSummary, type GroupingNode } from '../plan.view';
import { actionAsAt, type ActionAsAt } from './action-as-at';
import { streamAsAt, type HistoryBasis } from './timeline';

export interface PlanAsAtInput {
  planEvents: RecordedEvent[];
  /** One array per action stream; streams of other plans are ignored. */
  actionStreams: RecordedEvent[][];
  /** YYYY-MM-DD: the plan as at the end of this day (UTC). */
  asAt: string;
  basis: HistoryBasis;
  /** Counted on the ratings or the computed status; the plan's default (as it stood then) when not given. */
  statusBasis?: StatusBasis;
}

export interface PlanAsAt {
  asAt: string;
  basis: HistoryBasis;
  plan: {
    planId: string;
    kind: PlanKind | null;
    title: string;
    source: PlanSource | null;
    stage: Exclude<PlanStage, 'none'>;
    statusLabels: StatusLabels;
    ratingScheme: RatingScheme;
    defaultBasis: StatusBasis;
    approvalToClose: string | null;
    delegatedSignOff: string[];
    warningDays: number;
    quorum: number;
    groupings: GroupingNode[];
    /** How many of the plan's own events this picture folds. */
    version: number;
  };
  actions: ActionAsAt[];
  summary: FullSummary;
}

/**
 * What the plan looked like at the end of `asAt`: as the system showed it then (`recorded`), or
 * as we now know it was (`effective`). Statuses are computed for that day with the plan's labels
 * and warning window as they stood then. Null when the plan did not exist yet.
 */
export function planAsAt(input: PlanAsAtInput): PlanAsAt | null {
  const { asAt, basis } = input;
  const planEvents = streamAsAt(input.planEvents, asAt, basis);
  const { state, version } = planState(planEvents);
  if (state.stage === 'none' || state.planId === null) return null;
  const actions = actionsAsAt(state, input.actionStreams, asAt, basis);
  const groupings = groupingTree(state, actions);
  return {
    asAt,
    basis,
    plan: {
      planId: state.planId,
      kind: state.kind,
      title: state.title,
      source: state.source,
      stage: state.stage,
      statusLabels: state.statusLabels,
      ratingScheme: ratingSchemeOf(state),
      defaultBasis: state.defaultBasis,
      approvalToClose: state.approvalToClose,
      delegatedSignOff: state.delegatedSignOff,
      warningDays: state.warningDays,
      quorum: state.quorum,
      groupings,
      version,
    },
    actions,
    summary: summaryWithGroupings(state, actions, { basis: input.statusBasis, today: asAt }, groupings),
  };
}

/** The plan's actions raised by `asAt`, in the order given, with that day's statuses. */
function actionsAsAt(plan: PlanState, streams: RecordedEvent[][], asAt: string, basis: HistoryBasis): ActionAsAt[] {
  const context = statusContextOf(plan, asAt);
  return streams
    .map((events) => actionAsAt(streamAsAt(events, asAt, basis), context))
    .filter((line): line is ActionAsAt => line !== null && line.planId === plan.planId);
}
