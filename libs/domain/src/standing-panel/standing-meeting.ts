import { DomainError } from '../domain-error';
import type { PlanState } from '../plan/plan.state';
import type { StandingMeetingFacts } from '../panel/panel.commands';
import { refuse } from '../panel/panel.rules';
import type { PanelState } from '../panel/panel.state';

/** Refusals of scheduling a standing panel's meeting, with their stable codes. */
export const refuseStandingMeeting = {
  unknownStandingPanel: (standingPanelId: string) =>
    new DomainError('PANEL.UNKNOWN_STANDING_PANEL', `there is no standing panel ${standingPanelId}`),
  planNotServed: (planId: string) => new DomainError('PANEL.PLAN_NOT_SERVED', `the standing panel does not serve plan ${planId}`),
};

/**
 * The plan, chair and members a standing panel's meeting takes when the request names none: the
 * panel's first plan, its chair and its members. Read by the handler (to know whose facts to read)
 * and by the decider alike.
 */
export function standingMeetingDefaults(
  asked: { planId?: string; chair?: string; members?: string[] },
  standingPanel: StandingMeetingFacts['standingPanel'],
): { planId: string; chair: string; members: string[] } {
  return {
    planId: asked.planId?.trim() || standingPanel?.planIds[0] || '',
    chair: asked.chair ?? standingPanel?.chair ?? '',
    members: asked.members ?? standingPanel?.members ?? [],
  };
}

/**
 * Whether an action may be tabled at the meeting: of the meeting's plan, or at a standing panel's
 * meeting of any plan the panel serves at the moment of tabling.
 */
export function tableable(
  state: Pick<PanelState, 'scheduled' | 'planId' | 'standingPanelId'>,
  actionId: string,
  action: { planId: string } | null,
  servedPlans: string[] | undefined,
): DomainError | null {
  if (!action) return refuse.unknownAction(actionId);
  if (!state.scheduled || action.planId === state.planId) return null;
  return state.standingPanelId !== null && (servedPlans ?? []).includes(action.planId) ? null : refuse.otherPlan(actionId);
}

/**
 * Whether an action may be decided at the meeting on the grounds of its plan: at a standing
 * panel's meeting, one tabled there (whose plan the panel served when it was tabled) or one not
 * tabled, which its agenda refuses; otherwise, one of the meeting's plan.
 */
export function decidable(state: PanelState, actionId: string, action: { planId: string } | null): DomainError | null {
  if (!action) return refuse.unknownAction(actionId);
  if (state.standingPanelId === null || !state.scheduled) return tableable(state, actionId, action, []);
  const tabled = state.tabled.get(actionId);
  return !tabled || tabled.planId === action.planId ? null : refuse.otherPlan(actionId);
}

/** Where the quorum a decision needs comes from. */
export type QuorumSource = 'plan' | 'standing panel';

/**
 * The quorum a meeting needs to decide an action: at a standing panel's meeting, the panel's,
 * unless the action's plan chose its own; at a meeting of one plan, the plan's.
 */
export function quorumFor(
  plan: Pick<PlanState, 'quorum' | 'quorumSetByPlan'>,
  standingPanel: { quorum: number } | null,
): { quorum: number; from: QuorumSource } {
  return standingPanel && !plan.quorumSetByPlan
    ? { quorum: standingPanel.quorum, from: 'standing panel' }
    : { quorum: plan.quorum, from: 'plan' };
}
