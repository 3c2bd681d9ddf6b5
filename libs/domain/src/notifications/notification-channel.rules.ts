import { DomainError } from '../domain-error';
import { requiredIn } from '../rules';
import { NOTIFICATION_KINDS, NOTIFICATION_TRIGGERS, type NotificationTrigger } from './notification-channel.events';

/** Each refusal a plan's notification channels can give, with its stable code naming the field. */
export const refuseNotify = {
  notPlanManager: () =>
    new DomainError('NOTIFY.NOT_PLAN_MANAGER', "only a plan manager or an admin sets a plan's notification channels", true),
  planNotFound: () => new DomainError('PLAN.NOT_FOUND', 'there is no such plan'),
  notFound: (channelId: string) => new DomainError('NOTIFY.NOT_FOUND', `the plan has no notification channel ${channelId}`),
  alreadyAdded: (channelId: string) => new DomainError('NOTIFY.ALREADY_ADDED', `channel ${channelId} has been added already`),
  tooMany: () => new DomainError('NOTIFY.TOO_MANY_CHANNELS', `a plan has at most ${MAX_CHANNELS} notification channels`),
  badKind: (kind: string) => new DomainError('NOTIFY.INVALID_KIND', `kind: "${kind}" is not one of ${NOTIFICATION_KINDS.join(', ')}`),
  badTrigger: (trigger: string) =>
    new DomainError('NOTIFY.INVALID_TRIGGER', `triggers: "${trigger}" is not one of ${NOTIFICATION_TRIGGERS.join(', ')}`),
  noTriggers: () =>
    new DomainError('NOTIFY.NO_TRIGGERS', 'triggers: a channel is told of at least one of ' + NOTIFICATION_TRIGGERS.join(', ')),
  badUrl: (why: string) => new DomainError('NOTIFY.INVALID_URL', `url: ${why}`),
  secretRequired: () =>
    new DomainError(
      'NOTIFY.SECRET_REQUIRED',
      `signingSecret: an outbound webhook signs with a secret of at least ${MIN_SECRET} characters`,
    ),
  secretNotAllowed: () => new DomainError('NOTIFY.SECRET_NOT_ALLOWED', 'signingSecret: only an outbound webhook has a signing secret'),
  notConfigured: () =>
    new DomainError('NOTIFY.NOT_CONFIGURED', 'notification channels need NOTIFY_SECRET_KEY set, to keep their addresses sealed'),
  alreadyResealed: (keyId: string) =>
    new DomainError('NOTIFY.ALREADY_SO', `the channel's address and secret are sealed under key ${keyId} already`),
  changedMeanwhile: (channelId: string) =>
    new DomainError(
      'NOTIFY.CHANGED_MEANWHILE',
      `channel ${channelId} was given a new address or secret while it was re-sealed: run it again`,
    ),
  nothingToChange: () => new DomainError('NOTIFY.ALREADY_SO', 'the channel already has this name, address, secret and triggers'),
};

export const MAX_CHANNELS = 20;
export const MIN_SECRET = 16;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

export const requiredNotify = (value: string | undefined | null, field: string) => requiredIn('NOTIFY', value, field);

/**
 * A webhook address the engine may post to: https, or plain http to this machine only where the
 * configuration allows it (tests, a local relay); never with a user name or password in it.
 */
export function urlValid(url: string, allowHttpLoopback: boolean): DomainError | null {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return refuseNotify.badUrl('not an absolute address (https://…)');
  }
  if (url.length > 2000) return refuseNotify.badUrl('longer than 2000 characters');
  if (parsed.username || parsed.password) return refuseNotify.badUrl('an address with a user name or password in it is refused');
  if (parsed.protocol === 'https:') return null;
  if (parsed.protocol === 'http:' && LOOPBACK.has(parsed.hostname))
    return allowHttpLoopback ? null : refuseNotify.badUrl('plain http is refused (NOTIFY_ALLOW_HTTP_LOOPBACK allows it to this machine)');
  return refuseNotify.badUrl(`must be https (got ${parsed.protocol.replace(':', '')})`);
}

/** What may be shown of an address: its scheme and host, and its last four characters (`https://host/…/abcd`). */
export function maskedAddress(url: string): string {
  const parsed = new URL(url.trim());
  const tail = url.trim().slice(-4);
  return `${parsed.protocol}//${parsed.host}/…/${tail}`;
}

/** The triggers as stored: each known, each once, in the order the engine lists them. */
export function triggersValid(triggers: string[]): DomainError | null {
  const unknown = triggers.find((trigger) => !NOTIFICATION_TRIGGERS.includes(trigger as NotificationTrigger));
  if (unknown !== undefined) return refuseNotify.badTrigger(unknown);
  return triggers.length === 0 ? refuseNotify.noTriggers() : null;
}

export const orderedTriggers = (triggers: NotificationTrigger[]) => NOTIFICATION_TRIGGERS.filter((trigger) => triggers.includes(trigger));
