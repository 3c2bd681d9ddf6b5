import type { NotificationKind, NotificationTrigger } from '@actionplans/domain';
import type { ChannelView, Delivery, DeliveryAttempt } from '@actionplans/notifications';
import { dayInWords } from '../page/dates';

export const KIND_NAMES: Record<NotificationKind, string> = {
  teams: 'Microsoft Teams (a Workflows webhook)',
  slack: 'Slack (an incoming webhook)',
  webhook: "A partner's system (an outbound webhook, signed)",
};

export const TRIGGER_NAMES: Record<NotificationTrigger, string> = {
  'sign-off': 'Actions signed off',
  overdue: 'Actions newly overdue',
  'pack issued': 'Committee packs issued',
};

const STATUS_TAGS: Record<string, { text: string; classes: string }> = {
  pending: { text: 'Waiting to retry', classes: 'govuk-tag--yellow' },
  delivered: { text: 'Delivered', classes: 'govuk-tag--green' },
  failed: { text: 'Failed', classes: 'govuk-tag--red' },
};

const time = (iso: string) => `${dayInWords(iso)} ${iso.slice(11, 16)} UTC`;

export const channelLines = (channels: ChannelView[]) =>
  channels.map((channel) => ({
    ...channel,
    kindName: KIND_NAMES[channel.kind as NotificationKind] ?? channel.kind,
    triggerNames: channel.triggers.map((trigger) => TRIGGER_NAMES[trigger as NotificationTrigger] ?? trigger).join(', '),
  }));

const attemptLine = (attempt: DeliveryAttempt) =>
  `Attempt ${attempt.attempt}, ${time(attempt.attemptedAt)}: ${attempt.statusCode === null ? 'no answer' : `answered ${attempt.statusCode}`} in ${attempt.durationMs} ms` +
  (attempt.outcome === 'will retry' && attempt.nextRetryAt ? `; next try ${time(attempt.nextRetryAt)}` : '') +
  (attempt.error && attempt.statusCode === null ? ` (${attempt.error})` : '');

export const deliveryLines = (deliveries: Array<Delivery & { attemptLog: DeliveryAttempt[] }>, channels: ChannelView[]) =>
  deliveries.map((delivery) => ({
    deliveryId: delivery.deliveryId,
    title: delivery.notice.title,
    channel: channels.find((channel) => channel.channelId === delivery.channelId)?.name ?? 'A removed channel',
    when: time(delivery.createdAt),
    status: STATUS_TAGS[delivery.status],
    attempts: delivery.attemptLog.map(attemptLine),
  }));
