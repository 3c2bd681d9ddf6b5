import type { PanelOutcome } from '../action/action.events';
import type { Stage } from '../action/action.state';
import type { CommandContext } from '../decider';
import type { EvidenceConsidered } from './panel.events';

/** Where an action's own stream stands, read by the handler before it is tabled. */
export interface TabledActionFacts {
  planId: string;
  references: string[];
  /** The action stream's version: the submission the panel considers. */
  version: number;
  stage: Stage;
}

/** What the handler reads before a decision on an action: the action (null if there is none) and the plan's quorum. */
export interface DecisionFacts {
  action: {
    planId: string;
    stage: Stage;
    /** The evidence the action was submitted with, as it stands now. */
    evidenceConsidered: EvidenceConsidered[];
    /** Users linked to the action's lead and supporting owners. */
    ownerUserIds: string[];
    /** When the action began (its first event's occurredAt): it is not decided on before. */
    began?: string | null;
  } | null;
  /** The plan's quorum: members present and not conflicted. */
  quorum: number;
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
        /** `planBegan`: when the plan began, before which no meeting of it is effective. */
        facts: { planExists: boolean; unknownUsers: string[]; planBegan?: string | null };
      }
    | { type: 'TableAction'; actionId: string; facts: { action: TabledActionFacts | null } }
    | { type: 'RecordAttendance'; present: string[] }
    | {
        type: 'DecideOnAction';
        decisionId: string;
        actionId: string;
        outcome: PanelOutcome;
        rationale: string;
        challengePoints?: string[];
        deferredTo?: string | null;
        facts: DecisionFacts;
      }
  );

export type PanelCommandType = PanelCommand['type'];
