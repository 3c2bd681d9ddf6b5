import type { Guest, OtherItemKind } from './minutes.events';

/** The meeting that approves another's minutes, as the handler reads it from its own stream. */
export interface ApprovingMeeting {
  /** YYYY-MM-DD */
  date: string;
  chair: string | null;
  present: string[];
  /** The plan it was scheduled under (a standing panel's meeting's too). */
  planId: string | null;
  /** The standing panel it is a meeting of; null for a meeting of one plan. */
  standingPanelId: string | null;
}

/**
 * Commands that minute a meeting (ADR 30): declarations, items that are not actions, notes,
 * resulting actions and the approval of its minutes. An item is a tabled action (by its id) or an
 * item added with `AddAgendaItem`.
 */
export type MinutesCommand =
  | { type: 'DeclareInterest'; itemId: string; memberId: string; reason: string }
  | { type: 'AddAgendaItem'; itemId: string; kind: OtherItemKind; title: string; planId?: string | null; facts: { planExists: boolean } }
  | { type: 'RecordItemNotes'; itemId: string; notes: string }
  | {
      type: 'RecordResultingAction';
      resultingActionId: string;
      itemId?: string | null;
      text: string;
      forWhom: string;
      actionId?: string | null;
      /** The plan action it links to, as its stream records it (null when there is none). */
      facts: { action: { raisedAtPanel: string | null } | null };
    }
  /** Sent on the stream of the meeting whose minutes are approved; `approvedAt` is the later meeting approving them. */
  | {
      type: 'ApproveMinutes';
      approvedAt: string;
      proposedBy: string;
      secondedBy?: string | null;
      facts: { approvingMeeting: ApprovingMeeting | null };
    }
  /** The minutes process carries an approval to the meeting that gave it. */
  | { type: 'RecordEarlierMinutesApproved'; minutesOf: string; minutesDate: string; proposedBy: string; secondedBy: string | null };

/** Apologies and guests, given with attendance. */
export interface AttendanceExtras {
  /** Members who sent apologies: not present. */
  apologies?: string[];
  guests?: Guest[];
}
