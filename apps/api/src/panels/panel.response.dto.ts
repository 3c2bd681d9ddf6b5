import type { PanelOutcome } from '@actionplans/domain';

export class EvidenceConsideredResponse {
  evidenceId!: string;
  /** The content hash of the file the panel saw, for uploaded evidence. */
  sha256!: string | null;
  title!: string;
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
}

export class AgendaItemResponse {
  actionId!: string;
  references!: string[];
  submittedVersion!: number;
  decision!: PanelDecisionResponse | null;
}

export class PanelResponse {
  panelId!: string;
  planId!: string;
  title!: string;
  date!: string;
  chair!: string;
  members!: string[];
  present!: string[];
  agenda!: AgendaItemResponse[];
  version!: number;
  position!: number;
}
