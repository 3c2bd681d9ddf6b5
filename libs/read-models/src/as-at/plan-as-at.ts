import type { PlanKind, PlanSource, PlanStage, PlanState, StatusLabels } from '@actionplans/domain';
import type { RecordedEvent } from '@actionplans/event-store';
import { actionView, type ActionView } from '../action.view';
import { groupingTree, planState, summaryWithGroupings, type GroupingNode, type GroupingSummary, type PlanSummary } from '../plan.view';
import { streamAsAt, type HistoryBasis } from './timeline';

export interface PlanAsAtInput {
  planEvents: RecordedEvent[];
  /** One array per action stream; streams of other plans are ignored. */
  actionStreams: RecordedEvent[][];
  /** YYYY-MM-DD: the plan as at the end of this day (UTC). */
  asAt: string;
  basis: HistoryBasis;
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
    warningDays: number;
    quorum: number;
    groupings: GroupingNode[];
    /** How many of the plan's own events this picture folds. */
    version: number;
  };
  actions: ActionView[];
  summary: PlanSummary & { byGrouping: GroupingSummary[] };
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
      warningDays: state.warningDays,
      quorum: state.quorum,
      groupings,
      version,
    },
    actions,
    summary: summaryWithGroupings(state, actions, groupings),
  };
}

/** The plan's actions raised by `asAt`, in the order given, with that day's statuses. */
function actionsAsAt(plan: PlanState, streams: RecordedEvent[][], asAt: string, basis: HistoryBasis): ActionView[] {
  const context = { today: asAt, warningDays: plan.warningDays, labels: plan.statusLabels };
  return streams
    .map((events) => actionView(streamAsAt(events, asAt, basis), context))
    .filter((view): view is ActionView => view !== null && view.planId === plan.planId);
}
