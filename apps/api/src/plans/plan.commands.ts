import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { planDecider, type ActionAtClosure, type CommandBody, type PlanCommand } from '@actionplans/domain';
import { CommandRunner, type CommandOutcome } from '../commands/command-runner';
import type { RequestContext } from '../commands/request-context';
import { planStream, StreamReader } from '../read/stream-reader';

/** A command on one plan, from any entry point. */
export class PlanCommandMessage extends Command<CommandOutcome> {
  constructor(
    readonly planId: string,
    readonly body: CommandBody<PlanCommand>,
    readonly context: RequestContext,
  ) {
    super();
  }
}

/** Closing needs every action's standing, read from the actions' own streams at the moment of deciding. */
@CommandHandler(PlanCommandMessage)
export class PlanCommandHandler implements ICommandHandler<PlanCommandMessage> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly reader: StreamReader,
  ) {}

  execute({ planId, body, context }: PlanCommandMessage): Promise<CommandOutcome> {
    return this.runner.run(planId, planStream(planId), planDecider, context, async (state) =>
      body.type === 'ClosePlan' ? { ...body, actions: await this.actionsAtClosure(planId, state) } : body);
  }

  private async actionsAtClosure(planId: string, state: Parameters<StreamReader['planActions']>[1]): Promise<ActionAtClosure[]> {
    const actions = await this.reader.planActions(planId, state);
    return actions.map((action) => ({
      actionId: action.actionId, references: action.references,
      counted: action.status.status !== 'duplicate' && action.status.status !== 'withdrawn', complete: action.stage === 'complete',
    }));
  }
}
