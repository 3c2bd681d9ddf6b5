import type { EventDecoder } from './decode';
import type { DomainError } from './domain-error';
import type { Effective } from './effective';

/** Who is acting: a user and the role they act in; `system` for process managers. */
export interface Actor {
  userId: string;
  role: 'admin' | 'plan manager' | 'action owner' | 'panel member' | 'auditor' | 'viewer' | 'system';
}

/** Every command carries who gives it and when (time comes in as a value, never from a clock). */
export interface CommandContext {
  actor: Actor;
  /** The moment the command is decided (ISO 8601). */
  now: string;
  /** When what it records happened, if not now (a panel's minutes, a board paper). */
  effective?: Effective;
  /** When the stream it is decided on began (its first event's occurredAt); null or absent for a new stream. */
  began?: string | null;
}

/**
 * A pure aggregate: decide what happens, and fold what happened into state (plain functions, no
 * `this`); `decode` reads its stored events (with upcasters) as the events it folds.
 */
export interface Decider<Command, Event extends { type: string; data: unknown }, State> {
  initialState: State;
  decide(this: void, command: Command, state: State): Event[] | DomainError;
  evolve(this: void, state: State, event: Event): State;
  decode: EventDecoder<Event>;
}

/**
 * What a caller asks for: a command without who gives it and when, and without `facts`, the
 * part of a command read from other streams by its handler. No caller can fill those in.
 */
export type CommandBody<C> = C extends CommandContext ? Omit<C, keyof CommandContext | 'facts'> : never;

/** A command as its handler hands it over: without who and when, with the facts it read. */
export type CommandWithFacts<C> = C extends CommandContext ? Omit<C, keyof CommandContext> : never;
