/** Where a plan's notifications go: a Microsoft Teams Workflows webhook, a Slack incoming webhook, or an integrator's own endpoint. */
export type NotificationKind = 'teams' | 'slack' | 'webhook';
export const NOTIFICATION_KINDS: readonly NotificationKind[] = ['teams', 'slack', 'webhook'];

/** What a channel is told of: actions signed off (by a panel, a delegated body or from paper), actions newly overdue, packs issued. */
export type NotificationTrigger = 'sign-off' | 'overdue' | 'pack issued';
export const NOTIFICATION_TRIGGERS: readonly NotificationTrigger[] = ['sign-off', 'overdue', 'pack issued'];

/**
 * A secret as the log keeps it: AES-256-GCM under the key named by `keyId` (ADR 35). An event
 * store cannot forget, so nothing secret is ever stored in the clear; destroying a retired key
 * makes what it sealed unreadable for good.
 */
export interface SealedSecret {
  keyId: string;
  /** base64 of the 12-byte nonce, the 16-byte tag and the ciphertext. */
  iv: string;
  tag: string;
  ciphertext: string;
}

/** One plan's notification channels (stream `notification-channels-<planId>`); `type` values are a stored contract. */
export type NotificationChannelEvent =
  | {
      type: 'NotificationChannelAdded';
      data: {
        channelId: string;
        planId: string;
        kind: NotificationKind;
        name: string;
        triggers: NotificationTrigger[];
        /** The webhook's address, sealed: it is the credential that lets anyone post to the channel. */
        address: SealedSecret;
        /** What may be shown of it: `https://host/…/abcd`. */
        addressHint: string;
        /** An outbound webhook's signing secret, sealed; none for Teams and Slack. */
        signingSecret: SealedSecret | null;
      };
    }
  /** Only what changed, with why; a new address or secret comes sealed under the current key. */
  | {
      type: 'NotificationChannelChanged';
      data: {
        channelId: string;
        name?: string;
        triggers?: NotificationTrigger[];
        address?: SealedSecret;
        addressHint?: string;
        signingSecret?: SealedSecret;
        reason: string;
      };
    }
  /**
   * The same address and secret sealed again under the current key (`keyId`), so a retired key can
   * be destroyed; what they are is never recorded, only that they were re-sealed and under which key.
   */
  | {
      type: 'NotificationChannelResealed';
      data: { channelId: string; keyId: string; address: SealedSecret; signingSecret: SealedSecret | null; reason: string };
    }
  | { type: 'NotificationChannelRemoved'; data: { channelId: string; reason: string } };

export type NotificationChannelEventType = NotificationChannelEvent['type'];
