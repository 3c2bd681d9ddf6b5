import {
  decodePlanEvent,
  evolvePlan,
  initialPlanState,
  type CanonicalStatus,
  type GroupingKind,
  type PlanState,
  type PlanStatusKey,
} from '@actionplans/domain';
import type { RecordedEvent } from '@actionplans/event-store';
import type { ActionView } from './action.view';

export interface GroupingNode {
  groupingId: string;
  kind: GroupingKind;
  references: string[];
  title: string;
  children: GroupingNode[];
  actionIds: string[];
}

export interface StatusCount {
  status: PlanStatusKey;
  label: string;
  count: number;
  /** Of the counted actions, to one decimal place. */
  percent: number;
}

export interface PlanSummary {
  /** How the figures are counted, in words a board paper can quote. */
  countingRule: string;
  counted: number;
  complete: number;
  percentComplete: number;
  byStatus: StatusCount[];
  notCounted: { duplicate: number; withdrawn: number };
}

const COUNTED_STATUSES: PlanStatusKey[] = ['complete', 'awaiting sign-off', 'on track', 'at risk', 'off track', 'not started'];

export const COUNTING_RULE =
  'Every action raised in the plan counts once, except duplicates and withdrawn actions. Complete means signed off ' +
  'by the evidence challenge panel. An action past its current target date and not complete is off track whatever its owner reports; ' +
  "one within the plan's warning window and not yet submitted is at least at risk. Percentages are of the counted actions, to one decimal place.";

/** The plan's own history folded, with the version and position of its newest event. */
export function planState(events: RecordedEvent[]): { state: PlanState; version: number; position: number } {
  const state = events.reduce((folded, event) => evolvePlan(folded, decodePlanEvent(event)), initialPlanState);
  return { state, version: events.length, position: events.at(-1)?.position ?? 0 };
}

/** Counts for every status of the plan's labels, zero rows included. */
export function summarise(state: PlanState, actions: Array<Pick<ActionView, 'status'>>): PlanSummary {
  const tally = new Map<CanonicalStatus, number>();
  for (const action of actions) tally.set(action.status.status, (tally.get(action.status.status) ?? 0) + 1);
  const counted = COUNTED_STATUSES.reduce((sum, status) => sum + (tally.get(status) ?? 0), 0);
  const percent = (count: number) => (counted === 0 ? 0 : Math.round((count / counted) * 1000) / 10);
  return {
    countingRule: COUNTING_RULE,
    counted,
    complete: tally.get('complete') ?? 0,
    percentComplete: percent(tally.get('complete') ?? 0),
    byStatus: COUNTED_STATUSES.map((status) => ({
      status,
      label: state.statusLabels[status],
      count: tally.get(status) ?? 0,
      percent: percent(tally.get(status) ?? 0),
    })),
    notCounted: { duplicate: tally.get('duplicate') ?? 0, withdrawn: tally.get('withdrawn') ?? 0 },
  };
}

/** The groupings as a tree, each with the actions raised directly under it. */
export function groupingTree(state: PlanState, actions: Array<Pick<ActionView, 'actionId' | 'groupingId'>>): GroupingNode[] {
  const nodes = new Map<string, GroupingNode>();
  for (const [groupingId, grouping] of state.groupings) {
    nodes.set(groupingId, {
      groupingId,
      kind: grouping.kind,
      references: grouping.references,
      title: grouping.title,
      children: [],
      actionIds: [],
    });
  }
  for (const action of actions) nodes.get(action.groupingId)?.actionIds.push(action.actionId);
  const roots: GroupingNode[] = [];
  for (const [groupingId, grouping] of state.groupings) {
    const node = nodes.get(groupingId)!;
    const parent = grouping.parentId ? nodes.get(grouping.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

export interface GroupingSummary {
  groupingId: string;
  references: string[];
  title: string;
  /** Every action anywhere beneath this top-level grouping. */
  summary: PlanSummary;
}

type Counted = Pick<ActionView, 'actionId' | 'groupingId' | 'status'>;

/** The plan's summary, and one for each top-level grouping (a board's breakdown by area). */
export function summaryWithGroupings(
  state: PlanState,
  actions: Counted[],
  tree = groupingTree(state, actions),
): PlanSummary & { byGrouping: GroupingSummary[] } {
  return { ...summarise(state, actions), byGrouping: tree.map((root) => groupingSummary(state, root, actions)) };
}

function groupingSummary(plan: PlanState, root: GroupingNode, actions: Counted[]): GroupingSummary {
  const within = new Set(actionIdsBeneath(root));
  return {
    groupingId: root.groupingId,
    references: root.references,
    title: root.title,
    summary: summarise(
      plan,
      actions.filter((action) => within.has(action.actionId)),
    ),
  };
}

function actionIdsBeneath(node: GroupingNode): string[] {
  return [...node.actionIds, ...node.children.flatMap(actionIdsBeneath)];
}
