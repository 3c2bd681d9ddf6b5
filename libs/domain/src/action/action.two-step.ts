import type { Actor } from '../decider';
import type { DomainError } from '../domain-error';
import { refuseEffective } from '../effective';
import type { ActionCommand, TwoStepFacts } from './action.commands';
import type { ActionEvent } from './action.events';

type SignedOffByDelegatedBody = Extract<ActionEvent, { type: 'SignedOffByDelegatedBody' }>;
import { conflictedRecorder, firstOf, managesPlans, refuse, required } from './action.rules';
import type { ActionState, Owners } from './action.state';

type Decision = ActionEvent[] | DomainError;
type Of<T extends ActionCommand['type']> = Extract<ActionCommand, { type: T }>;

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * Whoever owns, leads or submitted the action does not record its sign-off or its approval to
 * close (ADR 28): one person alone never closes their own action.
 */
const conflicted = (c: Of<'RecordApprovalToClose'> | Of<'RecordDelegatedSignOff'>, state: ActionState, what: string) =>
  conflictedRecorder(c, state, c.facts.submittedBy, what);

/**
 * Whether `actor` may record approval to close on an action with these owners and last submitter,
 * as far as who they are goes (the rule below also checks the plan and the action's stage): for
 * lists of work asking plan managers to record it.
 */
export const mayRecordApprovalToClose = (actor: Actor, action: Owners & { submittedBy: string | null }) =>
  managesPlans(actor) && conflictedRecorder({ actor }, action, action.submittedBy, 'approval to close') === null;

const notRaised = (state: ActionState) => (state.stage === 'not raised' ? refuse.notFound() : null);
const onlyManagers = (c: ActionCommand) => (managesPlans(c.actor) ? null : refuse.notPlanManager());

/**
 * The named body's approval to close, after the sign-off (by the panel, a delegated body or a
 * paper), once, on a plan that requires it; recorded by plan managers and admins, none of them
 * conflicted. The body is the plan's, as it is named when the approval is recorded.
 */
export function recordApprovalToClose(c: Of<'RecordApprovalToClose'>, state: ActionState): Decision {
  const body = c.facts.plan?.completion.approvalToClose ?? null;
  return (
    firstOf(
      notRaised(state),
      onlyManagers(c),
      body === null ? refuse.noApprovalToClose() : null,
      state.stage === 'withdrawn' ? refuse.withdrawn() : null,
      state.stage === 'complete' ? null : refuse.notSignedOff(),
      state.approvalToClose ? refuse.alreadyApprovedToClose(state.approvalToClose.body) : null,
      conflicted(c, state, 'approval to close'),
      required(c.authority, 'authority'),
      beforeSignOff(c),
    ) ?? [{ type: 'ApprovalToCloseRecorded', data: { body: body!, authority: c.authority.trim() } }]
  );
}

/**
 * Approval follows the sign-off, so it is not dated before it. By the day: a day is the whole day,
 * so a board approving closure on the day of the panel that signed the action off is not before it.
 */
function beforeSignOff(c: Of<'RecordApprovalToClose'>): DomainError | null {
  const signedOffOn = c.facts.signedOffAt?.slice(0, 10);
  const approvedOn = (c.effective?.at ?? c.now).slice(0, 10);
  return signedOffOn && approvedOn < signedOffOn ? refuse.approvalBeforeSignOff(approvedOn, signedOffOn) : null;
}

/**
 * A body the plan names signs a submitted action off in the panel's place, on its meeting's day
 * (the effective date, required), with the evidence the submission relied on: it counts as the
 * panel's sign-off. Recorded by plan managers and admins who are not its owners or submitter, as a
 * proposal a second officer confirms (`action.proposed-sign-off.ts`).
 */
export function delegatedSignOff(c: Of<'RecordDelegatedSignOff'>, state: ActionState): DomainError | SignedOffByDelegatedBody {
  const named = namedBody(c.facts, c.body);
  const refused = firstOf(
    notRaised(state),
    onlyManagers(c),
    required(c.body, 'body'),
    named ? null : refuse.notDelegatedBody(c.body, c.facts.plan?.delegatedSignOff ?? []),
    state.stage === 'withdrawn' ? refuse.withdrawn() : null,
    state.stage === 'complete' ? refuse.alreadySignedOff() : null,
    state.stage === 'submitted' ? null : refuse.notSubmitted(),
    conflicted(c, state, 'a sign-off'),
    required(c.authority, 'authority'),
    required(c.rationale, 'rationale'),
    c.effective ? null : refuseEffective.required("a delegated body's sign-off"),
  );
  if (refused) return refused;
  const evidenceConsidered = state.submittedEvidence.map((evidenceId) => {
    const item = state.evidence.get(evidenceId);
    return { evidenceId, title: item?.title ?? '', sha256: item?.sha256 ?? null };
  });
  const data = {
    body: named!,
    meetingDate: c.effective!.at.slice(0, 10),
    authority: c.authority.trim(),
    rationale: c.rationale.trim(),
    evidenceConsidered,
  };
  return { type: 'SignedOffByDelegatedBody', data };
}

/** The body as the plan names it (its spelling kept), or null when the plan does not name it. */
const namedBody = (facts: TwoStepFacts, body: string) => facts.plan?.delegatedSignOff.find((named) => same(named, body ?? '')) ?? null;
