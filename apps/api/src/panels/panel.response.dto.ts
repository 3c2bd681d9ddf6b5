import { ApiProperty } from '@nestjs/swagger';
import type { PanelOutcome } from '@actionplans/domain';

export class EvidenceConsideredResponse {
  evidenceId!: string;
  /** The content hash of the file the panel saw, for uploaded evidence. */
  sha256!: string | null;
  title!: string;
}

export class AppliedQuorumResponse {
  needed!: number;
  @ApiProperty({ enum: ['standing panel', 'plan'] })
  from!: 'standing panel' | 'plan';
}

export class PanelDecisionResponse {
  decisionId!: string;
  actionId!: string;
  outcome!: PanelOutcome;
  rationale!: string;
  challengePoints!: string[];
  deferredTo!: string | null;
  present!: string[];
  /** Present members who neither own nor lead the action. */
  countedTowardsQuorum!: string[];
  evidenceConsidered!: EvidenceConsideredResponse[];
  decidedBy!: string;
  recordedAt!: string;
  /** The plan manager who entered it from the minutes, if one did. */
  enteredBy?: string;
  /** Entered from the minutes and waiting for a second person's confirmation before the action takes it (ADR 33). */
  awaitingConfirmation?: boolean;
  /** Who confirmed it, when it was entered from the minutes and has been confirmed. */
  confirmedBy?: string;
  /** At a standing panel's meeting: the quorum the decision needed and whether it was the panel's or the action's plan's own. */
  quorum?: AppliedQuorumResponse;
}

export class AgendaItemResponse {
  actionId!: string;
  /** The action's plan: at a standing panel's meeting, one of the plans it serves. */
  planId!: string;
  references!: string[];
  submittedVersion!: number;
  decision!: PanelDecisionResponse | null;
}

export class PanelResponse {
  panelId!: string;
  planId!: string;
  /** The standing panel the meeting is of; null for a meeting of one plan. */
  standingPanelId!: string | null;
  title!: string;
  date!: string;
  chair!: string;
  members!: string[];
  present!: string[];
  agenda!: AgendaItemResponse[];
  version!: number;
  position!: number;
}

/** One meeting in `GET /panels`. */
export class PanelMeetingResponse {
  panelId!: string;
  /** The plan it was scheduled under. */
  planId!: string;
  planTitle!: string;
  standingPanelId!: string | null;
  /** The plans whose actions it may table: its own, or those its standing panel serves now. */
  planIds!: string[];
  title!: string;
  date!: string;
  chair!: string;
  tabled!: number;
  decided!: number;
}
