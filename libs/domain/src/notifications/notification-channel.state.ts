import type { NotificationChannelEvent, NotificationKind, NotificationTrigger, SealedSecret } from './notification-channel.events';

/** A channel as the plan has it now; sealed values stay sealed until a delivery opens them. */
export interface NotificationChannel {
  channelId: string;
  kind: NotificationKind;
  name: string;
  triggers: NotificationTrigger[];
  address: SealedSecret;
  addressHint: string;
  signingSecret: SealedSecret | null;
  /** When it was added (the event's recorded time): it is told of what happens from then on. */
  addedAt: string;
}

export interface NotificationChannelsState {
  planId: string | null;
  channels: Map<string, NotificationChannel>;
  /** Removed channels' ids: an id is never reused. */
  removed: Set<string>;
}

export const initialNotificationChannelsState: NotificationChannelsState = { planId: null, channels: new Map(), removed: new Set() };

/** Folds one event; `recordedAt` is the stored event's, when there is one. */
export function evolveNotificationChannels(
  state: NotificationChannelsState,
  event: NotificationChannelEvent & { metadata?: { recordedAt?: unknown } },
): NotificationChannelsState {
  const channels = new Map(state.channels);
  switch (event.type) {
    case 'NotificationChannelAdded': {
      const { channelId, planId, kind, name, triggers, address, addressHint, signingSecret } = event.data;
      const addedAt = typeof event.metadata?.recordedAt === 'string' ? event.metadata.recordedAt : '';
      channels.set(channelId, { channelId, kind, name, triggers, address, addressHint, signingSecret, addedAt });
      return { ...state, planId, channels };
    }
    case 'NotificationChannelChanged': {
      const channel = channels.get(event.data.channelId);
      if (!channel) return state;
      const { name, triggers, address, addressHint, signingSecret } = event.data;
      channels.set(channel.channelId, {
        ...channel,
        name: name ?? channel.name,
        triggers: triggers ?? channel.triggers,
        address: address ?? channel.address,
        addressHint: addressHint ?? channel.addressHint,
        signingSecret: signingSecret ?? channel.signingSecret,
      });
      return { ...state, channels };
    }
    case 'NotificationChannelResealed': {
      const channel = channels.get(event.data.channelId);
      if (!channel) return state;
      channels.set(channel.channelId, { ...channel, address: event.data.address, signingSecret: event.data.signingSecret });
      return { ...state, channels };
    }
    case 'NotificationChannelRemoved':
      channels.delete(event.data.channelId);
      return { ...state, channels, removed: new Set([...state.removed, event.data.channelId]) };
  }
}
