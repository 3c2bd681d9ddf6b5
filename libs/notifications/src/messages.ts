import { createHmac } from 'node:crypto';
import type { NotificationKind } from '@actionplans/domain';
import type { Notice } from './notices';

/** The event a webhook receives, as JSON: the stored event (or the day's `ActionBecameOverdue`), with the notice's words beside it. */
export interface WebhookEvent {
  id: string;
  type: string;
  stream: string | null;
  position: number | null;
  occurredAt: string;
  recordedAt: string;
  data: unknown;
}

export const SIGNATURE_HEADER = 'x-actionplans-signature';
export const TIMESTAMP_HEADER = 'x-actionplans-timestamp';
export const DELIVERY_HEADER = 'x-actionplans-delivery';
export const EVENT_HEADER = 'x-actionplans-event';

/**
 * Teams Workflows take an Adaptive Card only inside a message envelope (a bare card is refused);
 * version 1.4 is what Teams renders everywhere.
 */
export function teamsMessage(notice: Notice): object {
  const card = {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.4',
    body: [
      { type: 'TextBlock', text: notice.title, weight: 'Bolder', size: 'Medium', wrap: true },
      { type: 'TextBlock', text: notice.summary, wrap: true },
      { type: 'FactSet', facts: notice.facts.map(({ name, value }) => ({ title: name, value })) },
    ],
    actions: [{ type: 'Action.OpenUrl', title: 'Open in Action plans', url: notice.link }],
  };
  return { type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content: card }] };
}

/** Slack's mrkdwn treats &, < and > as markup. */
const escaped = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const clipped = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** A Slack incoming webhook's message: `text` for notifications and screen readers, `blocks` for the channel. */
export function slackMessage(notice: Notice): object {
  return {
    text: clipped(`${notice.title}: ${notice.summary}`, 3000),
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: clipped(notice.title, 150), emoji: false } },
      { type: 'section', text: { type: 'mrkdwn', text: clipped(escaped(notice.summary), 3000) } },
      {
        type: 'section',
        fields: notice.facts.slice(0, 10).map(({ name, value }) => ({ type: 'mrkdwn', text: `*${escaped(name)}*\n${escaped(value)}` })),
      },
      { type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open in Action plans' }, url: notice.link }] },
    ],
  };
}

/** An integrator's webhook gets the event itself, with the delivery's id to recognise a repeat. */
export function webhookMessage(deliveryId: string, notice: Notice, event: WebhookEvent): object {
  return {
    deliveryId,
    trigger: notice.trigger,
    planId: notice.planId,
    event,
    notice: { title: notice.title, summary: notice.summary, link: notice.link },
  };
}

/** The raw body each kind of channel is sent. */
export function bodyFor(kind: NotificationKind, deliveryId: string, notice: Notice, event: WebhookEvent): string {
  switch (kind) {
    case 'teams':
      return JSON.stringify(teamsMessage(notice));
    case 'slack':
      return JSON.stringify(slackMessage(notice));
    case 'webhook':
      return JSON.stringify(webhookMessage(deliveryId, notice, event));
  }
}

/**
 * `sha256=` and the hex HMAC-SHA256, under the channel's secret, of `<timestamp>.<raw body>`: a
 * receiver recomputes it over the bytes it received and refuses a timestamp more than five minutes
 * old, so a captured request cannot be replayed later.
 */
export function signature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}
