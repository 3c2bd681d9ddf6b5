/** Someone at a meeting who is not a member: they neither count towards quorum nor decide. Need not be a user. */
export interface Guest {
  name: string;
  /** Their role or organisation ("Head of Service, Remedi"). */
  role: string;
}

/** The kinds of agenda item that are not an action tabled for sign-off. */
export const OTHER_ITEM_KINDS = ['progress report', 'policy', 'other business'] as const;
export type OtherItemKind = (typeof OTHER_ITEM_KINDS)[number];

/**
 * What a minuted meeting records beside its agenda of actions (ADR 30); `type` values are a stored
 * contract. An item is a tabled action (its id is the action's id) or an item added to the agenda.
 */
export type MinutesEvent =
  | { type: 'InterestDeclared'; data: { itemId: string; memberId: string; reason: string } }
  | { type: 'AgendaItemAdded'; data: { itemId: string; kind: OtherItemKind; title: string; planId: string | null } }
  | { type: 'ItemNotesRecorded'; data: { itemId: string; notes: string } }
  | {
      type: 'ResultingActionRecorded';
      data: {
        resultingActionId: string;
        itemId: string | null;
        text: string;
        /** Who is to do it, in the minutes' words (a person, role or organisation). */
        forWhom: string;
        /** The plan action raised at this meeting it became, if it was raised as one. */
        actionId: string | null;
      };
    }
  /** This meeting's minutes approved "as a correct record" at a later meeting. */
  | { type: 'MinutesApproved'; data: { approvedAt: string; approvedOn: string; proposedBy: string; secondedBy: string | null } }
  /** This meeting approved an earlier meeting's minutes (carried from that meeting's `MinutesApproved`). */
  | { type: 'EarlierMinutesApproved'; data: { minutesOf: string; minutesDate: string; proposedBy: string; secondedBy: string | null } };
