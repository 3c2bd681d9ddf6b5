import { Command } from '@nestjs/cqrs';
import type { CommandBody, MeasureCommand } from '@actionplans/domain';
import type { CommandOutcome } from '../command-runner';
import type { RequestContext } from '../request-context';

/** What a person asks of one impact measure (define it, change it, record or restate a figure), from any entry point. */
export class MeasureCommandMessage extends Command<CommandOutcome> {
  constructor(
    readonly measureId: string,
    readonly body: CommandBody<MeasureCommand>,
    readonly context: RequestContext,
  ) {
    super();
  }
}
