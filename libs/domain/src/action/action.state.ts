import type { Effective } from '../effective';
import type { StartDate, TargetDate } from '../target-date';
import type { ActionEvent, Assessment, LinkKind, Owner, RecordedSignOff } from './action.events';

export type Stage = 'not raised' | 'open' | 'submitted' | 'complete' | 'withdrawn';

export interface EvidenceItem {
  title: string;
  withdrawn: boolean;
  restricted: boolean;
  /** The file it carries, if any. */
  sha256: string | null;
}

/** Owners proposed and waiting for a second plan manager's approval. */
export interface PendingOwnerChange {
  changeId: string;
  leadOwners: Owner[];
  supportingOwners: Owner[];
  reason: string;
  proposedBy: string;
}

export interface ActionState {
  stage: Stage;
  leadOwners: Owner[];
  supportingOwners: Owner[];
  /** As first written; never changes. */
  originalTargetDate: TargetDate | null;
  /** As last approved. */
  targetDate: TargetDate | null;
  pendingRevision: { revisionId: string; proposed: TargetDate } | null;
  pendingOwnerChange: PendingOwnerChange | null;
  startDate: StartDate | null;
  /** The latest rating's category key, proposed with an update or moderated; null until one is given. */
  rating: string | null;
  evidence: Map<string, EvidenceItem>;
  latestProgress: { assessment: Assessment; asOf: string } | null;
  /** Points a panel raised that the next submission must answer. */
  openChallengePoints: string[];
  /** Evidence the pending or last submission relied on. */
  submittedEvidence: string[];
  /** Evidence the last sign-off relied on. */
  signedOffEvidence: string[];
  /** The paper a sign-off was taken from, when it was not given in the engine. */
  signedOffFromPaper: string | null;
  /** The delegated body (a meeting the plan names) that took the sign-off in the panel's place, if one did. */
  delegatedSignOff: string | null;
  /** A sign-off from a paper or a delegated body waiting for a second officer's confirmation. */
  proposedSignOff: { signOff: RecordedSignOff; proposedBy: string; effective: Effective | null } | null;
  /** The named body's approval to close after the sign-off; cleared when the action is reopened. */
  approvalToClose: { body: string; authority: string } | null;
  links: Array<{ kind: LinkKind; targetActionId: string }>;
  /** Panel decisions already applied, so a replayed decision changes nothing. */
  decisionsRecorded: string[];
  /** `${key}\n${recipient}` of each reminder recorded as sent, so one is never recorded (or sent) twice. */
  remindersSent: string[];
}

export const initialActionState: ActionState = {
  stage: 'not raised',
  leadOwners: [],
  supportingOwners: [],
  originalTargetDate: null,
  targetDate: null,
  pendingRevision: null,
  pendingOwnerChange: null,
  startDate: null,
  rating: null,
  evidence: new Map(),
  latestProgress: null,
  openChallengePoints: [],
  submittedEvidence: [],
  signedOffEvidence: [],
  signedOffFromPaper: null,
  delegatedSignOff: null,
  approvalToClose: null,
  proposedSignOff: null,
  links: [],
  decisionsRecorded: [],
  remindersSent: [],
};

export function evolveAction(state: ActionState, event: ActionEvent): ActionState {
  switch (event.type) {
    case 'ActionRaised': {
      const { leadOwners, supportingOwners, targetDate, startDate } = event.data;
      return {
        ...state,
        stage: 'open',
        leadOwners,
        supportingOwners,
        originalTargetDate: targetDate,
        targetDate,
        startDate: startDate ?? null,
      };
    }
    case 'ActionAmended':
      return event.data.startDate === undefined ? state : { ...state, startDate: event.data.startDate };
    case 'OwnersChanged':
      return { ...state, leadOwners: event.data.leadOwners, supportingOwners: event.data.supportingOwners };
    case 'ProgressUpdated':
      // An update without a rating leaves the last one standing, as a board's rating stands until changed.
      return {
        ...state,
        latestProgress: { assessment: event.data.assessment, asOf: event.data.asOf },
        rating: event.data.rating ?? state.rating,
      };
    case 'RatingModerated':
      return { ...state, rating: event.data.rating };
    case 'EvidenceAttached': {
      const { evidenceId, title, restricted, file } = event.data;
      const item = { title, withdrawn: false, restricted, sha256: file?.sha256 ?? null };
      return { ...state, evidence: new Map(state.evidence).set(evidenceId, item) };
    }
    case 'EvidenceWithdrawn': {
      const item = state.evidence.get(event.data.evidenceId)!;
      return { ...state, evidence: new Map(state.evidence).set(event.data.evidenceId, { ...item, withdrawn: true }) };
    }
    case 'OwnerChangeProposed':
      return { ...state, pendingOwnerChange: { ...event.data } };
    case 'OwnerChangeApproved':
    case 'OwnerChangeRejected':
      return { ...state, pendingOwnerChange: null };
    case 'TargetDateRevisionRequested':
      return { ...state, pendingRevision: { revisionId: event.data.revisionId, proposed: event.data.proposed } };
    case 'TargetDateRevisionApproved':
      return { ...state, targetDate: state.pendingRevision!.proposed, pendingRevision: null };
    case 'TargetDateRevisionRejected':
      return { ...state, pendingRevision: null };
    case 'SubmittedForSignOff':
      return { ...state, stage: 'submitted', openChallengePoints: [], submittedEvidence: event.data.evidenceIds };
    case 'PanelOutcomeRecorded':
      return {
        ...afterPanel(state, event.data.outcome, event.data.challengePoints),
        decisionsRecorded: [...state.decisionsRecorded, event.data.decisionId],
      };
    case 'ActionLinked':
      return { ...state, links: [...state.links, { kind: event.data.kind, targetActionId: event.data.targetActionId }] };
    case 'ActionUnlinked':
      return { ...state, links: state.links.filter((link) => !sameLink(link, event.data)) };
    case 'ActionWithdrawn':
      return { ...state, stage: 'withdrawn' };
    case 'ActionReopened':
      // Reopened, the action must be signed off (and approved to close) again.
      return { ...state, stage: 'open', signedOffEvidence: [], signedOffFromPaper: null, delegatedSignOff: null, approvalToClose: null };
    case 'SignOffProposed':
      return { ...state, proposedSignOff: { ...event.data } };
    case 'SignOffConfirmed':
    case 'SignOffRejected':
      return { ...state, proposedSignOff: null };
    case 'SignOffRecordedFromPaper':
      return { ...state, stage: 'complete', signedOffEvidence: [], signedOffFromPaper: event.data.source };
    case 'SignedOffByDelegatedBody':
      return { ...state, stage: 'complete', signedOffEvidence: state.submittedEvidence, delegatedSignOff: event.data.body };
    case 'ApprovalToCloseRecorded':
      return { ...state, approvalToClose: { body: event.data.body, authority: event.data.authority } };
    case 'ReminderSent':
      return { ...state, remindersSent: [...state.remindersSent, reminderSentKey(event.data.key, event.data.recipient)] };
    case 'SignOffFlagged':
    case 'RestrictedEvidenceRead':
      return state;
  }
}

function afterPanel(state: ActionState, outcome: string, challengePoints: string[]): ActionState {
  switch (outcome) {
    case 'signed off':
      return { ...state, stage: 'complete', signedOffEvidence: state.submittedEvidence };
    case 'deferred':
      return state;
    default:
      return { ...state, stage: 'open', openChallengePoints: challengePoints };
  }
}

/** How `remindersSent` names one reminder to one recipient. */
export const reminderSentKey = (key: string, recipient: string) => `${key}\n${recipient}`;

export const sameLink = (a: { kind: LinkKind; targetActionId: string }, b: { kind: LinkKind; targetActionId: string }) =>
  a.kind === b.kind && a.targetActionId === b.targetActionId;

/** The action this one duplicates, if any: a duplicate is never counted. */
export const duplicateOf = (state: Pick<ActionState, 'links'>) =>
  state.links.find((link) => link.kind === 'duplicate of')?.targetActionId ?? null;

export function liveEvidence(state: ActionState): string[] {
  return [...state.evidence].filter(([, item]) => !item.withdrawn).map(([id]) => id);
}

/** The users linked to an action's lead and supporting owners (owners named without a user have none). */
export const ownerUserIds = (owners: { leadOwners: Owner[]; supportingOwners: Owner[] }): string[] =>
  [...owners.leadOwners, ...owners.supportingOwners].flatMap((owner) => (owner.userId ? [owner.userId] : []));

/** An action's lead and supporting owners: all a rule about who owns it needs (a report row holds them too). */
export type Owners = Pick<ActionState, 'leadOwners' | 'supportingOwners'>;

/** Owners and supporting owners linked to this user. */
export function isOwner(state: Owners, userId: string): boolean {
  return [...state.leadOwners, ...state.supportingOwners].some((owner) => owner.userId === userId);
}
