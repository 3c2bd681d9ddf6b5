import { Inject, Injectable, Optional } from '@nestjs/common';
import type { CommandContext, CommandWithFacts, Effective } from '@actionplans/domain';
import {
  EVENT_STORE,
  handle,
  type EventMetadata,
  type EventStore,
  type HandleResult,
  type RecordedEvent,
  type StreamDecider,
} from '@actionplans/event-store';
import { loggedCommand } from './command-log';
import type { RequestContext } from './request-context';

/** Injection token of what runs once a command asking for read-your-writes is stored (the app's readers catching up). */
export const AFTER_WRITE = Symbol('AFTER_WRITE');
export type AfterWrite = (position: number) => Promise<void>;

export interface CommandOutcome<S = unknown> extends HandleResult<S> {
  /** The id of the plan, action, panel meeting or user the command was about. */
  id: string;
}

export interface RunOptions<E> {
  /**
   * When one event happened, where that is not the command's own effective date: a backdated
   * progress update happened on its as-of day, a panel decision on its meeting's date.
   */
  effective?: (event: E) => Effective | undefined;
  /** The stream as the caller has just read it (see `handle`). */
  history?: RecordedEvent[];
}

/**
 * Every command passes here, whatever its entry point: one command against one stream, with
 * the facts its handler read, then (for a request) a bounded wait until the app's readers have
 * seen the result.
 */
@Injectable()
export class CommandRunner {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Optional() @Inject(AFTER_WRITE) private readonly afterWrite?: AfterWrite,
  ) {}

  async run<C extends CommandContext, E extends { type: string; data: unknown }, S, R>(
    id: string,
    stream: string,
    decider: StreamDecider<C, E, S, R>,
    context: RequestContext,
    command: (state: S, version: number) => CommandWithFacts<C> | Promise<CommandWithFacts<C>>,
    options: RunOptions<E> = {},
  ): Promise<CommandOutcome<S>> {
    const about = { stream, actor: context.actor, correlationId: context.correlationId };
    const result = await loggedCommand(about, (named) =>
      handle(this.store, stream, decider, {
        actor: { id: context.actor.userId, role: context.actor.role },
        // The request, its facts, who gives it when, and since when the stream has been: the whole domain command.
        command: async (state, version, history) =>
          named({
            ...(await command(state, version)),
            actor: context.actor,
            now: context.now,
            effective: context.effective,
            began: history[0]?.metadata.occurredAt ?? null,
          }) as C,
        ifMatch: context.ifMatch,
        idempotency: context.idempotency,
        correlationId: context.correlationId,
        causationId: context.causationId,
        history: options.history,
        eventMetadata: (event) => effectiveMetadata(options.effective?.(event) ?? context.effective),
      }),
    );
    if (context.waitForReaders) await this.afterWrite?.(result.position);
    return { ...result, id };
  }
}

/** The effective date a stored event was given, if it was given one (a process carries it on). */
export function storedEffective(metadata: EventMetadata): Effective | undefined {
  const precision = metadata.effectivePrecision;
  if (precision !== 'day' && precision !== 'moment') return undefined;
  return { at: metadata.occurredAt, precision, source: typeof metadata.source === 'string' ? metadata.source : null };
}

/** An effective date as an event's metadata: its business time, how precise it is, and its source. */
function effectiveMetadata(effective: Effective | undefined): Record<string, unknown> | undefined {
  return effective && { occurredAt: effective.at, effectivePrecision: effective.precision, source: effective.source };
}
