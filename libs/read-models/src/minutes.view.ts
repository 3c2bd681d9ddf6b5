import { decodePanelEvent, type Guest, type OtherItemKind, type PanelEvent } from '@actionplans/domain';
import type { RecordedEvent } from '@actionplans/event-store';

type Data<T extends PanelEvent['type']> = Extract<PanelEvent, { type: T }>['data'];
type Decision = Data<'PanelDecisionRecorded'>;

export interface MinutedDeclaration {
  memberId: string;
  reason: string;
}

export type MinutedResultingAction = Data<'ResultingActionRecorded'>;

/** One item of the minutes: a tabled action with its decision, or an item that is not an action. */
export interface MinutedItem {
  itemId: string;
  kind: 'action' | OtherItemKind;
  /** An action's references, or the item's title. */
  title: string;
  /** The tabled action's id (the item's own id); null for other items. */
  actionId: string | null;
  planId: string | null;
  notes: string | null;
  declarations: MinutedDeclaration[];
  /** Without the evidence it considered: the minutes say what was decided; the meeting's page shows the evidence to those who may read it. */
  /** `awaitingConfirmation` while an entry from the minutes waits for a second person (ADR 33); gone once rejected. */
  decision:
    | (Omit<Decision, 'evidenceConsidered'> & { evidenceCount: number; effectiveOn: string; source: string | null; confirmedBy?: string })
    | null;
  resultingActions: MinutedResultingAction[];
}

/** A meeting's minutes as its stream records them: draft until a later meeting approves them as a correct record. */
export interface MinutesView {
  panelId: string;
  /** The plan it was scheduled under; each item names its own plan. */
  planId: string;
  /** The standing panel it is a meeting of; null for a meeting of one plan. */
  standingPanelId: string | null;
  title: string;
  date: string;
  chair: string;
  members: string[];
  present: string[];
  apologies: string[];
  guests: Guest[];
  items: MinutedItem[];
  /** Resulting actions not recorded against an item. */
  otherResultingActions: MinutedResultingAction[];
  status: 'draft' | 'approved';
  approval: (Data<'MinutesApproved'> & { recordedAt: string }) | null;
  /** Earlier meetings' minutes this meeting approved. */
  approvedMinutesOf: Array<Data<'EarlierMinutesApproved'>>;
  version: number;
  position: number;
}

/** The minutes of a panel meeting from its stream; null when it was never scheduled. */
export function minutesView(events: RecordedEvent[]): MinutesView | null {
  const decoded = events.map((event) => ({ event: decodePanelEvent(event), metadata: event.metadata }));
  const first = decoded[0]?.event;
  if (first?.type !== 'PanelScheduled') return null;
  const { panelId, planId, title, date, chair, members, standingPanelId } = first.data;
  const view: MinutesView = {
    ...{ panelId, planId, standingPanelId: standingPanelId ?? null, title, date, chair, members },
    ...{
      present: [],
      apologies: [],
      guests: [],
      items: [],
      otherResultingActions: [],
      status: 'draft',
      approval: null,
      approvedMinutesOf: [],
    },
    version: events.length,
    position: events.at(-1)!.position,
  };
  for (const { event, metadata } of decoded.slice(1)) apply(view, event, metadata);
  return view;
}

function apply(view: MinutesView, event: PanelEvent, metadata: RecordedEvent['metadata']): void {
  const item = (itemId: string | null) => view.items.find((candidate) => candidate.itemId === itemId);
  switch (event.type) {
    case 'ActionTabled':
      view.items.push({
        ...blank(event.data.actionId),
        kind: 'action',
        title: event.data.references.join(', '),
        actionId: event.data.actionId,
        // Recorded at a standing panel's meetings only; otherwise the meeting's plan.
        planId: event.data.planId ?? view.planId,
      });
      break;
    case 'AgendaItemAdded':
      view.items.push({ ...blank(event.data.itemId), kind: event.data.kind, title: event.data.title, planId: event.data.planId });
      break;
    case 'AttendanceRecorded':
      // Attendance taken again without apologies or guests (the meeting page's form) keeps those recorded before.
      view.present = event.data.present;
      view.apologies = event.data.apologies ?? view.apologies.filter((userId) => !event.data.present.includes(userId));
      view.guests = event.data.guests ?? view.guests;
      break;
    case 'InterestDeclared':
      item(event.data.itemId)?.declarations.push({ memberId: event.data.memberId, reason: event.data.reason });
      break;
    case 'ItemNotesRecorded': {
      const noted = item(event.data.itemId);
      if (noted) noted.notes = event.data.notes || null;
      break;
    }
    case 'PanelDecisionRecorded': {
      const decided = item(event.data.actionId);
      const { evidenceConsidered, ...decision } = event.data;
      const source = typeof metadata.source === 'string' ? metadata.source : null;
      if (decided)
        decided.decision = { ...decision, evidenceCount: evidenceConsidered.length, effectiveOn: metadata.occurredAt.slice(0, 10), source };
      break;
    }
    case 'DecisionEntryConfirmed':
    case 'DecisionEntryRejected': {
      const decided = item(event.data.actionId);
      if (decided?.decision?.decisionId !== event.data.decisionId) break;
      if (event.type === 'DecisionEntryRejected') decided.decision = null;
      else {
        const { awaitingConfirmation: _waited, ...decision } = decided.decision;
        decided.decision = { ...decision, confirmedBy: metadata.actor.id };
      }
      break;
    }
    case 'ResultingActionRecorded':
      (item(event.data.itemId)?.resultingActions ?? view.otherResultingActions).push(event.data);
      break;
    case 'MinutesApproved':
      view.status = 'approved';
      view.approval = { ...event.data, recordedAt: metadata.recordedAt };
      break;
    case 'EarlierMinutesApproved':
      view.approvedMinutesOf.push(event.data);
      break;
    case 'PanelScheduled':
      break;
  }
}

const blank = (itemId: string): MinutedItem => ({
  itemId,
  kind: 'action',
  title: '',
  actionId: null,
  planId: null,
  notes: null,
  declarations: [],
  decision: null,
  resultingActions: [],
});
