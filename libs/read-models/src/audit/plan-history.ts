import { mayReadRestrictedEvidence, type Role } from '@actionplans/auth';
import {
  actionIdOf,
  actionStream,
  decodeActionEvent,
  decodePlanEvent,
  evolveAction,
  initialActionState,
  measureStream,
  ownerUserIds,
  packStream,
  planStream,
  type PlanEvent,
} from '@actionplans/domain';
import type { EventStore, RecordedEvent } from '@actionplans/event-store';
import { recipientAsShown, type NamedContact, type People } from '../contact-details';
import { timeline, timelineEntry, type TimelineEntry } from '../history';
import type { PlanIndex } from '../plan-index';
import type { RestrictedEvidenceIndex } from '../restricted-evidence-index';
import { measureHistory, packRegisterHistory, type MeasureNamed } from './measure-pack-history';

/** Who is reading a history: restricted evidence is named only to those who may read it. */
export interface HistoryReader {
  userId: string;
  role: Role;
}

/**
 * A line of a plan's history: the plan's own events and its pack register's, its actions' with
 * the action they are of, and its measures' with the measure they are of.
 */
export interface PlanHistoryEntry extends TimelineEntry {
  /** The action the event is of (its id and references), or null for an event of another stream. */
  action: { actionId: string; references: string[] } | null;
  /** The measure the event is of (its id and its name now), or null for an event of another stream. */
  measure: MeasureNamed | null;
}

export interface PlanHistory {
  planId: string;
  title: string;
  entries: PlanHistoryEntry[];
}

/**
 * Whether `reader` may read an action's restricted evidence, with its owners as its events now
 * name them and its panel as the index knows it: the same rule the API's history applies.
 */
export function mayReadActionEvidence(reader: HistoryReader, actionId: string, events: RecordedEvent[], index: RestrictedEvidenceIndex) {
  const state = events.reduce((folded, event) => evolveAction(folded, decodeActionEvent(event)), initialActionState);
  return mayReadRestrictedEvidence(reader, { ...index.audience(actionId), owners: ownerUserIds(state) });
}

/**
 * An action's history as `reader` may read it (`GET /actions/{id}/history`, the pages): restricted
 * evidence named only to those who may read it, reminders' recipients by name to those who may not read their address.
 */
export function actionHistory(
  reader: HistoryReader,
  actionId: string,
  events: RecordedEvent[],
  index: RestrictedEvidenceIndex,
  people: People,
) {
  return timeline(events, {
    hideRestricted: !mayReadActionEvidence(reader, actionId, events, index),
    recipient: recipientAsShown(reader, people, ownersNamedIn(events)),
  });
}

/** Every owner the action has had, so a reminder to a partner's mailbox reads as the partner's name. */
function ownersNamedIn(events: RecordedEvent[]): NamedContact[] {
  return events.flatMap((event) => {
    if (event.type !== 'ActionRaised' && event.type !== 'OwnersChanged') return [];
    const { leadOwners = [], supportingOwners = [] } = event.data as { leadOwners?: NamedContact[]; supportingOwners?: NamedContact[] };
    return [...leadOwners, ...supportingOwners];
  });
}

/**
 * Every event of a plan, of its actions and measures and of its pack register, in the order they
 * were stored, as `reader` may read them; the streams are the ones the in-memory index lists, read
 * in one query. Null for no such plan.
 */
export async function planHistory(
  store: EventStore,
  plans: PlanIndex,
  restricted: RestrictedEvidenceIndex,
  planId: string,
  reader: HistoryReader,
  people: People,
): Promise<PlanHistory | null> {
  const entry = plans.entry(planId);
  if (!entry) return null;
  const [planEvents, packEvents, ...others] = await store.readStreams([
    planStream(planId),
    packStream(planId),
    ...entry.actionIds.map(actionStream),
    ...entry.measureIds.map(measureStream),
  ]);
  const ofThePlan = { action: null, measure: null };
  const lines: PlanHistoryEntry[] = [
    ...planEvents.map((event) => ({ ...timelineEntry(event, describePlanEvent(decodePlanEvent(event))), ...ofThePlan })),
    ...packRegisterHistory(packEvents).map((line) => ({ ...line, ...ofThePlan })),
  ];
  const actionStreams = others.slice(0, entry.actionIds.length);
  for (const events of actionStreams) {
    if (events.length === 0) continue;
    const actionId = actionIdOf(events[0].stream);
    const action = { actionId, references: referencesOf(events[0]) };
    lines.push(...actionHistory(reader, actionId, events, restricted, people).map((line) => ({ ...line, action, measure: null })));
  }
  for (const events of others.slice(entry.actionIds.length)) {
    if (events.length === 0) continue;
    const { measure, entries } = measureHistory(events);
    lines.push(...entries.map((line) => ({ ...line, action: null, measure })));
  }
  return { planId, title: entry.title, entries: lines.sort((a, b) => a.position - b.position) };
}

const referencesOf = (raised: RecordedEvent) => (raised.data as { references?: string[] }).references ?? [];

/** A plan's own event in words an auditor reads. */
export function describePlanEvent(event: PlanEvent): string {
  switch (event.type) {
    case 'PlanCreated':
      return `created the plan "${event.data.title}" (${event.data.kind}, from ${event.data.source.body} ${event.data.source.date})`;
    case 'PlanAmended':
      return `amended the plan: ${changedSettings(event.data).join(', ') || 'no settings'}`;
    case 'GroupingAdded':
      return `added the ${event.data.kind} ${[...event.data.references, event.data.title].join(' ')}`;
    case 'GroupingAmended':
      return `amended the grouping ${[...(event.data.references ?? []), event.data.title ?? ''].join(' ').trim() || event.data.groupingId}`;
    case 'PlanActivated':
      return `activated the plan, submitted to ${event.data.submittedTo} on ${event.data.submittedOn}`;
    case 'PlanClosed':
      return `closed the plan, approved by ${event.data.approvedBy} on ${event.data.approvedOn}`;
    case 'PlanReopened':
      return 'reopened the plan';
    default:
      return (event as { type: string }).type;
  }
}

const changedSettings = (data: Extract<PlanEvent, { type: 'PlanAmended' }>['data']) =>
  (Object.keys(data) as Array<keyof typeof data>)
    .filter((key) => key !== 'reason' && data[key] !== undefined)
    .map((key) => SETTING_NAMES[key] ?? key);

const SETTING_NAMES: Record<string, string> = {
  title: 'title',
  statusLabels: 'status labels',
  quorum: 'quorum',
  warningDays: 'warning days',
  reminderPolicy: 'reminders',
  boardDates: 'board dates',
  ratingScheme: 'rating scheme',
  defaultBasis: 'default basis',
  approvalToClose: 'approval to close',
  delegatedSignOff: 'bodies that may take the sign-off',
  packSchedule: 'pack schedule',
};
