import type { PanelOutcome } from '../action/action.events';
import type { Stage } from '../action/action.state';
import type { Actor, CommandContext } from '../decider';
import type { EvidenceConsidered } from './panel.events';
import type { AttendanceExtras, MinutesCommand } from './minutes.commands';

/** Where an action's own stream stands, read by the handler before it is tabled. */
export interface TabledActionFacts {
  planId: string;
  references: string[];
  /** The action stream's version: the submission the panel considers. */
  version: number;
  stage: Stage;
}

/** What scheduling a standing panel's meeting reads: the panel as it stands, and the plan and people the meeting takes. */
export interface StandingMeetingFacts {
  standingPanel: { planIds: string[]; chair: string | null; members: string[] } | null;
  planExists: boolean;
  unknownUsers: string[];
  planBegan?: string | null;
  people: PanelPerson[];
}

/** A user a panel command names, as the directory holds them at the moment of deciding. */
export interface PanelPerson {
  userId: string;
  role: Actor['role'];
  disabled: boolean;
}

/**
 * What the handler reads before a decision on an action: the action (null if there is none), the
 * plan's quorum, and the meeting's members as the directory holds them now.
 */
export interface DecisionFacts {
  action: {
    planId: string;
    stage: Stage;
    /** The evidence the action was submitted with, as it stands now. */
    evidenceConsidered: EvidenceConsidered[];
    /** Users linked to the action's lead and supporting owners. */
    ownerUserIds: string[];
    /** Who submitted it for sign-off this time (the submission's actor); null when that is not known. */
    submittedBy: string | null;
    /** When the action began (its first event's occurredAt): it is not decided on before. */
    began?: string | null;
  } | null;
  /**
   * Members present and not conflicted the decision needs: the plan's quorum, or at a standing
   * panel's meeting the panel's unless the action's plan set its own (`quorumFor`).
   */
  quorum: number;
  /** Whose quorum `quorum` is; given at a standing panel's meeting, where it is recorded with the decision. */
  quorumFrom?: 'standing panel' | 'plan';
  /** The meeting's members (those the directory knows): a member no longer seated does not count. */
  members: PanelPerson[];
}

/**
 * Commands on one panel meeting. What lives on other streams (the action's stage and owners, the
 * plan's quorum) is read by the command handler into `facts`.
 */
export type PanelCommand = CommandContext &
  (
    | {
        type: 'SchedulePanel';
        panelId: string;
        planId: string;
        title: string;
        date: string;
        chair: string;
        members: string[];
        /**
         * `planBegan`: when the plan began, before which no meeting of it is effective; `people`:
         * the chair and members the directory knows, with their roles.
         */
        facts: { planExists: boolean; unknownUsers: string[]; planBegan?: string | null; people: PanelPerson[] };
      }
    /** A meeting of a standing panel (ADR 29): `planId`, `chair` and `members` default to the panel's. */
    | {
        type: 'ScheduleStandingPanelMeeting';
        panelId: string;
        standingPanelId: string;
        planId?: string;
        title: string;
        date: string;
        chair?: string;
        members?: string[];
        /** As `SchedulePanel`'s, for the plan, chair and members the meeting takes; `standingPanel`: null when there is none. */
        facts: StandingMeetingFacts;
      }
    /** `servedPlans`: at a standing panel's meeting, the plans the panel serves now. */
    | { type: 'TableAction'; actionId: string; facts: { action: TabledActionFacts | null; servedPlans?: string[] } }
    /** `people`: those named present whom the directory knows, with their roles. */
    | ({ type: 'RecordAttendance'; present: string[]; facts: { people: PanelPerson[] } } & AttendanceExtras)
    | {
        type: 'DecideOnAction';
        decisionId: string;
        actionId: string;
        outcome: PanelOutcome;
        rationale: string;
        challengePoints?: string[];
        deferredTo?: string | null;
        /** A plan manager entering the decision from the minutes names the member who took it (ADR 30). */
        decidedBy?: string;
        facts: DecisionFacts;
      }
    /** The member who took a decision entered from the minutes, or another plan manager, confirms the entry (ADR 33). */
    | { type: 'ConfirmDecisionEntry'; decisionId: string; facts: DecisionFacts }
    | { type: 'RejectDecisionEntry'; decisionId: string; reason: string }
    | MinutesCommand
  );

export type PanelCommandType = PanelCommand['type'];
