import { Inject, Injectable } from '@nestjs/common';
import type { CommandBody } from '@actionplans/domain';
import { EVENT_STORE, handle, type ConfiguredEventStore, type HandleResult, type StreamDecider } from '@actionplans/event-store';
import { loggedCommand } from './command-log';
import { ReadYourWrites } from './read-your-writes';
import type { RequestContext } from './request-context';

export interface CommandOutcome<S = unknown> extends HandleResult<S> {
  /** The id of the plan, action, panel meeting or user the command was about. */
  id: string;
}

/**
 * Runs one command against one stream for one request, then waits (bounded) until this process's
 * readers have seen the result, so the client's next GET shows its own write.
 */
@Injectable()
export class CommandRunner {
  constructor(
    @Inject(EVENT_STORE) private readonly store: ConfiguredEventStore,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  async run<C, E extends { type: string; data: unknown }, S, R>(
    id: string,
    stream: string,
    decider: StreamDecider<C, E, S, R>,
    context: RequestContext,
    command: (state: S, version: number) => CommandBody<C> | Promise<CommandBody<C>>,
    occurredAt?: (event: E) => string | undefined,
  ): Promise<CommandOutcome<S>> {
    const result = await loggedCommand({ stream, actor: context.actor, correlationId: context.correlationId }, (named) => handle(this.store, stream, decider, {
      actor: { id: context.actor.userId, role: context.actor.role },
      command: async (state, version) => named({ ...(await command(state, version)), actor: context.actor, now: context.now }) as C,
      ifMatch: context.ifMatch,
      idempotency: context.idempotency,
      correlationId: context.correlationId,
      occurredAt: occurredAt as ((event: { type: string; data: unknown }) => string | undefined) | undefined,
    }));
    await this.readYourWrites.reach(result.position);
    return { ...result, id };
  }
}
