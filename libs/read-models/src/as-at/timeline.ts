import { DomainError } from '@actionplans/domain';
import type { RecordedEvent } from '@actionplans/event-store';

/**
 * Which clock a history question is asked on: `recorded` is what the system showed at the time
 * (recordedAt); `effective` is what we now know was true then (occurredAt, so late, backdated
 * entries count on the day they describe).
 */
export type HistoryBasis = 'recorded' | 'effective';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The first instant (epoch ms, UTC) after the end of `day`; refuses anything but a real YYYY-MM-DD. */
export function endOfDay(day: string): number {
  const start = Date.parse(`${day}T00:00:00.000Z`);
  // Date.parse rolls 2021-02-30 over to March, so the round trip catches impossible days too.
  if (!DAY.test(day) || Number.isNaN(start) || new Date(start).toISOString().slice(0, 10) !== day) {
    throw new DomainError('HISTORY.INVALID_DATE', `${day} is not a date (YYYY-MM-DD)`);
  }
  return start + 86_400_000;
}

/** The ISO time an event counts at on the given basis. */
export const timeOf = (event: RecordedEvent, basis: HistoryBasis): string =>
  basis === 'recorded' ? event.metadata.recordedAt : event.metadata.occurredAt;

/** Epoch ms of an event on the basis; ISO strings with offsets compare wrongly as text. */
export const instantOf = (event: RecordedEvent, basis: HistoryBasis): number => Date.parse(timeOf(event, basis));

/**
 * One stream's events in the order they take effect on the basis: stream order when recorded;
 * occurredAt order when effective, stable by version. The stream's first event (ActionRaised,
 * PlanCreated) stays first: a progress update backdated to 00:00 of the day an action was raised
 * would otherwise sort before the action existed.
 */
export function inBasisOrder(events: RecordedEvent[], basis: HistoryBasis): RecordedEvent[] {
  return placed(events, basis).map(({ event }) => event);
}

/**
 * The stream as it stood by the end of `day` on the basis, in basis order; empty when the
 * stream's opening event had not happened (or been recorded) by then.
 */
export function streamAsAt(events: RecordedEvent[], day: string, basis: HistoryBasis): RecordedEvent[] {
  const before = endOfDay(day);
  const ordered = placed(events, basis);
  if (ordered.length === 0 || ordered[0].instant >= before) return [];
  const within: RecordedEvent[] = [];
  for (const { event, instant } of ordered) if (instant < before) within.push(event);
  return within;
}

type Placed = { event: RecordedEvent; instant: number };

/**
 * The events with their instants on the basis, in basis order. Each time is parsed once (an as-at
 * question folds thousands of events), and a stream already in order, as most are, is not sorted.
 */
function placed(events: RecordedEvent[], basis: HistoryBasis): Placed[] {
  const all = events.map((event) => ({ event, instant: instantOf(event, basis) }));
  const inVersionOrder = all.every((entry, i) => i === 0 || all[i - 1].event.version < entry.event.version);
  const byVersion = inVersionOrder ? all : [...all].sort((a, b) => a.event.version - b.event.version);
  if (basis === 'recorded' || byVersion.length === 0) return byVersion;
  const [opening, ...rest] = byVersion;
  const inOrder = rest.every((entry, i) => i === 0 || rest[i - 1].instant <= entry.instant);
  return [opening, ...(inOrder ? rest : rest.sort((a, b) => a.instant - b.instant || a.event.version - b.event.version))];
}
