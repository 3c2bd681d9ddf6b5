import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { planDecider, planStream, type CommandWithFacts, type PlanCommand, type PlanState } from '@actionplans/domain';
import { CommandRunner, type CommandOutcome } from '../command-runner';
import { StreamFacts } from '../stream-facts';
import { PlanCommandMessage } from './plan.messages';

/** Closing needs every action's standing, read from the actions' own streams at the moment of deciding. */
@CommandHandler(PlanCommandMessage)
export class PlanCommandHandler implements ICommandHandler<PlanCommandMessage> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly facts: StreamFacts,
  ) {}

  execute({ planId, body, context }: PlanCommandMessage): Promise<CommandOutcome> {
    return this.runner.run(planId, planStream(planId), planDecider, context, (state) => this.withFacts(planId, body, state));
  }

  private async withFacts(planId: string, body: PlanCommandMessage['body'], state: PlanState): Promise<CommandWithFacts<PlanCommand>> {
    return body.type === 'ClosePlan' ? { ...body, facts: { actions: await this.facts.actionsAtClosure(planId, state) } } : body;
  }
}
