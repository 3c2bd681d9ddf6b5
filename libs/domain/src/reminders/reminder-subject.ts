import { duplicateOf, type ActionState } from '../action/action.state';
import type { ReminderSubject } from './reminder-policy';

/**
 * An action as the policy reads it, from its state and its plan's: `active`, and the day it went
 * live. One reading for the scheduler, the sender's check at send time and My work.
 */
export function reminderSubject(
  actionId: string,
  state: Pick<ActionState, 'stage' | 'targetDate' | 'proposedSignOff' | 'links'>,
  plan: { active: boolean; liveSince?: string },
  raisedOn: string,
): ReminderSubject {
  return {
    actionId,
    stage: state.stage,
    targetDate: state.targetDate,
    planActive: plan.active,
    raisedOn,
    liveSince: plan.liveSince,
    settledBy: state.proposedSignOff ? 'sign-off proposed' : duplicateOf(state) ? 'duplicate' : undefined,
  };
}
