import type { Actor } from '../decider';
import { DomainError } from '../domain-error';
import type { Owner } from './action.events';
import { isOwner, type ActionState, type Owners } from './action.state';
import { firstOf, managesPlans, requiredIn } from '../rules';

export { firstOf, managesPlans };

/** Each refusal the action's rules can give, with its stable code. */
export const refuse = {
  notFound: () => new DomainError('ACTION.NOT_FOUND', 'there is no such action'),
  alreadyRaised: () => new DomainError('ACTION.ALREADY_RAISED', 'this action has been raised already'),
  signedOff: () => new DomainError('ACTION.SIGNED_OFF', 'the action is signed off: reopen it before changing it'),
  withdrawn: () => new DomainError('ACTION.WITHDRAWN', 'the action is withdrawn: reopen it before changing it'),
  submitted: () => new DomainError('ACTION.AWAITING_SIGN_OFF', 'the action is with the panel: wait for its decision'),
  notOwner: () => new DomainError('ACTION.NOT_OWNER', "only the action's owners and plan managers can do this"),
  notPlanManager: () => new DomainError('ACTION.NOT_PLAN_MANAGER', 'only a plan manager can do this'),
  panelOnly: () => new DomainError('ACTION.PANEL_DECIDES', 'only an evidence challenge panel decision records an outcome'),
  notSubmitted: () => new DomainError('ACTION.NOT_SUBMITTED', 'only an action submitted for sign-off can be decided'),
  noLeadOwner: () => new DomainError('ACTION.NO_LEAD_OWNER', 'an action needs at least one lead owner'),
  futureProgress: (effectiveDay: string | null) =>
    new DomainError(
      'ACTION.AS_OF_IN_FUTURE',
      effectiveDay
        ? `asOf: progress given on ${effectiveDay} cannot be reported as of a later day`
        : 'progress cannot be reported as of a future date',
    ),
  backdatingReason: () => new DomainError('ACTION.BACKDATING_REASON_REQUIRED', 'progress as of an earlier day needs a reason'),
  progressBeforeRaised: (raisedOn: string) =>
    new DomainError(
      'ACTION.AS_OF_BEFORE_RAISED',
      `asOf: the action was raised on ${raisedOn}; progress cannot be reported as of an earlier day`,
    ),
  unknownEvidence: (id: string) => new DomainError('ACTION.UNKNOWN_EVIDENCE', `evidence ${id} is not attached to this action`),
  duplicateEvidence: (id: string) => new DomainError('ACTION.EVIDENCE_EXISTS', `evidence ${id} is attached already`),
  noEvidence: () => new DomainError('ACTION.NO_EVIDENCE', 'a submission must rely on at least one piece of evidence'),
  evidenceSource: () => new DomainError('ACTION.EVIDENCE_SOURCE', 'evidence needs a link or an uploaded file'),
  unanswered: (point: string) => new DomainError('ACTION.CHALLENGE_UNANSWERED', `the panel's challenge "${point}" has no answer`),
  revisionPending: () => new DomainError('ACTION.REVISION_PENDING', 'a target date revision is already waiting for approval'),
  noSuchRevision: () => new DomainError('ACTION.NO_SUCH_REVISION', 'no such target date revision is waiting for approval'),
  unreadableDate: (note: string) => new DomainError('ACTION.TARGET_DATE_UNREADABLE', `the proposed target date cannot be read: ${note}`),
  noChallengePoints: () =>
    new DomainError('ACTION.CHALLENGE_POINTS_REQUIRED', 'asking for more evidence needs the challenge points to answer'),
  selfLink: () => new DomainError('ACTION.SELF_LINK', 'an action cannot be linked to itself'),
  linkTargetUnknown: (id: string) => new DomainError('ACTION.LINK_TARGET_NOT_FOUND', `there is no action ${id} to link to`),
  linkExists: () => new DomainError('ACTION.LINK_EXISTS', 'the action is linked that way already'),
  noSuchLink: () => new DomainError('ACTION.NO_SUCH_LINK', 'the action has no such link'),
  alreadyDuplicate: (id: string) => new DomainError('ACTION.ALREADY_DUPLICATE', `the action is already marked a duplicate of ${id}`),
  notClosed: () => new DomainError('ACTION.NOT_CLOSED', 'only a signed-off or withdrawn action can be reopened'),
  alreadySignedOff: () => new DomainError('ACTION.ALREADY_SIGNED_OFF', 'the action is signed off already'),
  duplicateNotSignedOff: (id: string) =>
    new DomainError('ACTION.DUPLICATE', `the action is a duplicate of ${id}: it is not counted, so sign off ${id} instead`),
  remindersBySystem: () =>
    new DomainError('ACTION.REMINDERS_BY_SYSTEM', 'only the reminder process records a reminder as sent: a person cannot say one was sent'),
  unknownReminderKind: (kind: string) => new DomainError('ACTION.UNKNOWN_REMINDER_KIND', `"${kind}" is not a kind of reminder`),
  unknownRecord: (field: string, kind: string, id: string) =>
    new DomainError('ACTION.UNKNOWN_REGISTER_RECORD', `${field}: there is no ${kind} ${id} in the register`),
  mergedRecord: (field: string, kind: string, id: string, into: string) =>
    new DomainError('ACTION.OWNER_MERGED', `${field}: the ${kind} ${id} was merged into ${into} in the register: name ${into} instead`),
  ownerLeft: (field: string, id: string) =>
    new DomainError(
      'ACTION.OWNER_HAS_LEFT',
      `${field}: the person ${id} has left, according to the register: name who holds their work now`,
    ),
  unknownUsers: (userIds: string[]) => new DomainError('ACTION.UNKNOWN_USER', `no user ${userIds.join(', ')} to link an owner to`),
  fileNotUploaded: (sha256: string) =>
    new DomainError('ACTION.FILE_NOT_UPLOADED', `no file with SHA-256 ${sha256} has been uploaded: POST it to /files first`),
  fileRestricted: () =>
    new DomainError('ACTION.FILE_RESTRICTED', 'that file is restricted evidence of an action whose restricted evidence you may not read'),
  selfOwnership: () =>
    new DomainError(
      'ACTION.SELF_OWNERSHIP',
      'a plan manager cannot make themself an owner alone: propose the change for another plan manager to approve',
    ),
  ownerChangePending: () =>
    new DomainError('ACTION.OWNER_CHANGE_PENDING', 'a change of owners is waiting for approval: approve or reject it first'),
  noSuchOwnerChange: () => new DomainError('ACTION.NO_SUCH_OWNER_CHANGE', 'no such change of owners is waiting for approval'),
  signOffProposed: (by: string) =>
    new DomainError(
      'ACTION.SIGN_OFF_PROPOSED',
      `a sign-off proposed by ${by} is waiting for a second officer's confirmation: confirm or reject it first`,
    ),
  noSignOffProposed: () => new DomainError('ACTION.NO_SIGN_OFF_PROPOSED', 'no proposed sign-off is waiting for confirmation'),
  selfConfirmation: () =>
    new DomainError(
      'ACTION.SELF_CONFIRMATION',
      'a proposed sign-off is confirmed by a plan manager or admin other than the one who proposed it',
      true,
    ),
  selfApproval: () =>
    new DomainError('ACTION.SELF_APPROVAL', 'a change of owners is approved by someone other than the plan manager who proposed it', true),
  notRestrictedFile: (evidenceId: string) =>
    new DomainError('ACTION.NOT_RESTRICTED_FILE', `evidence ${evidenceId} is not restricted evidence carrying that file`),
  noApprovalToClose: () =>
    new DomainError('ACTION.NO_APPROVAL_TO_CLOSE', "the action's plan requires no approval to close: its sign-off completes it"),
  notSignedOff: () => new DomainError('ACTION.NOT_SIGNED_OFF', 'approval to close follows the sign-off: this action is not signed off'),
  approvalBeforeSignOff: (approvedOn: string, signedOffOn: string) =>
    new DomainError(
      'ACTION.APPROVAL_BEFORE_SIGN_OFF',
      `effective.at: approval to close on ${approvedOn} would come before the sign-off it follows, on ${signedOffOn}`,
    ),
  alreadyApprovedToClose: (body: string) =>
    new DomainError('ACTION.ALREADY_APPROVED_TO_CLOSE', `approval to close by ${body} is recorded already`),
  notDelegatedBody: (body: string, named: string[]) =>
    new DomainError(
      'ACTION.NOT_DELEGATED_BODY',
      named.length
        ? `body: "${body}" may not take the sign-off on this plan: it names ${named.map((n) => `"${n}"`).join(', ')}`
        : `body: "${body}" may not take the sign-off: this plan lets no other body take it`,
    ),
  recorderConflicted: (what: string, who: string) =>
    new DomainError('ACTION.CONFLICT_OF_INTEREST', `you are ${who}, so you may not record ${what} for it: ask another plan manager`),
  panelNotFound: () => new DomainError('PANEL.NOT_FOUND', 'there is no such panel meeting'),
  notPanelMember: () =>
    new DomainError('PANEL.NOT_A_MEMBER', 'only the members of this panel and plan managers raise actions resulting from it', true),
  notMeetingsPlan: (planId: string) =>
    new DomainError('PANEL.PLAN_NOT_SERVED', `planId: ${planId} is not a plan of this meeting (its own, or one its standing panel serves)`),
};

/** Whoever owns or submitted the action does not record its sign-off or approval to close, nor confirm one (ADR 28). */
export function conflictedRecorder(
  c: { actor: Pick<Actor, 'userId'> },
  state: Owners,
  submittedBy: string | null,
  what: string,
): DomainError | null {
  const userId = c.actor.userId;
  if (isOwner(state, userId)) return refuse.recorderConflicted(what, 'an owner of this action');
  return submittedBy === userId ? refuse.recorderConflicted(what, 'who submitted this action for sign-off') : null;
}

/** "Only the owner" is enforced through the user an owner is linked to, so that user must exist. */
export const knownUsers = (unknownUsers: string[]) => (unknownUsers.length ? refuse.unknownUsers(unknownUsers) : null);

/** Owners (linked to the acting user) and plan managers may work on the action. */
export function mayWork(state: ActionState, actor: Actor): DomainError | null {
  return managesPlans(actor) || isOwner(state, actor.userId) ? null : refuse.notOwner();
}

/** The action exists and is open to change by its owners. */
export function isOpen(state: ActionState): DomainError | null {
  switch (state.stage) {
    case 'not raised':
      return refuse.notFound();
    case 'complete':
      return refuse.signedOff();
    case 'withdrawn':
      return refuse.withdrawn();
    case 'open':
    case 'submitted':
      return null;
  }
}

export const required = (value: string | undefined | null, field: string) => requiredIn('ACTION', value, field);

export function hasLeadOwner(leadOwners: Owner[]): DomainError | null {
  return leadOwners.length === 0 ? refuse.noLeadOwner() : null;
}
