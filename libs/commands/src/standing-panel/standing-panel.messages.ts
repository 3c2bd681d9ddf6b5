import { Command } from '@nestjs/cqrs';
import type { CommandBody, StandingPanelCommand } from '@actionplans/domain';
import type { CommandOutcome } from '../command-runner';
import type { RequestContext } from '../request-context';

/** What a person asks of one standing panel (establish it, amend it, change its members, the plans it serves), from any entry point. */
export class StandingPanelCommandMessage extends Command<CommandOutcome> {
  constructor(
    readonly standingPanelId: string,
    readonly body: CommandBody<StandingPanelCommand>,
    readonly context: RequestContext,
  ) {
    super();
  }
}
