import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  standingPanelDecider,
  standingPanelStream,
  type CommandWithFacts,
  type StandingPanelCommand,
  type StandingPanelMember,
} from '@actionplans/domain';
import { CommandRunner, type CommandOutcome } from '../command-runner';
import { StreamFacts } from '../stream-facts';
import { StandingPanelCommandMessage } from './standing-panel.messages';

/** Reads which plans and users a standing panel's command names exist, and the users' roles now. */
@CommandHandler(StandingPanelCommandMessage)
export class StandingPanelCommandHandler implements ICommandHandler<StandingPanelCommandMessage> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly facts: StreamFacts,
  ) {}

  execute({ standingPanelId, body, context }: StandingPanelCommandMessage): Promise<CommandOutcome> {
    return this.runner.run(standingPanelId, standingPanelStream(standingPanelId), standingPanelDecider, context, () =>
      this.withFacts(body),
    );
  }

  private async withFacts(body: StandingPanelCommandMessage['body']): Promise<CommandWithFacts<StandingPanelCommand>> {
    switch (body.type) {
      case 'EstablishStandingPanel': {
        const exists = await Promise.all(body.planIds.map(async (planId) => (await this.facts.plan(planId)).stage !== 'none'));
        return { ...body, facts: { ...this.members(body.members), unknownPlans: body.planIds.filter((_, at) => !exists[at]) } };
      }
      case 'ChangeStandingPanelMembers':
        return { ...body, facts: this.members(body.members) };
      case 'StartServingPlan':
        return { ...body, facts: { planExists: (await this.facts.plan(body.planId)).stage !== 'none' } };
      case 'AmendStandingPanel':
      case 'StopServingPlan':
        return body;
    }
  }

  private members(members: StandingPanelMember[]) {
    const userIds = members.map((member) => member.userId);
    return { unknownUsers: this.facts.unknownUsers(userIds), people: this.facts.people(userIds) };
  }
}
