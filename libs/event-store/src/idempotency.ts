import { DuplicateEventIdError } from './errors';
import type { AppendResult, EventToAppend, RecordedEvent } from './event-store.port';

/**
 * Decides whether an append whose ids are already stored is a retry of the append that stored
 * them. A retry (every id present, in this stream, in the same order at consecutive versions)
 * returns the first append's result and stores nothing; any other reuse of an id is an error.
 *
 * @param stored the stored events having any of the append's ids
 * @returns the original result, or null when none of the ids is stored
 */
export function retriedAppend(stream: string, events: EventToAppend[], stored: RecordedEvent[]): AppendResult | null {
  if (stored.length === 0) return null;
  const byId = new Map(stored.map((event) => [event.id.toLowerCase(), event]));
  const original: RecordedEvent[] = [];
  for (const input of events) {
    const match = input.id ? byId.get(input.id.toLowerCase()) : undefined;
    const previous = original[original.length - 1];
    const inPlace = match && match.stream === stream && match.type === input.type && (!previous || match.version === previous.version + 1);
    if (!inPlace) throw new DuplicateEventIdError(input.id ?? stored[0].id, stream);
    original.push(match);
  }
  const last = original[original.length - 1];
  return { stream, version: last.version, position: last.position, events: original };
}

/** The ids an append supplied, lower-cased, for looking up a possible earlier attempt. */
export function suppliedIds(events: EventToAppend[]): string[] {
  return events.flatMap((event) => (event.id ? [event.id.toLowerCase()] : []));
}
