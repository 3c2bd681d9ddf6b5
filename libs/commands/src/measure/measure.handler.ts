import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { measureDecider, measureStream, type CommandWithFacts, type MeasureCommand, type MeasureState } from '@actionplans/domain';
import { CommandRunner, type CommandOutcome } from '../command-runner';
import { MeasureFacts } from './measure-facts';
import { MeasureCommandMessage } from './measure.messages';

/** Reads the plan, its groupings and actions, and the owner a measure names; figures are decided on the measure's stream alone. */
@CommandHandler(MeasureCommandMessage)
export class MeasureCommandHandler implements ICommandHandler<MeasureCommandMessage> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly facts: MeasureFacts,
  ) {}

  execute({ measureId, body, context }: MeasureCommandMessage): Promise<CommandOutcome> {
    return this.runner.run(measureId, measureStream(measureId), measureDecider, context, (state) => this.withFacts(body, state));
  }

  private async withFacts(body: MeasureCommandMessage['body'], state: MeasureState): Promise<CommandWithFacts<MeasureCommand>> {
    switch (body.type) {
      case 'DefineMeasure':
        return { ...body, facts: await this.facts.links(body.planId, body) };
      // Only the links and owner a change names are checked: an owner who left since is not the change's doing.
      case 'ChangeMeasure':
        return { ...body, facts: await this.facts.links(state.planId ?? '', body) };
      case 'RecordActual':
      case 'RestateActual':
        return body;
    }
  }
}
