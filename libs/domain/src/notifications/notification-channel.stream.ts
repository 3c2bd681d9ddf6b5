import { eventDecoder } from '../decode';
import { streamNames } from '../streams';
import type { NotificationChannelEvent, NotificationChannelEventType } from './notification-channel.events';

/**
 * `notification-channels-<planId>`: a plan's channels in a stream of their own, so the plan's
 * history (and every reader of plan streams) never carries sealed webhook addresses.
 */
export const notificationChannelStreams = streamNames('notification-channels');
export const notificationChannelStream = notificationChannelStreams.stream;
export const isNotificationChannelStream = notificationChannelStreams.owns;

const TYPES: Record<NotificationChannelEventType, true> = {
  NotificationChannelAdded: true,
  NotificationChannelChanged: true,
  NotificationChannelResealed: true,
  NotificationChannelRemoved: true,
};

export const decodeNotificationChannelEvent = eventDecoder<NotificationChannelEvent>('notification-channels', TYPES);
