import type { Decider } from '../decider';
import type { DomainError } from '../domain-error';
import { refuseEffective, withEffectiveRules, type Beginnings } from '../effective';
import { mayRaiseActionIn } from '../plan/plan.rules';
import { REMINDER_KINDS } from '../reminders/reminder-policy';
import { readStartDate, readTargetDate } from '../target-date';
import { ratedAs } from './action.rating';
import type { ActionCommand } from './action.commands';
import type { ActionEvent } from './action.events';
import { approveOwnerChange, changeOwners, knownRecords, proposeOwnerChange, rejectOwnerChange, selfOwnership } from './action.owners';
import { recordRestrictedRead } from './action.restricted-read';
import { confirmSignOff, proposeDelegatedSignOff, proposeSignOffFromPaper, rejectSignOff } from './action.proposed-sign-off';
import { recordApprovalToClose } from './action.two-step';
import { firstOf, hasLeadOwner, isOpen, knownUsers, managesPlans, mayWork, refuse, required } from './action.rules';
import { duplicateOf, evolveAction, initialActionState, reminderSentKey, sameLink, type ActionState } from './action.state';
import { decodeActionEvent } from './action.stream';

type Decision = ActionEvent[] | DomainError;
type Of<T extends ActionCommand['type']> = Extract<ActionCommand, { type: T }>;

/** Every rule of one action, as a pure function of its history and a command. */
export const actionDecider: Decider<ActionCommand, ActionEvent, ActionState> = {
  initialState: initialActionState,
  evolve: evolveAction,
  decode: decodeActionEvent,
  decide: (command, state) => withEffectiveRules(actionRules.decide(command, state), command, beginningsOf(command)),
};

/** What an action's effective date may not precede: its plan (and meeting) when raised, itself after. */
function beginningsOf(command: ActionCommand): Beginnings {
  if (command.type === 'RaiseAction') return { plan: command.facts.planBegan };
  if (command.type === 'RaiseResultingAction') {
    const day = command.facts.panel?.date;
    return { plan: command.facts.planBegan, meeting: day ? `${day}T00:00:00.000Z` : null };
  }
  return { action: command.began };
}

/** The action's own rules, before its effective date is checked. */
const actionRules: Pick<Decider<ActionCommand, ActionEvent, ActionState>, 'decide'> = {
  decide(command, state): Decision {
    switch (command.type) {
      case 'RaiseAction':
        return raise(command, state);
      case 'RaiseResultingAction':
        return raiseResulting(command, state);
      case 'AmendAction':
        return amend(command, state);
      case 'ChangeOwners':
        return changeOwners(command, state);
      case 'ProposeOwnerChange':
        return proposeOwnerChange(command, state);
      case 'ApproveOwnerChange':
        return approveOwnerChange(command, state);
      case 'RejectOwnerChange':
        return rejectOwnerChange(command, state);
      case 'RecordRestrictedRead':
        return recordRestrictedRead(command, state);
      case 'UpdateProgress':
        return updateProgress(command, state);
      case 'ModerateRating':
        return moderateRating(command, state);
      case 'AttachEvidence':
        return attachEvidence(command, state);
      case 'WithdrawEvidence':
        return withdrawEvidence(command, state);
      case 'RequestTargetDateRevision':
        return requestRevision(command, state);
      case 'ApproveTargetDateRevision':
        return (
          firstOf(isOpen(state), onlyManagers(command), pending(state, command.revisionId)) ?? [
            { type: 'TargetDateRevisionApproved', data: { revisionId: command.revisionId } },
          ]
        );
      case 'RejectTargetDateRevision':
        return (
          firstOf(isOpen(state), onlyManagers(command), pending(state, command.revisionId), required(command.reason, 'reason')) ?? [
            { type: 'TargetDateRevisionRejected', data: { revisionId: command.revisionId, reason: command.reason } },
          ]
        );
      case 'SubmitForSignOff':
        return submit(command, state);
      case 'RecordPanelOutcome':
        return recordOutcome(command, state);
      case 'LinkAction':
        return link(command, state);
      case 'UnlinkAction':
        return unlink(command, state);
      case 'WithdrawAction':
        return (
          firstOf(isOpen(state), onlyManagers(command), required(command.reason, 'reason')) ?? [
            { type: 'ActionWithdrawn', data: { reason: command.reason } },
          ]
        );
      case 'ReopenAction':
        return (
          firstOf(
            state.stage === 'not raised' ? refuse.notFound() : null,
            onlyManagers(command),
            state.stage === 'complete' || state.stage === 'withdrawn' ? null : refuse.notClosed(),
            required(command.reason, 'reason'),
          ) ?? [{ type: 'ActionReopened', data: { reason: command.reason } }]
        );
      case 'RecordReminderSent':
        return recordReminder(command, state);
      case 'RecordSignOffFromPaper':
        return proposeSignOffFromPaper(command, state);
      case 'RecordApprovalToClose':
        return recordApprovalToClose(command, state);
      case 'RecordDelegatedSignOff':
        return proposeDelegatedSignOff(command, state);
      case 'ConfirmSignOff':
        return confirmSignOff(command, state);
      case 'RejectSignOff':
        return rejectSignOff(command, state);
      default: {
        const unhandled: never = command;
        throw new Error(`unhandled command ${JSON.stringify(unhandled)}`);
      }
    }
  },
};

const onlyManagers = (command: ActionCommand) => (managesPlans(command.actor) ? null : refuse.notPlanManager());
const pending = (state: ActionState, revisionId: string) =>
  state.pendingRevision?.revisionId === revisionId ? null : refuse.noSuchRevision();
const notWithPanel = (state: ActionState) => (state.stage === 'submitted' ? refuse.submitted() : null);

function raise(c: Of<'RaiseAction'>, state: ActionState): Decision {
  return (
    firstOf(
      mayRaiseActionIn(c.facts.plan, c.groupingId),
      knownUsers(c.facts.unknownUsers),
      knownRecords(c.facts.ownerRecords, state),
      state.stage === 'not raised' ? null : refuse.alreadyRaised(),
      onlyManagers(c),
      required(c.description, 'description'),
      hasLeadOwner(c.leadOwners),
      selfOwnership(c.actor, state, c),
    ) ?? [raised(c, c.planId)]
  );
}

/** A panel raises resulting actions itself: its members, and plan managers, may raise them, in one of the meeting's plans. */
function raiseResulting(c: Of<'RaiseResultingAction'>, state: ActionState): Decision {
  const { panel } = c.facts;
  if (!panel) return refuse.panelNotFound();
  const planId = c.planId?.trim() || panel.planId;
  return (
    firstOf(
      panel.members.includes(c.actor.userId) || managesPlans(c.actor) ? null : refuse.notPanelMember(),
      planId === panel.planId || panel.planIds?.includes(planId) ? null : refuse.notMeetingsPlan(planId),
      // An action results from a meeting that has met; entered from its minutes, the effective date is checked against its day.
      !c.effective && panel.date && panel.date > c.now.slice(0, 10)
        ? refuseEffective.meetingAhead(panel.date, 'what resulted from it')
        : null,
      mayRaiseActionIn(c.facts.plan, c.groupingId),
      knownUsers(c.facts.unknownUsers),
      knownRecords(c.facts.ownerRecords, state),
      state.stage === 'not raised' ? null : refuse.alreadyRaised(),
      required(c.description, 'description'),
      hasLeadOwner(c.leadOwners),
    ) ?? [raised(c, planId, c.panelId)]
  );
}

function raised(c: Of<'RaiseAction'> | Of<'RaiseResultingAction'>, planId: string, raisedAtPanel?: string): ActionEvent {
  return {
    type: 'ActionRaised',
    data: {
      actionId: c.actionId,
      planId,
      groupingId: c.groupingId,
      references: c.references,
      description: c.description.trim(),
      leadOwners: c.leadOwners,
      supportingOwners: c.supportingOwners ?? [],
      targetDate: readTargetDate(c.targetDate),
      ...(c.startDate ? { startDate: readStartDate(c.startDate) } : {}),
      evidenceRequired: c.evidenceRequired ?? null,
      ...(raisedAtPanel ? { raisedAtPanel } : {}),
    },
  };
}

function amend(c: Of<'AmendAction'>, state: ActionState): Decision {
  const { description, references, evidenceRequired, reason } = c;
  // Left out: unchanged; null or blank: cleared.
  const startDate = c.startDate === undefined ? {} : { startDate: c.startDate?.trim() ? readStartDate(c.startDate) : null };
  return (
    firstOf(
      isOpen(state),
      onlyManagers(c),
      description === undefined ? null : required(description, 'description'),
      required(reason, 'reason'),
    ) ?? [{ type: 'ActionAmended', data: { description, references, evidenceRequired, ...startDate, reason } }]
  );
}

/**
 * `asOf` is the day the update describes; an effective date is when it was given (the paper
 * reporting it). So `asOf` is judged against the effective day when there is one, today when not:
 * not after it, and before it only with a backdating reason. Nor before the action was raised
 * (its stream's first day, a paper's day for an imported one): there was no action to progress.
 */
function updateProgress(c: Of<'UpdateProgress'>, state: ActionState): Decision {
  const today = (c.effective?.at ?? c.now).slice(0, 10);
  const asOf = c.asOf.slice(0, 10);
  const backdated = asOf < today;
  const raisedOn = c.began?.slice(0, 10);
  const rating = c.rating === undefined ? null : ratedAs(c.rating, c.facts.scheme, state, c.facts.completion, c.facts.measures);
  return (
    firstOf(
      isOpen(state),
      mayWork(state, c.actor),
      required(c.commentary, 'commentary'),
      asOf > today ? refuse.futureProgress(c.effective ? today : null) : null,
      backdated && !c.backdatingReason?.trim() ? refuse.backdatingReason() : null,
      raisedOn && asOf < raisedOn ? refuse.progressBeforeRaised(raisedOn) : null,
      rating && 'code' in rating ? rating : null,
    ) ?? [
      {
        type: 'ProgressUpdated',
        data: {
          commentary: c.commentary.trim(),
          assessment: c.assessment,
          asOf,
          backdatingReason: backdated ? c.backdatingReason!.trim() : null,
          ...(rating && 'key' in rating ? { rating: rating.key } : {}),
        },
      },
    ]
  );
}

/** A plan manager's rating stands over the owner's until the next one; it may say complete once the panel has signed off. */
function moderateRating(c: Of<'ModerateRating'>, state: ActionState): Decision {
  const rating = ratedAs(c.rating, c.facts.scheme, state, c.facts.completion, c.facts.measures);
  return (
    firstOf(
      state.stage === 'not raised' ? refuse.notFound() : null,
      state.stage === 'withdrawn' ? refuse.withdrawn() : null,
      onlyManagers(c),
      required(c.authority, 'authority'),
      required(c.reason, 'reason'),
      'code' in rating ? rating : null,
    ) ?? [
      {
        type: 'RatingModerated',
        data: { rating: (rating as { key: string }).key, authority: c.authority.trim(), reason: c.reason.trim() },
      },
    ]
  );
}

/** A file must have been uploaded, and may not be restricted evidence elsewhere that the actor may not read. */
function attachedFile(c: Of<'AttachEvidence'>): {
  refusal: DomainError | null;
  file: { name: string; sha256: string; bytes: number } | null;
} {
  if (!c.file) return { refusal: null, file: null };
  const facts = c.facts.file;
  if (facts?.bytes === null || facts?.bytes === undefined) return { refusal: refuse.fileNotUploaded(c.file.sha256), file: null };
  if (!facts.readable) return { refusal: refuse.fileRestricted(), file: null };
  return { refusal: null, file: { name: c.file.name, sha256: c.file.sha256, bytes: facts.bytes } };
}

function attachEvidence(c: Of<'AttachEvidence'>, state: ActionState): Decision {
  const { refusal, file } = attachedFile(c);
  if (refusal) return refusal;
  const refused = firstOf(
    state.stage === 'not raised' ? refuse.notFound() : null,
    state.stage === 'withdrawn' ? refuse.withdrawn() : null,
    mayWork(state, c.actor),
    required(c.title, 'title'),
    state.evidence.has(c.evidenceId) ? refuse.duplicateEvidence(c.evidenceId) : null,
    c.link || c.file ? null : refuse.evidenceSource(),
  );
  if (refused) return refused;
  const attached: ActionEvent = {
    type: 'EvidenceAttached',
    data: { evidenceId: c.evidenceId, title: c.title.trim(), kind: c.kind, link: c.link ?? null, file, restricted: c.restricted ?? false },
  };
  // New evidence after a sign-off does not undo it, but the sign-off no longer covers everything.
  return state.stage === 'complete'
    ? [attached, { type: 'SignOffFlagged', data: { evidenceId: c.evidenceId, reason: 'evidence attached after sign-off' } }]
    : [attached];
}

function withdrawEvidence(c: Of<'WithdrawEvidence'>, state: ActionState): Decision {
  const item = state.evidence.get(c.evidenceId);
  const refused = firstOf(
    state.stage === 'not raised' ? refuse.notFound() : null,
    mayWork(state, c.actor),
    !item || item.withdrawn ? refuse.unknownEvidence(c.evidenceId) : null,
    notWithPanel(state),
    required(c.reason, 'reason'),
  );
  if (refused) return refused;
  const withdrawn: ActionEvent = { type: 'EvidenceWithdrawn', data: { evidenceId: c.evidenceId, reason: c.reason } };
  return state.stage === 'complete' && state.signedOffEvidence.includes(c.evidenceId)
    ? [withdrawn, { type: 'SignOffFlagged', data: { evidenceId: c.evidenceId, reason: 'evidence the sign-off relied on was withdrawn' } }]
    : [withdrawn];
}

function requestRevision(c: Of<'RequestTargetDateRevision'>, state: ActionState): Decision {
  const proposed = readTargetDate(c.proposed);
  return (
    firstOf(
      isOpen(state),
      mayWork(state, c.actor),
      state.pendingRevision ? refuse.revisionPending() : null,
      proposed.precision === 'unknown' ? refuse.unreadableDate(proposed.note ?? '') : null,
      required(c.reason, 'reason'),
    ) ?? [{ type: 'TargetDateRevisionRequested', data: { revisionId: c.revisionId, proposed, reason: c.reason } }]
  );
}

function submit(c: Of<'SubmitForSignOff'>, state: ActionState): Decision {
  const live = (id: string) => state.evidence.get(id)?.withdrawn === false;
  const unanswered = state.openChallengePoints.find((point) => !c.answers?.[point]?.trim());
  const duplicated = duplicateOf(state);
  return (
    firstOf(
      isOpen(state),
      notWithPanel(state),
      mayWork(state, c.actor),
      // A duplicate is never counted: the action it duplicates is the one to sign off.
      duplicated ? refuse.duplicateNotSignedOff(duplicated) : null,
      c.evidenceIds.length === 0 ? refuse.noEvidence() : null,
      ...c.evidenceIds.map((id) => (live(id) ? null : refuse.unknownEvidence(id))),
      unanswered ? refuse.unanswered(unanswered) : null,
    ) ?? [{ type: 'SubmittedForSignOff', data: { evidenceIds: c.evidenceIds, note: c.note ?? '', answers: c.answers ?? {} } }]
  );
}

/** Only the panel process (acting as `system` on a panel's decision) records an outcome. */
function recordOutcome(c: Of<'RecordPanelOutcome'>, state: ActionState): Decision {
  // The panel process may deliver a decision again after a restart: applying it twice changes nothing.
  if (state.decisionsRecorded.includes(c.decisionId)) return [];
  return (
    firstOf(
      state.stage === 'not raised' ? refuse.notFound() : null,
      c.actor.role === 'system' ? null : refuse.panelOnly(),
      state.stage === 'submitted' ? null : refuse.notSubmitted(),
      required(c.rationale, 'rationale'),
      c.outcome === 'more evidence required' && !c.challengePoints?.length ? refuse.noChallengePoints() : null,
    ) ?? [
      {
        type: 'PanelOutcomeRecorded',
        data: {
          panelId: c.panelId,
          decisionId: c.decisionId,
          outcome: c.outcome,
          rationale: c.rationale,
          challengePoints: c.outcome === 'more evidence required' ? (c.challengePoints ?? []) : [],
          ...(c.quorum ? { quorum: c.quorum } : {}),
        },
      },
    ]
  );
}

/** Marking a duplicate changes what boards are told, so only plan managers do it. */
function mayLink(c: Of<'LinkAction'> | Of<'UnlinkAction'>, state: ActionState) {
  return c.kind === 'duplicate of' ? onlyManagers(c) : mayWork(state, c.actor);
}

function link(c: Of<'LinkAction'>, state: ActionState): Decision {
  const duplicated = duplicateOf(state);
  return (
    firstOf(
      state.stage === 'not raised' ? refuse.notFound() : null,
      state.stage === 'withdrawn' ? refuse.withdrawn() : null,
      mayLink(c, state),
      c.targetActionId === c.actionId ? refuse.selfLink() : null,
      c.facts.targetExists ? null : refuse.linkTargetUnknown(c.targetActionId),
      state.links.some((existing) => sameLink(existing, c)) ? refuse.linkExists() : null,
      c.kind === 'duplicate of' && duplicated ? refuse.alreadyDuplicate(duplicated) : null,
    ) ?? [{ type: 'ActionLinked', data: { kind: c.kind, targetActionId: c.targetActionId, note: c.note?.trim() || null } }]
  );
}

function unlink(c: Of<'UnlinkAction'>, state: ActionState): Decision {
  return (
    firstOf(
      state.stage === 'not raised' ? refuse.notFound() : null,
      mayLink(c, state),
      state.links.some((existing) => sameLink(existing, c)) ? null : refuse.noSuchLink(),
      required(c.reason, 'reason'),
    ) ?? [{ type: 'ActionUnlinked', data: { kind: c.kind, targetActionId: c.targetActionId, reason: c.reason } }]
  );
}

/**
 * A reminder handed over is a fact whatever stage the action has reached since (one sent just before a
 * sign-off still happened), so only an action never raised refuses it. Recording it again, after a
 * retry or a second worker, changes nothing.
 */
function recordReminder(c: Of<'RecordReminderSent'>, state: ActionState): Decision {
  const refused = firstOf(
    state.stage === 'not raised' ? refuse.notFound() : null,
    c.actor.role === 'system' ? null : refuse.remindersBySystem(),
    required(c.key, 'key'),
    required(c.recipient, 'recipient'),
    required(c.rule, 'rule'),
    REMINDER_KINDS.includes(c.kind) ? null : refuse.unknownReminderKind(c.kind),
  );
  if (refused) return refused;
  if (state.remindersSent.includes(reminderSentKey(c.key, c.recipient))) return [];
  const { key, kind, recipient, aboutTargetDate, rule, digestId } = c;
  return [{ type: 'ReminderSent', data: { key, kind, recipient, aboutTargetDate, rule, ...(digestId ? { digestId } : {}) } }];
}
