import type { CompletionStep } from '../plan/rating-scheme';
import { duplicateOf, type ActionState } from './action.state';

/** The canonical statuses every plan's own labels map onto. */
export type CanonicalStatus =
  'not due to start' | 'not started' | 'on track' | 'at risk' | 'off track' | 'awaiting sign-off' | 'complete' | 'duplicate' | 'withdrawn';

/**
 * What completes an action on its plan: the panel's sign-off alone (no `approvalToClose`, or a
 * scheme counting the sign-off), or the sign-off and then the named body's approval to close.
 */
export interface CompletionRule {
  /** The body whose approval to close follows the panel's sign-off; null: none is required. */
  approvalToClose: string | null;
  /** The step the plan's rating scheme counts as complete. */
  completeAt: CompletionStep;
}

export const SIGN_OFF_COMPLETES: CompletionRule = { approvalToClose: null, completeAt: 'panel sign-off' };

export interface StatusPolicy {
  /** Days before the target date within which an action not yet submitted is at least at risk. */
  warningDays: number;
  /** Absent: the panel's sign-off completes an action, as on every plan before two-step completion. */
  completion?: CompletionRule;
}

export const DEFAULT_STATUS_POLICY: StatusPolicy = { warningDays: 14 };

export interface ComputedStatus {
  status: CanonicalStatus;
  /** Why, in words a board paper could use. */
  reason: string;
  /**
   * Signed off, but its plan counts an action complete only once `body` approves closure: the
   * canonical status is then `awaiting sign-off` (or `off track` once late), so no plan's rows change.
   */
  awaitingApprovalToClose?: { body: string };
}

/** Whether the sign-off stage still waits for the approval to close that the plan's scheme counts as complete. */
export function awaitsApprovalToClose(state: Pick<ActionState, 'stage' | 'approvalToClose'>, rule: CompletionRule | undefined): boolean {
  return state.stage === 'complete' && !!rule?.approvalToClose && rule.completeAt === 'approval to close' && state.approvalToClose === null;
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
  if (awaitsApprovalToClose(state, policy.completion)) return awaitingApproval(state, today, policy.completion!.approvalToClose!);
  if (state.stage === 'complete') return { status: 'complete', reason: completedBecause(state) };
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

function signedOffBy(state: ActionState): string {
  if (state.signedOffFromPaper !== null) return `signed off, as recorded in ${state.signedOffFromPaper}`;
  if (state.delegatedSignOff !== null) return `signed off by ${state.delegatedSignOff}`;
  return 'signed off by the evidence challenge panel';
}

function completedBecause(state: ActionState): string {
  const approval = state.approvalToClose;
  return approval ? `${signedOffBy(state)}; approval to close given by ${approval.body}` : signedOffBy(state);
}

/** Signed off and waiting for the approval its plan counts: late once past its target date, as any action not complete. */
function awaitingApproval(state: ActionState, today: string, body: string): ComputedStatus {
  const due = state.targetDate?.due ?? null;
  const awaiting = `${signedOffBy(state)}, awaiting approval to close by ${body}`;
  return due && today > due
    ? { status: 'off track', reason: `past its target date of ${due}: ${awaiting}`, awaitingApprovalToClose: { body } }
    : { status: 'awaiting sign-off', reason: awaiting, awaitingApprovalToClose: { body } };
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
