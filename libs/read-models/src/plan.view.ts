import {
  decodePlanEvent,
  evolvePlan,
  initialPlanState,
  ratingSchemeOf,
  saysComplete,
  type GroupingKind,
  type PlanState,
  type RatingScheme,
  type StatusBasis,
} from '@actionplans/domain';
import type { RecordedEvent } from '@actionplans/event-store';
import type { ActionView } from './action.view';
import { COUNTING_RULES, countedIn, disagreementOf, type Disagreement, type Ratable } from './rating.view';

export interface GroupingNode {
  groupingId: string;
  kind: GroupingKind;
  references: string[];
  title: string;
  children: GroupingNode[];
  actionIds: string[];
}

export interface StatusCount {
  /** The category's key: for a plan without a scheme, the canonical status it counts. */
  status: string;
  label: string;
  count: number;
  /** Of the counted actions, to one decimal place. */
  percent: number;
}

export interface PlanSummary {
  /** Which figure is counted: the recorded ratings, or the engine's computed status. */
  basis: StatusBasis;
  /** How the figures are counted, in words a board paper can quote. */
  countingRule: string;
  counted: number;
  complete: number;
  percentComplete: number;
  /** Exactly the plan's rating categories, in order, zero rows included. */
  byStatus: StatusCount[];
  notCounted: { duplicate: number; withdrawn: number };
}

/** The rule of the computed basis, which every plan without a chosen basis reports on. */
export const COUNTING_RULE = COUNTING_RULES.computed;

/** What a summary needs of each action. */
export type Summarised = Ratable;

/** The plan's own history folded, with the version and position of its newest event. */
export function planState(events: RecordedEvent[]): { state: PlanState; version: number; position: number } {
  const state = events.reduce((folded, event) => evolvePlan(folded, decodePlanEvent(event)), initialPlanState);
  return { state, version: events.length, position: events.at(-1)?.position ?? 0 };
}

/** Counts for every category of the plan's rating scheme on the basis, zero rows included. */
export function summarise(state: PlanState, actions: Summarised[], basis: StatusBasis = state.defaultBasis): PlanSummary {
  const scheme = ratingSchemeOf(state);
  const tally = new Map<string, number>();
  const notCounted = { duplicate: 0, withdrawn: 0 };
  for (const action of actions) {
    const counted = countedIn(scheme, action, basis);
    if (counted) tally.set(counted.category, (tally.get(counted.category) ?? 0) + 1);
    else if (action.status.status === 'duplicate' || action.status.status === 'withdrawn') notCounted[action.status.status] += 1;
  }
  const counted = [...tally.values()].reduce((sum, count) => sum + count, 0);
  const percent = (count: number) => (counted === 0 ? 0 : Math.round((count / counted) * 1000) / 10);
  const complete = scheme.categories.filter(saysComplete).reduce((sum, category) => sum + (tally.get(category.key) ?? 0), 0);
  return {
    basis,
    countingRule: COUNTING_RULES[basis],
    counted,
    complete,
    percentComplete: percent(complete),
    byStatus: scheme.categories.map((category) => ({
      status: category.key,
      label: category.label,
      count: tally.get(category.key) ?? 0,
      percent: percent(tally.get(category.key) ?? 0),
    })),
    notCounted,
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

type Counted = Pick<ActionView, 'actionId' | 'groupingId' | 'references'> & Summarised;

/** The plan's summary on a basis, with its scheme, one per top-level grouping (a board's breakdown by area), and every disagreement. */
export interface FullSummary extends PlanSummary {
  scheme: RatingScheme;
  byGrouping: GroupingSummary[];
  /** Every counted action whose rating and computed status fall in different categories, in the order given. */
  disagreements: Array<{ actionId: string; references: string[] } & Disagreement>;
}

/** The plan's summary, and one for each top-level grouping; `today` is the day the statuses were computed for. */
export function summaryWithGroupings(
  state: PlanState,
  actions: Counted[],
  options: { basis?: StatusBasis; today: string },
  tree = groupingTree(state, actions),
): FullSummary {
  const basis = options.basis ?? state.defaultBasis;
  const scheme = ratingSchemeOf(state);
  return {
    ...summarise(state, actions, basis),
    scheme,
    byGrouping: tree.map((root) => groupingSummary(state, root, actions, basis)),
    disagreements: actions.flatMap((action) => {
      const disagreement = disagreementOf(scheme, action, options.today);
      return disagreement ? [{ actionId: action.actionId, references: action.references, ...disagreement }] : [];
    }),
  };
}

function groupingSummary(plan: PlanState, root: GroupingNode, actions: Counted[], basis: StatusBasis): GroupingSummary {
  const within = new Set(actionIdsBeneath(root));
  return {
    groupingId: root.groupingId,
    references: root.references,
    title: root.title,
    summary: summarise(
      plan,
      actions.filter((action) => within.has(action.actionId)),
      basis,
    ),
  };
}

function actionIdsBeneath(node: GroupingNode): string[] {
  return [...node.actionIds, ...node.children.flatMap(actionIdsBeneath)];
}
