import type { CommandContext } from '../decider';
import type { ReminderPolicy } from '../reminders/reminder-policy';
import type { GroupingKind, PackSchedule, PlanKind, PlanSource } from './plan.events';
import type { StatusLabels } from './plan.state';
import type { CompletionStep, RatingScheme } from './rating-scheme';
import type { StatusBasis } from './rating-scheme.rules';

/** One action of the plan as its own stream stands when closure is asked for; the command handler reads it. */
export interface ActionAtClosure {
  actionId: string;
  references: string[];
  /** False for duplicates and withdrawn actions: they are not counted in any report. */
  counted: boolean;
  /** Signed off by the evidence challenge panel. */
  complete: boolean;
}

/** Commands on one plan stream; each carries who gives it and when. */
export type PlanCommand = CommandContext &
  (
    | {
        type: 'CreatePlan';
        planId: string;
        kind: PlanKind;
        title: string;
        source: PlanSource;
        statusLabels?: Partial<StatusLabels>;
        quorum?: number;
        warningDays?: number;
        reminderPolicy?: Partial<ReminderPolicy>;
        /** A ready-made scheme's name (`RATING_SCHEMES`) or a scheme in full. */
        ratingScheme?: string | RatingScheme;
        defaultBasis?: StatusBasis;
        /** The body whose approval to close follows the panel's sign-off; null or absent: none. */
        approvalToClose?: string | null;
        /** Bodies that may take the sign-off in the panel's place. */
        delegatedSignOff?: string[];
        /** Sets the step the plan's rating scheme (the one given, or its own) counts as complete. */
        completeAt?: CompletionStep;
      }
    /** `boardDates` replaces the whole list (YYYY-MM-DD); `reminderPolicy` changes only the settings it names. */
    | {
        type: 'AmendPlan';
        title?: string;
        statusLabels?: Partial<StatusLabels>;
        quorum?: number;
        warningDays?: number;
        reminderPolicy?: Partial<ReminderPolicy>;
        boardDates?: string[];
        ratingScheme?: string | RatingScheme;
        defaultBasis?: StatusBasis;
        /** Null: no longer required. */
        approvalToClose?: string | null;
        /** Replaces the whole list. */
        delegatedSignOff?: string[];
        /** Sets the step the plan's rating scheme (the one given, or its own) counts as complete. */
        completeAt?: CompletionStep;
        /** The pack made before each board date and sent to the plan's managers; null: none. */
        packSchedule?: PackSchedule | null;
        reason: string;
      }
    | { type: 'AddGrouping'; groupingId: string; parentId: string | null; kind: GroupingKind; references: string[]; title: string }
    | {
        type: 'AmendGrouping';
        groupingId: string;
        title?: string;
        references?: string[];
        kind?: GroupingKind;
        parentId?: string | null;
        reason: string;
      }
    | { type: 'ActivatePlan'; submittedTo: string; submittedOn: string }
    /** Every action's standing is read by the handler from the actions' own streams. */
    | { type: 'ClosePlan'; approvedBy: string; approvedOn: string; facts: { actions: ActionAtClosure[] } }
    | { type: 'ReopenPlan'; reason: string }
  );

export type PlanCommandType = PlanCommand['type'];
