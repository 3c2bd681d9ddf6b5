/** A stored event as the domain needs to see it: any envelope with a type, data and metadata. */
export interface StoredEvent {
  type: string;
  data: unknown;
  metadata?: Readonly<Record<string, unknown>>;
}

/**
 * Turns an older stored shape of one event type into the current one. Stored events are never
 * rewritten: the change happens each time one is read. An upcaster sees every stored event of
 * its type, so it recognises the old shape itself (a missing field, or `metadata.schemaVersion`
 * for changes the data alone cannot tell) and returns the current shape as the same object, untouched;
 * an old shape it returns as a new object, never changing the one it was given.
 */
export interface Upcaster {
  type: string;
  upcast(data: Readonly<Record<string, unknown>>, metadata: Readonly<Record<string, unknown>>): Record<string, unknown>;
}

/** A stored event of a type the aggregate does not know (a newer writer, or another stream's event). */
export class UnknownEventError extends Error {
  constructor(
    readonly category: string,
    readonly type: string,
  ) {
    super(`"${type}" is not an event of a ${category} stream`);
    this.name = 'UnknownEventError';
  }
}

/** Reads stored events of one aggregate as its domain events; the envelope (id, version, metadata) is kept. */
export type EventDecoder<E extends { type: string; data: unknown }> = <R extends StoredEvent>(stored: R) => R & E;

/**
 * The one step from a stored event to a domain event of one aggregate: upcasters for its type run
 * in the order listed, then the type must be one the aggregate knows.
 */
export function eventDecoder<E extends { type: string; data: unknown }>(
  category: string,
  types: Readonly<Record<E['type'], true>>,
  upcasters: readonly Upcaster[] = [],
): EventDecoder<E> {
  const known = new Set<string>(Object.keys(types));
  const byType = new Map<string, Upcaster[]>();
  for (const upcaster of upcasters) byType.set(upcaster.type, [...(byType.get(upcaster.type) ?? []), upcaster]);
  const isKnown = <R extends StoredEvent>(event: R): event is R & E => known.has(event.type);
  return <R extends StoredEvent>(stored: R): R & E => {
    const chain = byType.get(stored.type);
    const original = asRecord(stored.data);
    const data = chain
      ? chain.reduce<Readonly<Record<string, unknown>>>((current, upcaster) => upcaster.upcast(current, stored.metadata ?? {}), original)
      : original;
    // Most events are in their current shape: they are handed on as stored, without a copy.
    const event: R = data === original ? stored : { ...stored, data };
    if (!isKnown(event)) throw new UnknownEventError(category, stored.type);
    return event;
  };
}

const EMPTY: Readonly<Record<string, unknown>> = {};
const asRecord = (data: unknown): Readonly<Record<string, unknown>> =>
  typeof data === 'object' && data !== null ? (data as Readonly<Record<string, unknown>>) : EMPTY;
