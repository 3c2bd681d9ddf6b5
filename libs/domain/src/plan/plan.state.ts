import { DEFAULT_REMINDER_POLICY, type ReminderPolicy } from '../reminders/reminder-policy';
import type { GroupingKind, PackSchedule, PlanEvent, PlanKind, PlanSource } from './plan.events';
import type { CompletionRule } from '../action/action.status';
import { schemeFromLabels, type RatingScheme } from './rating-scheme';
import type { StatusBasis } from './rating-scheme.rules';

/** The canonical statuses every plan's own wording maps onto; duplicates and withdrawn actions are not counted. */
export const CANONICAL_STATUSES = [
  'not due to start',
  'not started',
  'on track',
  'at risk',
  'off track',
  'awaiting sign-off',
  'complete',
  'duplicate',
  'withdrawn',
] as const;

export type PlanStatusKey = (typeof CANONICAL_STATUSES)[number];

/** The plan's own wording for each canonical status, e.g. complete → 'Blue: action complete'. */
export type StatusLabels = Record<PlanStatusKey, string>;

export type PlanStage = 'none' | 'draft' | 'active' | 'closed';

/** A node of the plan's tree: a section, priority, recommendation…; its references are labels, not identities. */
export interface Grouping {
  parentId: string | null;
  kind: GroupingKind;
  references: string[];
  title: string;
}

export interface PlanState {
  stage: PlanStage;
  planId: string | null;
  title: string;
  kind: PlanKind | null;
  source: PlanSource | null;
  statusLabels: StatusLabels;
  /** Senior panel members who must be present for a sign-off. */
  quorum: number;
  /** Whether the plan chose its quorum (rather than take the default): a standing panel's meeting then keeps the plan's, not the panel's. */
  quorumSetByPlan: boolean;
  /** Days before a target date within which an action not yet submitted is at risk. */
  warningDays: number;
  /** When owners and the plan manager are reminded, chased and asked for updates. */
  reminderPolicy: ReminderPolicy;
  /** Days (YYYY-MM-DD, ascending) of the board and committee meetings that receive reports on the plan. */
  boardDates: string[];
  groupings: Map<string, Grouping>;
  /** The categories its board rates in; null: none chosen, so its status labels serve (`ratingSchemeOf`). */
  ratingScheme: RatingScheme | null;
  /** Which figure its summaries count when a reader does not ask. */
  defaultBasis: StatusBasis;
  /** The body whose approval to close follows the panel's sign-off; null: the sign-off completes an action. */
  approvalToClose: string | null;
  /** Bodies (other meetings) that may take the sign-off in the evidence challenge panel's place. */
  delegatedSignOff: string[];
  /** The pack made before each board date and sent to its managers (ADR 37); null: none. */
  packSchedule: PackSchedule | null;
}

/** What a plan gets when its creator does not say. */
export const PLAN_DEFAULTS = { quorum: 2, warningDays: 14 } as const;

/** Each canonical status labelled with its own name. */
export const defaultStatusLabels = (): StatusLabels =>
  Object.fromEntries(CANONICAL_STATUSES.map((status) => [status, status])) as StatusLabels;

export const initialPlanState: PlanState = {
  stage: 'none',
  planId: null,
  title: '',
  kind: null,
  source: null,
  statusLabels: defaultStatusLabels(),
  quorum: PLAN_DEFAULTS.quorum,
  quorumSetByPlan: false,
  warningDays: PLAN_DEFAULTS.warningDays,
  reminderPolicy: DEFAULT_REMINDER_POLICY,
  boardDates: [],
  groupings: new Map(),
  ratingScheme: null,
  defaultBasis: 'computed',
  approvalToClose: null,
  delegatedSignOff: [],
  packSchedule: null,
};

/** The plan's rating scheme: the one it chose, or one row per status under its own labels. */
export const ratingSchemeOf = (state: Pick<PlanState, 'ratingScheme' | 'statusLabels'>): RatingScheme =>
  state.ratingScheme ?? schemeFromLabels(state.statusLabels);

/** What completes an action of the plan: the sign-off, or the approval to close its scheme counts. */
export const completionRuleOf = (state: Pick<PlanState, 'ratingScheme' | 'statusLabels' | 'approvalToClose'>): CompletionRule => ({
  approvalToClose: state.approvalToClose,
  completeAt: ratingSchemeOf(state).completeAt ?? 'panel sign-off',
});

/** Folds one plan event into the plan's state. */
export function evolvePlan(state: PlanState, event: PlanEvent): PlanState {
  switch (event.type) {
    case 'PlanCreated': {
      const { planId, kind, title, source, statusLabels, quorum, quorumSet, warningDays, reminderPolicy, ratingScheme, defaultBasis } =
        event.data;
      // Plans created before reminder policies existed have none recorded: they get the defaults.
      return {
        ...state,
        stage: 'draft',
        planId,
        kind,
        title,
        source,
        statusLabels: { ...defaultStatusLabels(), ...statusLabels },
        quorum,
        // Before `quorumSet` was recorded a chosen quorum can be told only by differing from the default.
        quorumSetByPlan: quorumSet ?? quorum !== PLAN_DEFAULTS.quorum,
        warningDays,
        reminderPolicy: { ...DEFAULT_REMINDER_POLICY, ...reminderPolicy },
        // Plans created before rating schemes have none: they fold to their labels and the computed basis.
        ratingScheme: ratingScheme ?? null,
        defaultBasis: defaultBasis ?? 'computed',
        approvalToClose: event.data.approvalToClose ?? null,
        delegatedSignOff: event.data.delegatedSignOff ?? [],
      };
    }
    case 'PlanAmended': {
      const { title, statusLabels, quorum, warningDays, reminderPolicy, boardDates, ratingScheme, defaultBasis } = event.data;
      return {
        ...state,
        title: title ?? state.title,
        statusLabels: { ...state.statusLabels, ...statusLabels },
        quorum: quorum ?? state.quorum,
        quorumSetByPlan: state.quorumSetByPlan || quorum !== undefined,
        warningDays: warningDays ?? state.warningDays,
        reminderPolicy: { ...state.reminderPolicy, ...reminderPolicy },
        boardDates: boardDates ?? state.boardDates,
        ratingScheme: ratingScheme ?? state.ratingScheme,
        defaultBasis: defaultBasis ?? state.defaultBasis,
        approvalToClose: event.data.approvalToClose === undefined ? state.approvalToClose : event.data.approvalToClose,
        delegatedSignOff: event.data.delegatedSignOff ?? state.delegatedSignOff,
        packSchedule: event.data.packSchedule === undefined ? state.packSchedule : event.data.packSchedule,
      };
    }
    case 'GroupingAdded': {
      const { groupingId, ...grouping } = event.data;
      return { ...state, groupings: new Map(state.groupings).set(groupingId, grouping) };
    }
    case 'GroupingAmended':
      return { ...state, groupings: new Map(state.groupings).set(event.data.groupingId, amended(state, event.data)) };
    case 'PlanActivated':
    case 'PlanReopened':
      return { ...state, stage: 'active' };
    case 'PlanClosed':
      return { ...state, stage: 'closed' };
  }
}

function amended(state: PlanState, change: Extract<PlanEvent, { type: 'GroupingAmended' }>['data']): Grouping {
  const grouping = state.groupings.get(change.groupingId)!;
  return {
    parentId: change.parentId === undefined ? grouping.parentId : change.parentId,
    kind: change.kind ?? grouping.kind,
    references: change.references ?? grouping.references,
    title: change.title ?? grouping.title,
  };
}

/** Whether `groupingId` is `ancestorId` or lies anywhere beneath it. */
export function isWithin(state: PlanState, groupingId: string, ancestorId: string): boolean {
  // Bounded by the number of groupings, so a corrupt history cannot loop forever.
  let current: string | null = groupingId;
  for (let steps = 0; current !== null && steps <= state.groupings.size; steps += 1) {
    if (current === ancestorId) return true;
    current = state.groupings.get(current)?.parentId ?? null;
  }
  return false;
}
