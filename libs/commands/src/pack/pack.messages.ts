import { Command } from '@nestjs/cqrs';
import type { CommandBody, PackCommand } from '@actionplans/domain';
import type { CommandOutcome } from '../command-runner';
import type { RequestContext } from '../request-context';

/** Issuing a committee pack of a plan to a meeting, from the API or the pages; the pack's hash is computed by the sender from its inputs. */
export class PackCommandMessage extends Command<CommandOutcome> {
  constructor(
    readonly planId: string,
    readonly body: CommandBody<PackCommand>,
    readonly context: RequestContext,
  ) {
    super();
  }
}
