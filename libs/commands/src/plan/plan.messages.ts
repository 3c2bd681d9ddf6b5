import { Command } from '@nestjs/cqrs';
import type { CommandBody, PlanCommand } from '@actionplans/domain';
import type { CommandOutcome } from '../command-runner';
import type { RequestContext } from '../request-context';

/** What a person asks of one plan (create, amend, groupings, activate, close, reopen), from any entry point. */
export class PlanCommandMessage extends Command<CommandOutcome> {
  constructor(
    readonly planId: string,
    readonly body: CommandBody<PlanCommand>,
    readonly context: RequestContext,
  ) {
    super();
  }
}
