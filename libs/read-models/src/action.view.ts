import {
  completionRuleOf,
  decodeActionEvent,
  evolveAction,
  initialActionState,
  statusOf,
  type ActionEvent,
  type ActionState,
  type Assessment,
  type CanonicalStatus,
  type CompletionRule,
  type EvidenceConsidered,
  type LinkKind,
  type Owner,
  type PlanState,
  type PanelOutcome,
  type ReminderKind,
  type StartDate,
  type TargetDate,
} from '@actionplans/domain';
import type { RecordedEvent } from '@actionplans/event-store';
import type { RecordedRating } from './rating.view';

export interface Attribution {
  by: { id: string; role: string };
  /** When it happened (business time; may be backdated). */
  at: string;
  /** When it was recorded. */
  recordedAt: string;
}

export interface ActionView {
  actionId: string;
  planId: string;
  groupingId: string;
  references: string[];
  description: string;
  leadOwners: Owner[];
  supportingOwners: Owner[];
  evidenceRequired: string | null;
  raisedAtPanel: string | null;
  stage: Exclude<ActionState['stage'], 'not raised'>;
  status: { status: CanonicalStatus; label: string; reason: string; awaitingApprovalToClose?: { body: string } };
  originalTargetDate: TargetDate | null;
  targetDate: TargetDate | null;
  startDate: StartDate | null;
  /** The latest rating (a category key of the plan's scheme), proposed with an update or moderated; null if never rated. */
  rating: (RecordedRating & { reason: string | null } & Attribution) | null;
  /** Owners proposed for a second plan manager's approval, and what became of each proposal. */
  ownerChanges: Array<{
    changeId: string;
    leadOwners: Owner[];
    supportingOwners: Owner[];
    reason: string;
    state: 'pending' | 'approved' | 'rejected';
    proposed: Attribution;
    decided: Attribution | null;
    rejectionReason: string | null;
  }>;
  revisions: Array<{
    revisionId: string;
    proposed: TargetDate;
    reason: string;
    state: 'pending' | 'approved' | 'rejected';
    requested: Attribution;
    decided: Attribution | null;
    rejectionReason: string | null;
  }>;
  progress: Array<
    { commentary: string; assessment: Assessment; asOf: string; backdatingReason: string | null; rating?: string } & Attribution
  >;
  evidence: Array<
    {
      evidenceId: string;
      title: string;
      kind: string;
      link: string | null;
      file: { name: string; sha256: string; bytes: number } | null;
      restricted: boolean;
      withdrawn: boolean;
    } & Attribution
  >;
  links: Array<{ kind: LinkKind; targetActionId: string; note: string | null }>;
  submissions: Array<{ evidenceIds: string[]; note: string; answers: Record<string, string> } & Attribution>;
  panelOutcomes: Array<
    { panelId: string; decisionId: string; outcome: PanelOutcome; rationale: string; challengePoints: string[] } & Attribution
  >;
  openChallengePoints: string[];
  signOffFlags: Array<{ evidenceId: string; reason: string } & Attribution>;
  /** A sign-off taken from the paper that records it (the plan came into the engine after it was given); null once reopened. */
  signedOffFromPaper: ({ source: string } & Attribution) | null;
  /** A sign-off a body the plan names took in the panel's place; null once reopened. */
  delegatedSignOff:
    | ({
        body: string;
        meetingDate: string;
        authority: string;
        rationale: string;
        evidenceConsidered: EvidenceConsidered[];
      } & Attribution & {
          source: string | null;
        })
    | null;
  /**
   * A sign-off typed in from a paper or for a delegated body, waiting for a second plan manager's
   * confirmation (ADR 33): what it would record, when it happened as proposed, and who proposed it.
   */
  proposedSignOff:
    | ((
        | { kind: 'from paper'; source: string }
        | {
            kind: 'delegated';
            body: string;
            meetingDate: string;
            authority: string;
            rationale: string;
            evidenceConsidered: EvidenceConsidered[];
          }
      ) &
        Attribution & { effectiveOn: string | null })
    | null;
  /** The named body's approval to close after the sign-off: who recorded it, when it was given (and from what), on whose authority; null once reopened. */
  approvalToClose: ({ body: string; authority: string } & Attribution & { source: string | null }) | null;
  /** Every reminder handed over for delivery: "the owner was reminded on 3 March". */
  reminders: Array<{ key: string; kind: ReminderKind; recipient: string; aboutTargetDate: string | null; rule: string } & Attribution>;
  /** The stream version (the `ETag`) and the global position of its newest event. */
  version: number;
  position: number;
}

export interface StatusContext {
  /** YYYY-MM-DD. */
  today: string;
  warningDays: number;
  /** The plan's own wording for each canonical status. */
  labels: Partial<Record<CanonicalStatus, string>>;
  /** What completes an action on its plan; absent: the panel's sign-off. */
  completion?: CompletionRule;
}

/** How a plan computes its actions' statuses on `today`: its warning window, wording and what completes an action. */
export const statusContextOf = (plan: PlanState, today: string): StatusContext => ({
  today,
  warningDays: plan.warningDays,
  labels: plan.statusLabels,
  completion: completionRuleOf(plan),
});

/** Where an entry about the past is written down (its effective date's source), if it says. */
const sourceOf = (event: RecordedEvent): string | null => (typeof event.metadata.source === 'string' ? event.metadata.source : null);

const attribution = (event: RecordedEvent): Attribution => ({
  by: event.metadata.actor,
  at: event.metadata.occurredAt,
  recordedAt: event.metadata.recordedAt,
});

/** An action as its stream tells it, with its status computed for `context.today`. */
export function actionView(events: RecordedEvent[], context: StatusContext): ActionView | null {
  if (events.length === 0 || events[0].type !== 'ActionRaised') return null;
  const decoded = events.map(decodeActionEvent);
  const first = decoded[0];
  if (first.type !== 'ActionRaised') return null;
  let state = initialActionState;
  const view = emptyView(first.data);
  for (const event of decoded) {
    state = evolveAction(state, event);
    applyToView(view, event);
  }
  const computed = statusOf(state, context.today, { warningDays: context.warningDays, completion: context.completion });
  return {
    ...view,
    stage: state.stage as ActionView['stage'],
    leadOwners: state.leadOwners,
    supportingOwners: state.supportingOwners,
    targetDate: state.targetDate,
    originalTargetDate: state.originalTargetDate,
    startDate: state.startDate,
    openChallengePoints: state.openChallengePoints,
    status: { ...computed, label: context.labels[computed.status] ?? computed.status },
    version: events.length,
    position: events.at(-1)!.position,
  };
}

function emptyView(raised: Extract<ActionEvent, { type: 'ActionRaised' }>['data']): ActionView {
  const { actionId, planId, groupingId, references, description, evidenceRequired, raisedAtPanel } = raised;
  return {
    actionId,
    planId,
    groupingId,
    references,
    description,
    evidenceRequired,
    raisedAtPanel: raisedAtPanel ?? null,
    leadOwners: [],
    supportingOwners: [],
    stage: 'open',
    status: { status: 'not started', label: '', reason: '' },
    originalTargetDate: null,
    targetDate: null,
    startDate: null,
    rating: null,
    ownerChanges: [],
    revisions: [],
    progress: [],
    evidence: [],
    links: [],
    submissions: [],
    panelOutcomes: [],
    openChallengePoints: [],
    signOffFlags: [],
    signedOffFromPaper: null,
    delegatedSignOff: null,
    proposedSignOff: null,
    approvalToClose: null,
    reminders: [],
    version: 0,
    position: 0,
  };
}

function applyToView(view: ActionView, event: RecordedEvent & ActionEvent): void {
  const by = attribution(event);
  switch (event.type) {
    case 'ActionAmended':
      if (event.data.description !== undefined) view.description = event.data.description;
      if (event.data.references !== undefined) view.references = event.data.references;
      if (event.data.evidenceRequired !== undefined) view.evidenceRequired = event.data.evidenceRequired;
      return;
    case 'ProgressUpdated':
      view.progress.push({ ...event.data, ...by });
      if (event.data.rating) view.rating = { category: event.data.rating, authority: null, reason: null, ...by };
      return;
    case 'RatingModerated':
      view.rating = { category: event.data.rating, authority: event.data.authority, reason: event.data.reason, ...by };
      return;
    case 'EvidenceAttached':
      view.evidence.push({ ...event.data, withdrawn: false, ...by });
      return;
    case 'EvidenceWithdrawn': {
      const item = view.evidence.find((evidence) => evidence.evidenceId === event.data.evidenceId);
      if (item) item.withdrawn = true;
      return;
    }
    case 'TargetDateRevisionRequested':
      view.revisions.push({ ...event.data, state: 'pending', requested: by, decided: null, rejectionReason: null });
      return;
    case 'TargetDateRevisionApproved':
    case 'TargetDateRevisionRejected': {
      const revision = view.revisions.find((candidate) => candidate.revisionId === event.data.revisionId);
      if (!revision) return;
      revision.decided = by;
      revision.state = event.type === 'TargetDateRevisionApproved' ? 'approved' : 'rejected';
      if (event.type === 'TargetDateRevisionRejected') revision.rejectionReason = event.data.reason;
      return;
    }
    case 'OwnerChangeProposed': {
      const { changeId, leadOwners, supportingOwners, reason } = event.data;
      view.ownerChanges.push({
        changeId,
        leadOwners,
        supportingOwners,
        reason,
        state: 'pending',
        proposed: by,
        decided: null,
        rejectionReason: null,
      });
      return;
    }
    case 'OwnerChangeApproved':
    case 'OwnerChangeRejected': {
      const change = view.ownerChanges.find((candidate) => candidate.changeId === event.data.changeId);
      if (!change) return;
      change.decided = by;
      change.state = event.type === 'OwnerChangeApproved' ? 'approved' : 'rejected';
      if (event.type === 'OwnerChangeRejected') change.rejectionReason = event.data.reason;
      return;
    }
    case 'ActionLinked':
      view.links.push(event.data);
      return;
    case 'ActionUnlinked':
      view.links = view.links.filter((link) => link.kind !== event.data.kind || link.targetActionId !== event.data.targetActionId);
      return;
    case 'SubmittedForSignOff':
      view.submissions.push({ ...event.data, ...by });
      return;
    case 'PanelOutcomeRecorded':
      view.panelOutcomes.push({ ...event.data, ...by });
      return;
    case 'SignOffFlagged':
      view.signOffFlags.push({ ...event.data, ...by });
      return;
    case 'ReminderSent':
      view.reminders.push({ ...event.data, ...by });
      return;
    case 'SignOffProposed': {
      const { signOff, effective } = event.data;
      const proposed = { ...by, effectiveOn: effective ? effective.at.slice(0, 10) : null };
      view.proposedSignOff =
        signOff.type === 'SignOffRecordedFromPaper'
          ? { kind: 'from paper', source: signOff.data.source, ...proposed }
          : { kind: 'delegated', ...signOff.data, ...proposed };
      return;
    }
    case 'SignOffConfirmed':
    case 'SignOffRejected':
      view.proposedSignOff = null;
      return;
    case 'SignOffRecordedFromPaper':
      view.signedOffFromPaper = { ...event.data, ...by };
      return;
    case 'SignedOffByDelegatedBody':
      view.delegatedSignOff = { ...event.data, ...by, source: sourceOf(event) };
      return;
    case 'ApprovalToCloseRecorded':
      view.approvalToClose = { ...event.data, ...by, source: sourceOf(event) };
      return;
    case 'ActionReopened':
      view.signedOffFromPaper = null;
      view.delegatedSignOff = null;
      view.approvalToClose = null;
      return;
    // Reads of restricted files are listed for auditors (`GET /plans/{id}/restricted-reads`), not on the action.
    case 'ActionRaised':
    case 'ActionWithdrawn':
    case 'OwnersChanged':
    case 'RestrictedEvidenceRead':
    default:
      return;
  }
}
