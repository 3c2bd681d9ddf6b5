import type { OwnerRecordFacts } from '../action/action.commands';
import type { CommandContext } from '../decider';
import type { MeasureDetails } from './measure.events';

/**
 * What the handler reads about the plan and the links and owner a definition or change names: the
 * plan's groupings, which named actions are not the plan's, which named users do not exist, and
 * the register records the owner names.
 */
export interface MeasureLinkFacts {
  plan: { exists: boolean; groupingIds: string[]; began: string | null };
  /** Named action ids that are not actions of the plan. */
  unknownActions: string[];
  unknownUsers: string[];
  ownerRecords: OwnerRecordFacts[];
}

/** A figure for one period, as the owner or a plan manager records it. */
export interface ActualInput {
  period: string;
  value: number;
  provisional?: boolean;
  note?: string | null;
}

/** Commands on one measure; the plan and links they name are read by the handler into `facts`. */
export type MeasureCommand = CommandContext &
  (
    | ({ type: 'DefineMeasure'; measureId: string; planId: string; facts: MeasureLinkFacts } & MeasureDetails)
    | ({ type: 'ChangeMeasure'; reason: string; facts: MeasureLinkFacts } & Partial<MeasureDetails>)
    | ({ type: 'RecordActual'; periodEnd: string } & ActualInput)
    | ({ type: 'RestateActual'; reason: string } & ActualInput)
  );

export type MeasureCommandType = MeasureCommand['type'];
