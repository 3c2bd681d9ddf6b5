import type { Actor } from '../decider';
import { isDomainError, type DomainError } from '../domain-error';
import { refuseEffective } from '../effective';
import type { ActionCommand } from './action.commands';
import type { ActionEvent, RecordedSignOff } from './action.events';
import { conflictedRecorder, firstOf, managesPlans, refuse, required } from './action.rules';
import { duplicateOf, type ActionState, type Owners } from './action.state';
import { delegatedSignOff } from './action.two-step';

type Decision = ActionEvent[] | DomainError;
type Of<T extends ActionCommand['type']> = Extract<ActionCommand, { type: T }>;

/*
 * A sign-off the engine did not see given (taken from a paper, or by a body the plan names in the
 * panel's place) rests on the word of whoever types it in. One plan manager alone never completes
 * an action that way (ADR 33): what they record is proposed, and it completes the action only when
 * a second plan manager or admin, not its proposer and not an owner or submitter of the action,
 * confirms it. The confirmation stores the sign-off event itself, so every reader of sign-offs
 * reads it as before, effective on the paper's or the meeting's day.
 */

const notRaised = (state: ActionState) => (state.stage === 'not raised' ? refuse.notFound() : null);
const onlyManagers = (c: ActionCommand) => (managesPlans(c.actor) ? null : refuse.notPlanManager());
const noneWaiting = (state: ActionState) => (state.proposedSignOff ? refuse.signOffProposed(state.proposedSignOff.proposedBy) : null);

/** A sign-off taken from the paper that records it (the plan came in after it was given), proposed for a second officer. */
export function proposeSignOffFromPaper(c: Of<'RecordSignOffFromPaper'>, state: ActionState): Decision {
  const duplicated = duplicateOf(state);
  return (
    firstOf(
      notRaised(state),
      onlyManagers(c),
      state.stage === 'withdrawn' ? refuse.withdrawn() : null,
      state.stage === 'complete' ? refuse.alreadySignedOff() : null,
      state.stage === 'submitted' ? refuse.submitted() : null,
      duplicated ? refuse.duplicateNotSignedOff(duplicated) : null,
      noneWaiting(state),
      conflictedRecorder(c, state, null, 'a sign-off'),
      required(c.source, 'source'),
      c.effective ? null : refuseEffective.required('a sign-off taken from paper'),
    ) ?? proposed(c, { type: 'SignOffRecordedFromPaper', data: { source: c.source.trim() } })
  );
}

/** A named body's sign-off in the panel's place, proposed for a second officer. */
export function proposeDelegatedSignOff(c: Of<'RecordDelegatedSignOff'>, state: ActionState): Decision {
  const signOff = noneWaiting(state) ?? delegatedSignOff(c, state);
  return isDomainError(signOff) ? signOff : proposed(c, signOff);
}

function proposed(c: ActionCommand, signOff: RecordedSignOff): ActionEvent[] {
  return [{ type: 'SignOffProposed', data: { signOff, proposedBy: c.actor.userId, effective: c.effective ?? null } }];
}

/**
 * A second plan manager or admin confirms the proposed sign-off: the sign-off itself follows, as
 * recorded when proposed. The action must still be where the sign-off could be given.
 */
export function confirmSignOff(c: Of<'ConfirmSignOff'>, state: ActionState): Decision {
  const proposal = state.proposedSignOff;
  return (
    firstOf(
      notRaised(state),
      onlyManagers(c),
      proposal ? null : refuse.noSignOffProposed(),
      proposal ? confirmerConflict(c.actor, proposal.proposedBy, state, c.facts.submittedBy) : null,
      state.stage === 'withdrawn' ? refuse.withdrawn() : null,
      state.stage === 'complete' ? refuse.alreadySignedOff() : null,
      proposal?.signOff.type === 'SignedOffByDelegatedBody' && state.stage !== 'submitted' ? refuse.notSubmitted() : null,
      proposal?.signOff.type === 'SignOffRecordedFromPaper' && state.stage === 'submitted' ? refuse.submitted() : null,
    ) ?? [{ type: 'SignOffConfirmed', data: { proposedBy: proposal!.proposedBy } }, proposal!.signOff]
  );
}

/** Its proposer does not confirm their own proposal, and owners and the submitter are conflicted as for deciding (ADR 28). */
function confirmerConflict(actor: Pick<Actor, 'userId'>, proposedBy: string, owners: Owners, submittedBy: string | null) {
  return firstOf(
    proposedBy === actor.userId ? refuse.selfConfirmation() : null,
    conflictedRecorder({ actor }, owners, submittedBy, 'the confirmation of a sign-off'),
  );
}

/**
 * Whether `actor` may confirm a sign-off `proposedBy` proposed on an action with these owners and
 * last submitter, by the rule `confirmSignOff` applies: for lists of work asking people to confirm.
 */
export function mayConfirmSignOff(actor: Actor, proposedBy: string, action: Owners & { submittedBy: string | null }): boolean {
  return managesPlans(actor) && confirmerConflict(actor, proposedBy, action, action.submittedBy) === null;
}

/** Anyone managing plans (its proposer too, withdrawing it) rejects a proposed sign-off, with a reason. */
export function rejectSignOff(c: Of<'RejectSignOff'>, state: ActionState): Decision {
  return (
    firstOf(notRaised(state), onlyManagers(c), state.proposedSignOff ? null : refuse.noSignOffProposed(), required(c.reason, 'reason')) ?? [
      { type: 'SignOffRejected', data: { reason: c.reason.trim() } },
    ]
  );
}
