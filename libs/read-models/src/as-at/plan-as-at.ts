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
import { ActionFold, actionAsAt, type ActionAsAt } from './action-as-at';
import { endOfDay, inBasisOrder, instantOf, streamAsAt, type HistoryBasis } from './timeline';

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
  if (!exists(state)) return null;
  return assembled(state, version, actionsAsAt(state, input.actionStreams, asAt, basis), input);
}

/**
 * The plan as at the end of each of `days` (null where it did not exist yet), folding each
 * action's stream once across the days instead of once a day: the answers are `planAsAt`'s.
 */
export function planAsAtDays(input: Omit<PlanAsAtInput, 'asAt'> & { days: string[] }): Map<string, PlanAsAt | null> {
  const { basis } = input;
  const days = [...new Set(input.days)].sort();
  const folds = input.actionStreams.map((events) => {
    const ordered = inBasisOrder(events, basis);
    return { ordered, instants: ordered.map((event) => instantOf(event, basis)), fold: new ActionFold(), applied: 0 };
  });
  const answers = new Map<string, PlanAsAt | null>();
  for (const asAt of days) {
    const before = endOfDay(asAt);
    const { state, version } = planState(streamAsAt(input.planEvents, asAt, basis));
    const context = statusContextOf(state, asAt);
    const actions: ActionAsAt[] = [];
    for (const entry of folds) {
      const { ordered, instants, fold } = entry;
      // The stream's opening event comes first whenever it has happened (streamAsAt's rule); the rest in basis order.
      if (ordered.length === 0 || ordered[0].type !== 'ActionRaised' || instants[0] >= before) continue;
      while (entry.applied < ordered.length && (entry.applied === 0 || instants[entry.applied] < before))
        fold.apply(ordered[entry.applied++]);
      const line = fold.lineOn(context);
      if (line && line.planId === state.planId) actions.push(line);
    }
    answers.set(asAt, exists(state) ? assembled(state, version, actions, { ...input, asAt }) : null);
  }
  return answers;
}

type Existing = PlanState & { planId: string; stage: PlanAsAt['plan']['stage'] };
const exists = (state: PlanState): state is Existing => state.stage !== 'none' && state.planId !== null;

function assembled(
  state: Existing,
  version: number,
  actions: ActionAsAt[],
  { asAt, basis, statusBasis }: Omit<PlanAsAtInput, 'planEvents' | 'actionStreams'>,
): PlanAsAt {
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
    summary: summaryWithGroupings(state, actions, { basis: statusBasis, today: asAt }, groupings),
  };
}

/** The plan's actions raised by `asAt`, in the order given, with that day's statuses. */
function actionsAsAt(plan: PlanState, streams: RecordedEvent[][], asAt: string, basis: HistoryBasis): ActionAsAt[] {
  const context = statusContextOf(plan, asAt);
  return streams
    .map((events) => actionAsAt(streamAsAt(events, asAt, basis), context))
    .filter((line): line is ActionAsAt => line !== null && line.planId === plan.planId);
}
