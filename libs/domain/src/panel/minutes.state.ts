import type { MinutesEvent, OtherItemKind } from './minutes.events';

/** What the rules of a minuted meeting need from its history. */
export interface MinutesState {
  /** Items added to the agenda that are not actions. */
  otherItems: Map<string, { kind: OtherItemKind; title: string }>;
  /** Per item, the members who declared an interest in it. */
  declared: Map<string, Set<string>>;
  resultingActionIds: Set<string>;
  /** The later meeting that approved these minutes, once it has. */
  approvedAt: string | null;
  /** Earlier meetings whose minutes this one approved. */
  approvedMinutesOf: Set<string>;
}

export const initialMinutesState: MinutesState = {
  otherItems: new Map(),
  declared: new Map(),
  resultingActionIds: new Set(),
  approvedAt: null,
  approvedMinutesOf: new Set(),
};

export function evolveMinutes(state: MinutesState, event: MinutesEvent): MinutesState {
  switch (event.type) {
    case 'InterestDeclared': {
      const { itemId, memberId } = event.data;
      const declared = new Map(state.declared).set(itemId, new Set(state.declared.get(itemId)).add(memberId));
      return { ...state, declared };
    }
    case 'AgendaItemAdded': {
      const { itemId, kind, title } = event.data;
      return { ...state, otherItems: new Map(state.otherItems).set(itemId, { kind, title }) };
    }
    case 'ItemNotesRecorded':
      return state;
    case 'ResultingActionRecorded':
      return { ...state, resultingActionIds: new Set(state.resultingActionIds).add(event.data.resultingActionId) };
    case 'MinutesApproved':
      return { ...state, approvedAt: event.data.approvedAt };
    case 'EarlierMinutesApproved':
      return { ...state, approvedMinutesOf: new Set(state.approvedMinutesOf).add(event.data.minutesOf) };
  }
}

/** The members who declared an interest in an item. */
export const declaredOn = (state: MinutesState, itemId: string): string[] => [...(state.declared.get(itemId) ?? [])];
