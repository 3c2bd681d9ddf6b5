import type { DomainError } from './domain-error';

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
}

/** A pure aggregate: decide what happens, and fold what happened into state (plain functions, no `this`). */
export interface Decider<Command, Event, State> {
  initialState: State;
  decide(this: void, command: Command, state: State): Event[] | DomainError;
  evolve(this: void, state: State, event: Event): State;
}

/** A command without its context: what a caller asks for, before who and when are added. */
export type CommandBody<C> = C extends CommandContext ? Omit<C, keyof CommandContext> : never;
