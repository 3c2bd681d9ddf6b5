import type { CommandContext } from '../decider';
import type { NotificationKind, NotificationTrigger, SealedSecret } from './notification-channel.events';

/**
 * What the handler read and worked out for a command: whether the plan exists, whether plain
 * http to this machine is allowed, and the address and secret sealed under the current key (null
 * when no key is configured: the decider then refuses).
 */
export interface ChannelFacts {
  planExists: boolean;
  allowHttpLoopback: boolean;
  sealedAddress: SealedSecret | null;
  sealedSecret: SealedSecret | null;
  sealingConfigured: boolean;
}

/**
 * What the handler opened and sealed again for a re-seal: the sealed values it opened (`was`, so
 * the rule can tell they are still the channel's) and the same ones sealed under the current key.
 */
export interface ResealFacts {
  keyId: string;
  was: { address: SealedSecret; signingSecret: SealedSecret | null };
  address: SealedSecret;
  signingSecret: SealedSecret | null;
}

/** Commands on one plan's notification channels. */
export type NotificationChannelCommand = CommandContext &
  (
    | {
        type: 'AddNotificationChannel';
        planId: string;
        channelId: string;
        kind: NotificationKind;
        name: string;
        url: string;
        triggers: NotificationTrigger[];
        signingSecret?: string;
        facts: ChannelFacts;
      }
    | {
        type: 'ChangeNotificationChannel';
        channelId: string;
        name?: string;
        url?: string;
        triggers?: NotificationTrigger[];
        signingSecret?: string;
        reason: string;
        facts: ChannelFacts;
      }
    | { type: 'ResealNotificationChannel'; channelId: string; reason: string; facts: ResealFacts }
    | { type: 'RemoveNotificationChannel'; channelId: string; reason: string }
  );

export type NotificationChannelCommandType = NotificationChannelCommand['type'];
