import type { Assessment, CanonicalStatus, LinkKind, PanelOutcome } from '@actionplans/domain';

export class OwnerResponse {
  kind!: 'person' | 'role' | 'team' | 'organisation';
  name!: string;
  userId?: string;
  /** Where reminders reach an owner with no user account. */
  email?: string;
  /** The person in the register this owner is. */
  personId?: string;
  /** The organisation in the register this owner is. */
  organisationId?: string;
}

export class TargetDateResponse {
  /** As the plan wrote it. */
  raw!: string | null;
  precision!: 'day' | 'month' | 'quarter' | 'recurring' | 'unknown';
  /** The day it falls due (YYYY-MM-DD), when one can be read. */
  due!: string | null;
  cadence?: string;
  note?: string;
}

export class EvidenceConsideredResponse {
  evidenceId!: string;
  title!: string;
  sha256!: string | null;
}

export class ActorResponse {
  id!: string;
  role!: string;
}

export class AttributedResponse {
  by!: ActorResponse;
  /** When it happened (may be backdated). */
  at!: string;
  /** When it was recorded. */
  recordedAt!: string;
}

export class ApprovalToCloseResponse extends AttributedResponse {
  body!: string;
  /** On whose authority, e.g. "minute 6". */
  authority!: string;
  /** Where the day it was given is written down. */
  source!: string | null;
}

export class DelegatedSignOffResponse extends ApprovalToCloseResponse {
  meetingDate!: string;
  rationale!: string;
  evidenceConsidered!: EvidenceConsideredResponse[];
}

export class ComputedStatusResponse {
  status!: CanonicalStatus;
  /** The plan's own wording for the status. */
  label!: string;
  reason!: string;
  /** Signed off, and waiting for the approval to close its plan's scheme counts as complete. */
  awaitingApprovalToClose?: { body: string };
}

export class ProgressResponse extends AttributedResponse {
  commentary!: string;
  assessment!: Assessment;
  asOf!: string;
  backdatingReason!: string | null;
}

export class EvidenceFileResponse {
  /** Null when withheld: restricted evidence shown to someone who may not read it. */
  name!: string | null;
  sha256!: string;
  bytes!: number;
}

export class EvidenceResponse extends AttributedResponse {
  evidenceId!: string;
  title!: string;
  kind!: string;
  link!: string | null;
  file!: EvidenceFileResponse | null;
  /** Exempt case material, readable only by the action's owners, the panel it is tabled at, and auditors. */
  restricted!: boolean;
  /**
   * True when this reader may not read it: the title reads "Restricted evidence" and the link and file name are withheld;
   * the file's SHA-256 and size stay, so a sign-off can still be verified.
   */
  redacted!: boolean;
  withdrawn!: boolean;
}

export class RevisionResponse {
  revisionId!: string;
  proposed!: TargetDateResponse;
  reason!: string;
  state!: 'pending' | 'approved' | 'rejected';
  requested!: AttributedResponse;
  decided!: AttributedResponse | null;
  rejectionReason!: string | null;
}

/** Owners proposed for a second plan manager's approval, and what became of the proposal. */
export class OwnerChangeResponse {
  changeId!: string;
  leadOwners!: OwnerResponse[];
  supportingOwners!: OwnerResponse[];
  reason!: string;
  state!: 'pending' | 'approved' | 'rejected';
  proposed!: AttributedResponse;
  decided!: AttributedResponse | null;
  rejectionReason!: string | null;
}

export class LinkResponse {
  kind!: LinkKind;
  targetActionId!: string;
  note!: string | null;
}

export class PanelOutcomeResponse extends AttributedResponse {
  panelId!: string;
  decisionId!: string;
  outcome!: PanelOutcome;
  rationale!: string;
  challengePoints!: string[];
}

/** A sign-off given before the plan came into the engine, taken from the paper that records it. */
export class PaperSignOffResponse extends AttributedResponse {
  /** The paper, e.g. "YOT HMIP action plan v0.9, 15 July 2021". */
  source!: string;
}

/** A sign-off typed in from a paper or for a delegated body, waiting for a second plan manager (ADR 33); `by` proposed it. */
export class ProposedSignOffResponse extends AttributedResponse {
  kind!: 'from paper' | 'delegated';
  /** When the sign-off happened, as proposed (the paper's or the meeting's day). */
  effectiveOn!: string | null;
  /** The paper, when taken from one. */
  source?: string;
  /** The delegated body, its meeting and minute, and why it signed off. */
  body?: string;
  meetingDate?: string;
  authority?: string;
  rationale?: string;
  evidenceConsidered?: EvidenceConsideredResponse[];
}

export class ActionResponse {
  actionId!: string;
  planId!: string;
  groupingId!: string;
  references!: string[];
  description!: string;
  leadOwners!: OwnerResponse[];
  supportingOwners!: OwnerResponse[];
  evidenceRequired!: string | null;
  raisedAtPanel!: string | null;
  stage!: 'open' | 'submitted' | 'complete' | 'withdrawn';
  status!: ComputedStatusResponse;
  /** As first written: never changes. */
  originalTargetDate!: TargetDateResponse | null;
  /** As last approved. */
  targetDate!: TargetDateResponse | null;
  /** When it is due to start: as written, and `starts`, the first day it names. */
  startDate!: (TargetDateResponse & { starts: string | null }) | null;
  /** The latest rating: a category key of the plan's scheme, with the authority and reason when a plan manager moderated it. */
  rating!: { category: string; authority: string | null; reason: string | null; at: string; recordedAt: string } | null;
  revisions!: RevisionResponse[];
  /** Changes of owners proposed for approval; only an approved one changed the owners. */
  ownerChanges!: OwnerChangeResponse[];
  progress!: ProgressResponse[];
  evidence!: EvidenceResponse[];
  links!: LinkResponse[];
  panelOutcomes!: PanelOutcomeResponse[];
  /** Signed off as a paper records it; `at` is the paper's day. */
  signedOffFromPaper!: PaperSignOffResponse | null;
  /** Signed off by a body the plan names in the panel's place; `at` is its meeting's day; null once reopened. */
  delegatedSignOff!: DelegatedSignOffResponse | null;
  /** A sign-off from a paper or a delegated body waiting for a second plan manager's confirmation; null when none waits. */
  proposedSignOff!: ProposedSignOffResponse | null;
  /** The named body's approval to close after the sign-off; `at` is when it was given, `by` who recorded it; null once reopened. */
  approvalToClose!: ApprovalToCloseResponse | null;
  /** What the panel asked that the next submission must answer. */
  openChallengePoints!: string[];
  /** The ETag. */
  version!: number;
  position!: number;
}
