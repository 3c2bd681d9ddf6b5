import type { OtherItemKind, PanelOutcome } from '@actionplans/domain';

export class GuestResponse {
  name!: string;
  role!: string;
}

export class DeclarationResponse {
  memberId!: string;
  reason!: string;
}

export class ResultingActionResponse {
  resultingActionId!: string;
  itemId!: string | null;
  text!: string;
  forWhom!: string;
  /** The plan action raised for it at the meeting, if any. */
  actionId!: string | null;
}

export class MinutedDecisionResponse {
  decisionId!: string;
  actionId!: string;
  outcome!: PanelOutcome;
  rationale!: string;
  challengePoints!: string[];
  deferredTo!: string | null;
  present!: string[];
  /** Present members who neither own, lead, submitted nor declared an interest in the action. */
  countedTowardsQuorum!: string[];
  decidedBy!: string;
  /** The plan manager who entered it from the minutes, if one did. */
  enteredBy?: string;
  /** Entered from the minutes and waiting for a second person's confirmation before the action takes it (ADR 33). */
  awaitingConfirmation?: boolean;
  /** Who confirmed it, when it was entered from the minutes and has been confirmed. */
  confirmedBy?: string;
  /** How many pieces of evidence the panel considered (the meeting shows them to those who may read them). */
  evidenceCount!: number;
  /** YYYY-MM-DD: when it took effect. */
  effectiveOn!: string;
  source!: string | null;
}

export class MinutedItemResponse {
  itemId!: string;
  kind!: 'action' | OtherItemKind;
  title!: string;
  actionId!: string | null;
  /** The item's plan: a tabled action's own plan, at a standing panel's meeting one of several. */
  planId!: string | null;
  notes!: string | null;
  declarations!: DeclarationResponse[];
  decision!: MinutedDecisionResponse | null;
  resultingActions!: ResultingActionResponse[];
}

export class MinutesApprovalResponse {
  /** The later meeting that approved them. */
  approvedAt!: string;
  approvedOn!: string;
  proposedBy!: string;
  secondedBy!: string | null;
  recordedAt!: string;
}

export class EarlierMinutesApprovedResponse {
  minutesOf!: string;
  minutesDate!: string;
  proposedBy!: string;
  secondedBy!: string | null;
}

export class MinutesResponse {
  panelId!: string;
  /** The plan the meeting was scheduled under; each item names its own. */
  planId!: string;
  /** The standing panel it is a meeting of; null for a meeting of one plan. */
  standingPanelId!: string | null;
  title!: string;
  date!: string;
  chair!: string;
  members!: string[];
  present!: string[];
  apologies!: string[];
  guests!: GuestResponse[];
  items!: MinutedItemResponse[];
  otherResultingActions!: ResultingActionResponse[];
  /** Draft until a later meeting approves them as a correct record. */
  status!: 'draft' | 'approved';
  approval!: MinutesApprovalResponse | null;
  approvedMinutesOf!: EarlierMinutesApprovedResponse[];
  version!: number;
}
