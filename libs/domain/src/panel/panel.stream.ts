import { eventDecoder } from '../decode';
import { streamNames } from '../streams';
import type { PanelEvent, PanelEventType } from './panel.events';

/** `panel-<id>`: one stream per evidence challenge panel meeting. */
export const panelStreams = streamNames('panel');
export const panelStream = panelStreams.stream;
export const isPanelStream = panelStreams.owns;
export const panelIdOf = panelStreams.idOf;

const PANEL_EVENT_TYPES: Record<PanelEventType, true> = {
  PanelScheduled: true,
  ActionTabled: true,
  AttendanceRecorded: true,
  PanelDecisionRecorded: true,
  DecisionEntryConfirmed: true,
  DecisionEntryRejected: true,
  InterestDeclared: true,
  AgendaItemAdded: true,
  ItemNotesRecorded: true,
  ResultingActionRecorded: true,
  MinutesApproved: true,
  EarlierMinutesApproved: true,
};

/** A stored event of a panel meeting's stream as a `PanelEvent`. */
export const decodePanelEvent = eventDecoder<PanelEvent>('panel', PANEL_EVENT_TYPES);
