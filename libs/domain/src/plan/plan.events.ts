import type { ReminderPolicy } from '../reminders/reminder-policy';
import type { StatusLabels } from './plan.state';
import type { RatingScheme } from './rating-scheme';
import type { StatusBasis } from './rating-scheme.rules';

/**
 * An open vocabulary (1 to 100 characters): the papers say "inspection", "written statement of
 * action", "partnership plan"…; the earlier fixed values are still valid.
 */
export type PlanKind = string;

/** An open vocabulary like `PlanKind`: "section", "priority", "recommendation", "sub-action", "measure"… */
export type GroupingKind = string;

/** Where a plan comes from: the body (e.g. 'HMIP'), the date of its report and its judgement, if any. */
export interface PlanSource {
  body: string;
  /** YYYY-MM-DD, or YYYY-MM when the paper gives only a month ("JANUARY 2022"). */
  date: string;
  judgement: string | null;
}

/**
 * The committee pack the engine makes by itself a set number of days before each of the plan's
 * board dates and sends to its managers (ADR 37). The board is named as the pack's cover prints it.
 */
export interface PackSchedule {
  daysBefore: number;
  board: string;
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
        /** Every status labelled; plans created before "not due to start" lack that one, which folds to its name. */
        statusLabels: Partial<StatusLabels>;
        quorum: number;
        /**
         * True when the creator chose the quorum; absent when it is the default. Plans created before
         * this field count as having chosen theirs when it is not the default (ADR 29).
         */
        quorumSet?: boolean;
        warningDays: number;
        /** Resolved with the defaults; absent on plans created before reminder policies, which fold to the defaults. */
        reminderPolicy?: ReminderPolicy;
        /** Given in full even when chosen by a preset's name; absent: the plan's status labels serve. */
        ratingScheme?: RatingScheme;
        /** Absent when not chosen: the plan counts on the computed basis. */
        defaultBasis?: StatusBasis;
        /** The body whose approval to close follows the panel's sign-off; absent: none is required. */
        approvalToClose?: string;
        /** Bodies that may take the sign-off in the panel's place; absent: none. */
        delegatedSignOff?: string[];
      };
    }
  | {
      type: 'PlanAmended';
      data: {
        title?: string;
        statusLabels?: Partial<StatusLabels>;
        /** A quorum amended (to another value) is the plan's own from then on (ADR 29). */
        quorum?: number;
        warningDays?: number;
        /** Only the settings that changed. */
        reminderPolicy?: Partial<ReminderPolicy>;
        /** The whole list as it now stands, ascending. */
        boardDates?: string[];
        /** The whole scheme as it now stands. */
        ratingScheme?: RatingScheme;
        defaultBasis?: StatusBasis;
        /** Null: approval to close is no longer required. */
        approvalToClose?: string | null;
        /** The whole list as it now stands. */
        delegatedSignOff?: string[];
        /** Null: no pack is made on a schedule any more. */
        packSchedule?: PackSchedule | null;
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
