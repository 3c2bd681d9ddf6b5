import type { Actor, AppendResult, EventStore, RecordedEvent } from './event-store.port';
import { NO_STREAM } from './event-store.port';

/** What `handle` needs of an aggregate: the shape every domain decider has. */
export interface StreamDecider<Command, Event extends { type: string; data: unknown }, State, Refusal> {
  initialState: State;
  decide(this: void, command: Command, state: State): Event[] | Refusal;
  evolve(this: void, state: State, event: Event): State;
  /** A stored event as the aggregate's event (upcasting older shapes). */
  decode(this: void, stored: RecordedEvent): Event;
}

/** A decider refused the command; `refusal` is its domain error. Nothing was appended. */
export class CommandRefusedError<Refusal = unknown> extends Error {
  constructor(readonly refusal: Refusal) {
    super('the command was refused');
    this.name = 'CommandRefusedError';
  }
}

/** `If-Match` named a version the stream is no longer (or not yet) at. Nothing was appended. */
export class PreconditionFailedError extends Error {
  constructor(
    readonly stream: string,
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`${stream} is at version ${actual}, not ${expected}`);
    this.name = 'PreconditionFailedError';
  }
}

/** The same idempotency key was sent again with a different request. */
export class IdempotencyKeyReusedError extends Error {
  constructor() {
    super('this Idempotency-Key was used for a different request');
    this.name = 'IdempotencyKeyReusedError';
  }
}

export interface HandleOptions<Command, State, Event = { type: string; data: unknown }> {
  actor: Actor;
  /** Builds the command from the stream's current state and history (lets a handler add facts it read). */
  command: Command | ((state: State, version: number, history: RecordedEvent[]) => Command | Promise<Command>);
  /** The version the client last saw (`If-Match`); a different current version refuses. */
  ifMatch?: number;
  /**
   * A client's retry key, already scoped to the client (e.g. a hash of user and key), and a
   * fingerprint of the request it was first sent with.
   */
  idempotency?: { key: string; request: string };
  correlationId?: string;
  causationId?: string | null;
  /**
   * Metadata of one event beyond who and why: its business time (`occurredAt`) when it is not the
   * time of recording (a backdated update, an effective date) and where that is written down.
   */
  eventMetadata?: (event: Event) => Record<string, unknown> | undefined;
  /**
   * The stream as the caller has just read it, to decide on without reading it again. If the
   * stream has moved on since, the append is refused with `WrongExpectedVersionError`.
   */
  history?: RecordedEvent[];
}

export interface HandleResult<State> extends Pick<AppendResult, 'stream' | 'version' | 'position'> {
  state: State;
  /** The events this command stored (the first attempt's events when this is a retry). */
  events: Array<Pick<RecordedEvent, 'type' | 'version' | 'position'>>;
  /** True when the idempotency key matched an earlier attempt and nothing was appended now. */
  replayed: boolean;
}

/**
 * One command's whole path: read the stream, fold it, decide, append at the version decided on.
 * Two writers deciding on the same version cannot both append (the store refuses the second
 * with `WrongExpectedVersionError`), so every rule holds against the state it was checked on.
 */
export async function handle<C, E extends { type: string; data: unknown }, S, R>(
  store: EventStore,
  stream: string,
  decider: StreamDecider<C, E, S, R>,
  options: HandleOptions<C, S, E>,
): Promise<HandleResult<S>> {
  const history = options.history ?? (await store.readStream(stream));
  const state = history.reduce((folded, event) => decider.evolve(folded, decider.decode(event)), decider.initialState);
  const version = history.length;
  const earlier = options.idempotency && earlierAttempt(history, options.idempotency);
  if (earlier)
    return {
      stream,
      version: earlier.at(-1)!.version,
      position: earlier.at(-1)!.position,
      state,
      events: earlier.map(brief),
      replayed: true,
    };
  if (options.ifMatch !== undefined && options.ifMatch !== version) throw new PreconditionFailedError(stream, options.ifMatch, version);

  const command =
    typeof options.command === 'function'
      ? await (options.command as (s: S, v: number, h: RecordedEvent[]) => C | Promise<C>)(state, version, history)
      : options.command;
  const decision = decider.decide(command, state);
  if (!Array.isArray(decision)) throw new CommandRefusedError(decision);
  if (decision.length === 0) return { stream, version, position: history.at(-1)?.position ?? 0, state, events: [], replayed: false };

  const metadata = {
    actor: options.actor,
    ...(options.correlationId ? { correlationId: options.correlationId } : {}),
    ...(options.causationId ? { causationId: options.causationId } : {}),
    ...(options.idempotency ? { idempotencyKey: options.idempotency.key, request: options.idempotency.request } : {}),
  };
  const appended = await store.append(
    stream,
    decision.map((event) => {
      const own = options.eventMetadata?.(event);
      return { type: event.type, data: event.data, metadata: own ? { ...metadata, ...own } : metadata };
    }),
    version === 0 ? NO_STREAM : version,
  );
  return {
    stream,
    version: appended.version,
    position: appended.position,
    replayed: false,
    state: decision.reduce(decider.evolve, state),
    events: appended.events.map(brief),
  };
}

/** The events an earlier attempt with this key stored, if any; a key reused for another request refuses. */
function earlierAttempt(history: RecordedEvent[], idempotency: { key: string; request: string }): RecordedEvent[] | null {
  const matches = history.filter((event) => event.metadata.idempotencyKey === idempotency.key);
  if (matches.length === 0) return null;
  if (matches[0].metadata.request !== idempotency.request) throw new IdempotencyKeyReusedError();
  return matches;
}

const brief = (event: RecordedEvent) => ({ type: event.type, version: event.version, position: event.position });
