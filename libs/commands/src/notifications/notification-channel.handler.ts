import { Inject, Optional } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  notificationChannelDecider,
  notificationChannelStream,
  type ChannelFacts,
  type CommandWithFacts,
  type NotificationChannelCommand,
} from '@actionplans/domain';
import { CommandRunner, type CommandOutcome } from '../command-runner';
import { StreamFacts } from '../stream-facts';
import { CHANNEL_SEALING, NotificationChannelCommandMessage, type ChannelSealing } from './notification-channel.messages';

/** Reads whether the plan exists, and seals the address and secret a command brings, so only sealed values reach the log. */
@CommandHandler(NotificationChannelCommandMessage)
export class NotificationChannelCommandHandler implements ICommandHandler<NotificationChannelCommandMessage> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly facts: StreamFacts,
    @Optional() @Inject(CHANNEL_SEALING) private readonly sealing?: ChannelSealing,
  ) {}

  execute({ planId, body, context }: NotificationChannelCommandMessage): Promise<CommandOutcome> {
    return this.runner.run(planId, notificationChannelStream(planId), notificationChannelDecider, context, () =>
      this.withFacts(planId, body),
    );
  }

  private async withFacts(
    planId: string,
    body: NotificationChannelCommandMessage['body'],
  ): Promise<CommandWithFacts<NotificationChannelCommand>> {
    switch (body.type) {
      case 'AddNotificationChannel':
        return { ...body, facts: this.sealed(body, (await this.facts.plan(planId)).stage !== 'none') };
      case 'ChangeNotificationChannel':
        return { ...body, facts: this.sealed(body, true) };
      case 'RemoveNotificationChannel':
        return body;
    }
  }

  private sealed(body: { url?: string; signingSecret?: string }, planExists: boolean): ChannelFacts {
    const seal = (plain: string | undefined) => (this.sealing && plain ? this.sealing.seal(plain.trim()) : null);
    return {
      planExists,
      allowHttpLoopback: this.sealing?.allowHttpLoopback ?? false,
      sealingConfigured: this.sealing != null,
      sealedAddress: seal(body.url),
      sealedSecret: seal(body.signingSecret),
    };
  }
}
