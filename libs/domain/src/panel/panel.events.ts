import type { PanelOutcome } from '../action/action.events';
import type { Guest, MinutesEvent } from './minutes.events';

/** One version of one piece of evidence as the panel saw it; `sha256` is null for a link. */
export interface EvidenceConsidered {
  evidenceId: string;
  sha256: string | null;
  title: string;
}

/** The quorum a decision at a standing panel's meeting needed, and whether it was the panel's or the action's plan's own. */
export interface AppliedQuorum {
  needed: number;
  from: 'standing panel' | 'plan';
}

/** One panel meeting's events (stream `panel-<id>`); `type` values are a stored contract. */
export type PanelEvent =
  | {
      type: 'PanelScheduled';
      data: {
        panelId: string;
        /** The meeting's plan; for a standing panel's meeting, the plan its resulting actions are raised in. */
        planId: string;
        title: string;
        date: string;
        chair: string;
        members: string[];
        /** A meeting of this standing panel tables actions of any plan the panel serves; absent: of `planId` only (ADR 29). */
        standingPanelId?: string;
      };
    }
  | {
      type: 'ActionTabled';
      /** `planId`: the action's plan, recorded at a standing panel's meetings; absent: the meeting's plan. */
      data: { actionId: string; references: string[]; submittedVersion: number; planId?: string };
    }
  /** `apologies` and `guests` are recorded by minuted meetings (ADR 30). */
  | { type: 'AttendanceRecorded'; data: { present: string[]; apologies?: string[]; guests?: Guest[] } }
  | {
      type: 'PanelDecisionRecorded';
      data: {
        decisionId: string;
        actionId: string;
        outcome: PanelOutcome;
        rationale: string;
        challengePoints: string[];
        deferredTo: string | null;
        present: string[];
        countedTowardsQuorum: string[];
        evidenceConsidered: EvidenceConsidered[];
        decidedBy: string;
        /** The plan manager who entered it from the minutes for `decidedBy` (ADR 30). */
        enteredBy?: string;
        /**
         * Entered from the minutes and waiting for `DecisionEntryConfirmed` before it reaches the
         * action (ADR 33); absent on decisions taken in the engine, and on entries made before ADR 33.
         */
        awaitingConfirmation?: true;
        /** At a standing panel's meeting (ADR 29): the quorum that applied and whose it was; absent at a meeting of one plan. */
        quorum?: AppliedQuorum;
      };
    }
  /** A decision entered from the minutes confirmed by a second person (ADR 33): it now reaches the action. */
  | { type: 'DecisionEntryConfirmed'; data: { decisionId: string; actionId: string; outcome: PanelOutcome } }
  /** A decision entered from the minutes rejected: it never reaches the action, and may be entered again. */
  | { type: 'DecisionEntryRejected'; data: { decisionId: string; actionId: string; reason: string } }
  | MinutesEvent;

export type PanelEventType = PanelEvent['type'];
