import { Command } from '@nestjs/cqrs';
import type { CommandBody, PanelCommand } from '@actionplans/domain';
import type { CommandOutcome } from '../command-runner';
import type { RequestContext } from '../request-context';

/** What a person asks of one panel meeting (schedule, table an action, attendance, sign-off-at-evidence-panel), from any entry point. */
export class PanelCommandMessage extends Command<CommandOutcome> {
  constructor(
    readonly panelId: string,
    readonly body: CommandBody<PanelCommand>,
    readonly context: RequestContext,
  ) {
    super();
  }
}
