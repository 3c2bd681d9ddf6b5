import type { ReminderPolicy } from '../reminders/reminder-policy';
import type { StatusLabels } from './plan.state';

export type PlanKind = 'inspection' | 'peer review' | 'scrutiny review' | 'statutory plan' | 'partnership plan' | 'other';

export type GroupingKind = 'section' | 'priority' | 'area' | 'recommendation' | 'finding' | 'theme';

/** Where a plan comes from: the body (e.g. 'HMIP'), the date of its report and its judgement, if any. */
export interface PlanSource {
  body: string;
  /** YYYY-MM-DD */
  date: string;
  judgement: string | null;
}

/** The plan stream's events; `type` values are a stored contract. */
export type PlanEvent =
  | {
      type: 'PlanCreated';
      data: {
        planId: string;
        kind: PlanKind;
        title: string;
        source: PlanSource;
        statusLabels: StatusLabels;
        quorum: number;
        warningDays: number;
        /** Resolved with the defaults; absent on plans created before reminder policies, which fold to the defaults. */
        reminderPolicy?: ReminderPolicy;
      };
    }
  | {
      type: 'PlanAmended';
      data: {
        title?: string;
        statusLabels?: Partial<StatusLabels>;
        quorum?: number;
        warningDays?: number;
        /** Only the settings that changed. */
        reminderPolicy?: Partial<ReminderPolicy>;
        /** The whole list as it now stands, ascending. */
        boardDates?: string[];
        reason: string;
      };
    }
  | {
      type: 'GroupingAdded';
      data: { groupingId: string; parentId: string | null; kind: GroupingKind; references: string[]; title: string };
    }
  | {
      type: 'GroupingAmended';
      data: { groupingId: string; title?: string; references?: string[]; kind?: GroupingKind; parentId?: string | null; reason: string };
    }
  | { type: 'PlanActivated'; data: { submittedTo: string; submittedOn: string } }
  | { type: 'PlanClosed'; data: { approvedBy: string; approvedOn: string; counted: number } }
  | { type: 'PlanReopened'; data: { reason: string } };

export type PlanEventType = PlanEvent['type'];
