import type { Actor } from '../decider';
import { DomainError } from '../domain-error';
import { firstOf, managesPlans } from '../rules';
import type { DecisionFacts, PanelCommand } from './panel.commands';
import type { PanelEvent } from './panel.events';
import { decisionStanding } from './panel.quorum';
import { isScheduled, refuse, required } from './panel.rules';
import type { PanelState } from './panel.state';
import { declaredOn } from './minutes.state';

type Decision = PanelEvent[] | DomainError;

/*
 * A decision a plan manager enters from the minutes for the member who took it rests on that plan
 * manager's reading of the minutes. One plan manager alone never signs an action off that way
 * (ADR 33): the entry waits, carried to the action only once confirmed by the member named as
 * taking it, or by a plan manager or admin other than the one who entered it; none of them an
 * owner or the submitter of the action.
 */

/** Each refusal of an entry's confirmation, with its stable code. */
export const refuseEntry = {
  noSuchEntry: (decisionId: string) =>
    new DomainError('PANEL.NO_SUCH_ENTRY', `decisionId: no decision ${decisionId} entered from the minutes is waiting for confirmation`),
  selfConfirmation: () =>
    new DomainError(
      'PANEL.SELF_CONFIRMATION',
      'a decision entered from the minutes is confirmed by the member who took it or by another plan manager, not by whoever entered it',
      true,
    ),
  notConfirmer: () =>
    new DomainError(
      'PANEL.NOT_CONFIRMER',
      'only the member who took the decision, or a plan manager or admin, confirms a decision entered from the minutes',
      true,
    ),
  conflicted: (why: string) =>
    new DomainError('PANEL.CONFLICT_OF_INTEREST', `you ${why} this action, so you may not confirm a decision on it`),
};

type Of<T extends PanelCommand['type']> = Extract<PanelCommand, { type: T }>;

/** Who may confirm or reject an entry: the member named as taking the decision, or anyone managing plans. */
export const mayAnswerEntry = (entry: { decidedBy: string }, actor: Pick<Actor, 'userId' | 'role'>) =>
  entry.decidedBy === actor.userId || managesPlans(actor);

/** The entry waiting under `decisionId`, or the refusal that none is. */
const waiting = (state: PanelState, decisionId: string) => (state.unconfirmed.has(decisionId) ? null : refuseEntry.noSuchEntry(decisionId));

export function confirmDecisionEntry(c: Of<'ConfirmDecisionEntry'>, state: PanelState): Decision {
  const entry = state.unconfirmed.get(c.decisionId);
  const userId = c.actor.userId;
  const refused = firstOf(isScheduled(state), waiting(state, c.decisionId));
  if (refused) return refused;
  return (
    firstOf(
      entry!.enteredBy === userId ? refuseEntry.selfConfirmation() : null,
      mayAnswerEntry(entry!, c.actor) ? null : refuseEntry.notConfirmer(),
      conflictOf(c.facts, state, entry!.actionId, userId),
      c.facts.action?.stage === 'submitted' ? null : refuse.actionNotSubmitted(),
    ) ?? [
      {
        type: 'DecisionEntryConfirmed',
        data: { decisionId: c.decisionId, actionId: entry!.actionId, outcome: state.decisions.get(entry!.actionId)! },
      },
    ]
  );
}

/** Rejected with a reason (the minutes say otherwise), the entry is gone and the decision may be entered again. */
export function rejectDecisionEntry(c: Of<'RejectDecisionEntry'>, state: PanelState): Decision {
  const entry = state.unconfirmed.get(c.decisionId);
  const refused = firstOf(isScheduled(state), waiting(state, c.decisionId));
  if (refused) return refused;
  return (
    firstOf(mayAnswerEntry(entry!, c.actor) ? null : refuseEntry.notConfirmer(), required(c.reason, 'reason')) ?? [
      { type: 'DecisionEntryRejected', data: { decisionId: c.decisionId, actionId: entry!.actionId, reason: c.reason.trim() } },
    ]
  );
}

function conflictOf(facts: DecisionFacts, state: PanelState, actionId: string, userId: string): DomainError | null {
  const conflict = decisionStanding({ ...state, declared: declaredOn(state.minutes, actionId) }, facts).conflicts.get(userId);
  if (!conflict) return null;
  return refuseEntry.conflicted(
    conflict === 'owns or leads' ? 'own or lead' : conflict === 'submitted' ? 'submitted' : 'declared an interest in',
  );
}
