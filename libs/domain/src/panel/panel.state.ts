import type { PanelOutcome } from '../action/action.events';
import type { PanelEvent } from './panel.events';
import { evolveMinutes, initialMinutesState, type MinutesState } from './minutes.state';

export interface TabledAction {
  references: string[];
  submittedVersion: number;
  /** The action's plan: the meeting's plan unless a standing panel's meeting recorded another. */
  planId: string | null;
}

export interface PanelState {
  scheduled: boolean;
  panelId: string | null;
  planId: string | null;
  /** The standing panel the meeting is of; null for a meeting of one plan. */
  standingPanelId: string | null;
  date: string | null;
  chair: string | null;
  /** Always includes the chair. */
  members: string[];
  /** As last recorded; empty until attendance is taken. */
  present: string[];
  /** Whether attendance has been recorded at all: minutes without it are not approved. */
  attendanceTaken: boolean;
  tabled: Map<string, TabledAction>;
  decisions: Map<string, PanelOutcome>;
  decisionIds: Set<string>;
  /** Decisions entered from the minutes waiting for a second person's confirmation (ADR 33), by decision id. */
  unconfirmed: Map<string, { actionId: string; decidedBy: string; enteredBy: string }>;
  /** Everyone recorded present at one of this meeting's decisions: they attended, so sent no apologies. */
  presentAtDecisions: Set<string>;
  /** What its minutes record beside the agenda of actions (ADR 30). */
  minutes: MinutesState;
}

export const initialPanelState: PanelState = {
  scheduled: false,
  panelId: null,
  planId: null,
  standingPanelId: null,
  date: null,
  chair: null,
  members: [],
  present: [],
  attendanceTaken: false,
  tabled: new Map(),
  decisions: new Map(),
  decisionIds: new Set(),
  unconfirmed: new Map(),
  presentAtDecisions: new Set(),
  minutes: initialMinutesState,
};

export function evolvePanel(state: PanelState, event: PanelEvent): PanelState {
  switch (event.type) {
    case 'PanelScheduled': {
      const { panelId, planId, date, chair, members, standingPanelId } = event.data;
      return { ...state, scheduled: true, panelId, planId, date, chair, members, standingPanelId: standingPanelId ?? null };
    }
    case 'ActionTabled': {
      const { actionId, references, submittedVersion, planId } = event.data;
      const tabled = { references, submittedVersion, planId: planId ?? state.planId };
      return { ...state, tabled: new Map(state.tabled).set(actionId, tabled) };
    }
    case 'AttendanceRecorded':
      return { ...state, present: event.data.present, attendanceTaken: true };
    case 'PanelDecisionRecorded': {
      const { actionId, decisionId, decidedBy, enteredBy, awaitingConfirmation } = event.data;
      const unconfirmed = awaitingConfirmation
        ? new Map(state.unconfirmed).set(decisionId, { actionId, decidedBy, enteredBy: enteredBy ?? '' })
        : state.unconfirmed;
      return {
        ...state,
        decisions: new Map(state.decisions).set(actionId, event.data.outcome),
        decisionIds: new Set(state.decisionIds).add(decisionId),
        unconfirmed,
        presentAtDecisions: new Set([...state.presentAtDecisions, ...event.data.present]),
      };
    }
    case 'DecisionEntryConfirmed': {
      const unconfirmed = new Map(state.unconfirmed);
      unconfirmed.delete(event.data.decisionId);
      return { ...state, unconfirmed };
    }
    case 'DecisionEntryRejected': {
      // Rejected, the entry is no decision: the action may be decided (or entered) again.
      const unconfirmed = new Map(state.unconfirmed);
      unconfirmed.delete(event.data.decisionId);
      const decisions = new Map(state.decisions);
      decisions.delete(event.data.actionId);
      return { ...state, unconfirmed, decisions };
    }
    case 'InterestDeclared':
    case 'AgendaItemAdded':
    case 'ItemNotesRecorded':
    case 'ResultingActionRecorded':
    case 'MinutesApproved':
    case 'EarlierMinutesApproved':
      return { ...state, minutes: evolveMinutes(state.minutes, event) };
  }
}
