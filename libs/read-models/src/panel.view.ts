import { decodePanelEvent, type PanelEvent } from '@actionplans/domain';
import type { RecordedEvent } from '@actionplans/event-store';

type Decision = Extract<PanelEvent, { type: 'PanelDecisionRecorded' }>['data'];

export interface PanelView {
  panelId: string;
  planId: string;
  /** The standing panel the meeting is of; null for a meeting of one plan. */
  standingPanelId: string | null;
  title: string;
  date: string;
  chair: string;
  members: string[];
  present: string[];
  /** Each tabled action with the decision on it, once made. */
  agenda: Array<{
    actionId: string;
    /** The action's plan: the meeting's, unless a standing panel's meeting recorded another. */
    planId: string;
    references: string[];
    submittedVersion: number;
    /** `awaitingConfirmation` while an entry from the minutes waits (ADR 33); `confirmedBy` once someone confirmed it. */
    decision: (Decision & { recordedAt: string; confirmedBy?: string }) | null;
  }>;
  version: number;
  position: number;
}

/** A panel meeting as its stream tells it. */
export function panelView(events: RecordedEvent[]): PanelView | null {
  const [first, ...rest] = events.map(decodePanelEvent);
  if (first?.type !== 'PanelScheduled') return null;
  const view: PanelView = {
    ...first.data,
    standingPanelId: first.data.standingPanelId ?? null,
    present: [],
    agenda: [],
    version: events.length,
    position: events.at(-1)!.position,
  };
  for (const event of rest) {
    switch (event.type) {
      case 'ActionTabled':
        view.agenda.push({ ...event.data, planId: event.data.planId ?? view.planId, decision: null });
        break;
      case 'AttendanceRecorded':
        view.present = event.data.present;
        break;
      case 'PanelDecisionRecorded': {
        const item = view.agenda.find((tabled) => tabled.actionId === event.data.actionId);
        if (item) item.decision = { ...event.data, recordedAt: event.metadata.recordedAt };
        break;
      }
      case 'DecisionEntryConfirmed':
      case 'DecisionEntryRejected': {
        const item = view.agenda.find((tabled) => tabled.decision?.decisionId === event.data.decisionId);
        if (!item?.decision) break;
        if (event.type === 'DecisionEntryRejected') item.decision = null;
        else {
          const { awaitingConfirmation: _confirmed, ...decision } = item.decision;
          item.decision = { ...decision, confirmedBy: event.metadata.actor.id };
        }
        break;
      }
      // What only the minutes show (ADR 30): minutes.view.ts.
      case 'InterestDeclared':
      case 'AgendaItemAdded':
      case 'ItemNotesRecorded':
      case 'ResultingActionRecorded':
      case 'MinutesApproved':
      case 'EarlierMinutesApproved':
      case 'PanelScheduled':
      default:
        break;
    }
  }
  return view;
}
