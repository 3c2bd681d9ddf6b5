import type { PanelOutcome } from '../action/action.events';
import type { Stage } from '../action/action.state';
import type { CommandContext } from '../decider';
import type { EvidenceConsidered } from './panel.events';

/** Where the tabled action's own stream stands, read by the command handler. */
export type TabledActionStage = Exclude<Stage, 'not raised'>;

/**
 * Commands on one panel meeting. What lives on other streams (the action's stage and owners, the
 * plan's quorum) is read by the command handler and passed in.
 */
export type PanelCommand = CommandContext & (
  | { type: 'SchedulePanel'; panelId: string; planId: string; title: string; date: string; chair: string; members: string[] }
  | { type: 'TableAction'; actionId: string; references: string[]; submittedVersion: number; actionStage: TabledActionStage }
  | { type: 'RecordAttendance'; present: string[] }
  | { type: 'DecideOnAction'; decisionId: string; actionId: string; outcome: PanelOutcome; rationale: string;
      challengePoints?: string[]; deferredTo?: string | null; evidenceConsidered: EvidenceConsidered[];
      actionStage: TabledActionStage;
      /** Users linked to the action's lead and supporting owners. */
      conflicted: string[];
      /** The plan's quorum: members present and not conflicted. */
      quorum: number }
);

export type PanelCommandType = PanelCommand['type'];
