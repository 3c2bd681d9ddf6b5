import { Inject, Optional } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  notificationChannelDecider,
  notificationChannelStream,
  refuseNotify,
  type CommandWithFacts,
  type NotificationChannelCommand,
  type NotificationChannelsState,
} from '@actionplans/domain';
import { CommandRefusedError } from '@actionplans/event-store';
import { CommandRunner, type CommandOutcome } from '../command-runner';
import { CHANNEL_SEALING, ResealNotificationChannelMessage, type ChannelSealing } from './notification-channel.messages';

type Reseal = CommandWithFacts<Extract<NotificationChannelCommand, { type: 'ResealNotificationChannel' }>>;

/**
 * Opens a channel's sealed address and secret with whichever configured key sealed them and seals
 * them again under the current key; the decider records only the sealed values, never the address.
 * Needs nothing but the event store and the keys, so the command line can run it.
 */
@CommandHandler(ResealNotificationChannelMessage)
export class ResealNotificationChannelHandler implements ICommandHandler<ResealNotificationChannelMessage> {
  constructor(
    private readonly runner: CommandRunner,
    @Optional() @Inject(CHANNEL_SEALING) private readonly sealing?: ChannelSealing,
  ) {}

  execute({ planId, channelId, reason, context }: ResealNotificationChannelMessage): Promise<CommandOutcome> {
    return this.runner.run(planId, notificationChannelStream(planId), notificationChannelDecider, context, (state) =>
      this.resealed(state, channelId, reason),
    );
  }

  private resealed(state: NotificationChannelsState, channelId: string, reason: string): Reseal {
    const { sealing } = this;
    if (!sealing?.open || !sealing.currentKeyId) throw new CommandRefusedError(refuseNotify.notConfigured());
    const channel = state.channels.get(channelId);
    if (!channel) throw new CommandRefusedError(refuseNotify.notFound(channelId));
    const again = (sealed: typeof channel.address) => sealing.seal(sealing.open!(sealed));
    return {
      type: 'ResealNotificationChannel',
      channelId,
      reason,
      facts: {
        keyId: sealing.currentKeyId,
        was: { address: channel.address, signingSecret: channel.signingSecret },
        address: again(channel.address),
        signingSecret: channel.signingSecret && again(channel.signingSecret),
      },
    };
  }
}
