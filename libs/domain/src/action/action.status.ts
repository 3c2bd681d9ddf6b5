import { duplicateOf, type ActionState } from './action.state';

/** The canonical statuses every plan's own labels map onto. */
export type CanonicalStatus =
  'not due to start' | 'not started' | 'on track' | 'at risk' | 'off track' | 'awaiting sign-off' | 'complete' | 'duplicate' | 'withdrawn';

export interface StatusPolicy {
  /** Days before the target date within which an action not yet submitted is at least at risk. */
  warningDays: number;
}

export const DEFAULT_STATUS_POLICY: StatusPolicy = { warningDays: 14 };

export interface ComputedStatus {
  status: CanonicalStatus;
  /** Why, in words a board paper could use. */
  reason: string;
}

const DAY = 86_400_000;

/**
 * The status an action has on `today` (YYYY-MM-DD), computed from its history rather than trusted
 * from its owner: past its current target date and not complete it is off track whatever the
 * owner says; close to it and not submitted, at least at risk. Only a panel sign-off completes it.
 */
export function statusOf(state: ActionState, today: string, policy: StatusPolicy = DEFAULT_STATUS_POLICY): ComputedStatus {
  if (state.stage === 'withdrawn') return { status: 'withdrawn', reason: 'withdrawn' };
  const original = duplicateOf(state);
  if (original) return { status: 'duplicate', reason: `a duplicate of action ${original}, not counted` };
  if (state.stage === 'complete' && state.signedOffFromPaper !== null) {
    return { status: 'complete', reason: `signed off, as recorded in ${state.signedOffFromPaper}` };
  }
  if (state.stage === 'complete') return { status: 'complete', reason: 'signed off by the evidence challenge panel' };
  const deadline = deadlineOf(state, today, policy);
  if (deadline?.kind === 'overdue') return { status: 'off track', reason: `past its target date of ${deadline.due}` };
  if (state.stage === 'submitted') return { status: 'awaiting sign-off', reason: 'submitted to the evidence challenge panel' };
  const assessed = state.latestProgress?.assessment;
  if (deadline?.kind === 'due soon' && assessed !== 'off track') {
    const { due, daysLeft } = deadline;
    return { status: 'at risk', reason: `due ${due}, ${daysLeft} day${daysLeft === 1 ? '' : 's'} away, and not yet submitted` };
  }
  if (assessed) return { status: assessed, reason: `the owner's assessment as of ${state.latestProgress!.asOf}` };
  const starts = state.startDate?.starts ?? null;
  if (starts && today < starts) return { status: 'not due to start', reason: `due to start ${starts}, no progress reported yet` };
  return { status: 'not started', reason: 'no progress reported yet' };
}

/** Where an open action stands against its current target date on a day. */
export interface Deadline {
  /** `overdue`: past it; `due soon`: within the plan's warning window and not yet submitted. */
  kind: 'overdue' | 'due soon';
  /** YYYY-MM-DD */
  due: string;
  /** Negative once past it. */
  daysLeft: number;
}

/**
 * Whether an action not yet complete is past its current target date on `today`, or close enough
 * to it (within the plan's warning window, and not yet submitted) that its owners must act; null
 * when neither, or when it has no readable date. `statusOf` computes lateness from this alone.
 */
export function deadlineOf(state: Pick<ActionState, 'stage' | 'targetDate'>, today: string, policy: StatusPolicy): Deadline | null {
  const due = state.targetDate?.due ?? null;
  if (!due) return null;
  const daysLeft = Math.round((Date.parse(due) - Date.parse(today)) / DAY);
  if (today > due) return { kind: 'overdue', due, daysLeft };
  if (state.stage !== 'submitted' && daysLeft <= policy.warningDays) return { kind: 'due soon', due, daysLeft };
  return null;
}
