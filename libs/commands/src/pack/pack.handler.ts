import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { packDecider, packStream, type CommandWithFacts, type PackCommand } from '@actionplans/domain';
import { CommandRunner, type CommandOutcome } from '../command-runner';
import { StreamFacts } from '../stream-facts';
import { PackCommandMessage } from './pack.messages';

/** Reads whether the plan and the panel meeting a pack is issued to exist, then records the issue (or a scheduled pack's sending) on the plan's pack register. */
@CommandHandler(PackCommandMessage)
export class PackCommandHandler implements ICommandHandler<PackCommandMessage> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly facts: StreamFacts,
  ) {}

  async execute({ planId, body, context }: PackCommandMessage): Promise<CommandOutcome> {
    const outcome = await this.runner.run(planId, packStream(planId), packDecider, context, () => this.withFacts(body));
    return { ...outcome, id: body.packId };
  }

  private async withFacts(body: PackCommandMessage['body']): Promise<CommandWithFacts<PackCommand>> {
    if (body.type !== 'IssuePack') return body;
    const planExists = (await this.facts.plan(body.planId)).stage !== 'none';
    const meetingExists = body.meeting.panelId ? (await this.facts.meeting(body.meeting.panelId)) !== null : false;
    return { ...body, facts: { planExists, meetingExists } };
  }
}
