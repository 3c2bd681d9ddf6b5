import type { Decider } from '../decider';
import type { DomainError } from '../domain-error';
import { withEffectiveRules } from '../effective';
import { firstOf, managesPlans } from '../rules';
import type { NotificationChannelCommand } from './notification-channel.commands';
import { NOTIFICATION_KINDS, type NotificationChannelEvent, type SealedSecret } from './notification-channel.events';
import {
  MAX_CHANNELS,
  MIN_SECRET,
  maskedAddress,
  orderedTriggers,
  refuseNotify,
  requiredNotify,
  triggersValid,
  urlValid,
} from './notification-channel.rules';
import { evolveNotificationChannels, initialNotificationChannelsState, type NotificationChannelsState } from './notification-channel.state';
import { decodeNotificationChannelEvent } from './notification-channel.stream';

type Decision = NotificationChannelEvent[] | DomainError;
type Of<T extends NotificationChannelCommand['type']> = Extract<NotificationChannelCommand, { type: T }>;

/** Every rule of a plan's notification channels: who sets them, which addresses, which triggers, and secrets only sealed. */
export const notificationChannelDecider: Decider<NotificationChannelCommand, NotificationChannelEvent, NotificationChannelsState> = {
  initialState: initialNotificationChannelsState,
  evolve: evolveNotificationChannels,
  decode: decodeNotificationChannelEvent,
  decide: (command, state) => withEffectiveRules(decideChannels(command, state), command, {}),
};

function decideChannels(command: NotificationChannelCommand, state: NotificationChannelsState): Decision {
  // Re-sealing is an operator's chore from the command line (`system`), as well as a plan manager's.
  const mayAct = managesPlans(command.actor) || (command.type === 'ResealNotificationChannel' && command.actor.role === 'system');
  if (!mayAct) return refuseNotify.notPlanManager();
  switch (command.type) {
    case 'AddNotificationChannel':
      return add(command, state);
    case 'ChangeNotificationChannel':
      return change(command, state);
    case 'ResealNotificationChannel':
      return reseal(command, state);
    case 'RemoveNotificationChannel':
      return (
        firstOf(
          state.channels.has(command.channelId) ? null : refuseNotify.notFound(command.channelId),
          requiredNotify(command.reason, 'reason'),
        ) ?? [{ type: 'NotificationChannelRemoved', data: { channelId: command.channelId, reason: command.reason.trim() } }]
      );
    default: {
      const unhandled: never = command;
      throw new Error(`unhandled command ${JSON.stringify(unhandled)}`);
    }
  }
}

function add(c: Of<'AddNotificationChannel'>, state: NotificationChannelsState): Decision {
  const webhook = c.kind === 'webhook';
  const refused = firstOf(
    c.facts.planExists ? null : refuseNotify.planNotFound(),
    state.channels.has(c.channelId) || state.removed.has(c.channelId) ? refuseNotify.alreadyAdded(c.channelId) : null,
    state.channels.size >= MAX_CHANNELS ? refuseNotify.tooMany() : null,
    NOTIFICATION_KINDS.includes(c.kind) ? null : refuseNotify.badKind(c.kind),
    requiredNotify(c.name, 'name'),
    urlValid(c.url, c.facts.allowHttpLoopback),
    triggersValid(c.triggers),
    secretValid(c.signingSecret, webhook, true),
    c.facts.sealingConfigured && c.facts.sealedAddress && (!webhook || c.facts.sealedSecret) ? null : refuseNotify.notConfigured(),
  );
  if (refused) return refused;
  return [
    {
      type: 'NotificationChannelAdded',
      data: {
        channelId: c.channelId,
        planId: c.planId,
        kind: c.kind,
        name: c.name.trim(),
        triggers: orderedTriggers(c.triggers),
        address: c.facts.sealedAddress!,
        addressHint: maskedAddress(c.url),
        signingSecret: webhook ? c.facts.sealedSecret : null,
      },
    },
  ];
}

/** Only what differs is recorded; a new address or secret always counts as a change (sealed, they cannot be compared). */
function change(c: Of<'ChangeNotificationChannel'>, state: NotificationChannelsState): Decision {
  const channel = state.channels.get(c.channelId);
  if (!channel) return refuseNotify.notFound(c.channelId);
  const refused = firstOf(
    requiredNotify(c.reason, 'reason'),
    c.name === undefined ? null : requiredNotify(c.name, 'name'),
    c.url === undefined ? null : urlValid(c.url, c.facts.allowHttpLoopback),
    c.triggers === undefined ? null : triggersValid(c.triggers),
    secretValid(c.signingSecret, channel.kind === 'webhook', false),
    (c.url === undefined || c.facts.sealedAddress) && (c.signingSecret === undefined || c.facts.sealedSecret)
      ? null
      : refuseNotify.notConfigured(),
  );
  if (refused) return refused;
  const name = c.name?.trim();
  const triggers = c.triggers && orderedTriggers(c.triggers);
  const changes = {
    ...(name !== undefined && name !== channel.name ? { name } : {}),
    ...(triggers && triggers.join() !== channel.triggers.join() ? { triggers } : {}),
    ...(c.url !== undefined ? { address: c.facts.sealedAddress!, addressHint: maskedAddress(c.url) } : {}),
    ...(c.signingSecret !== undefined ? { signingSecret: c.facts.sealedSecret! } : {}),
  };
  return Object.keys(changes).length === 0
    ? refuseNotify.nothingToChange()
    : [{ type: 'NotificationChannelChanged', data: { channelId: c.channelId, ...changes, reason: c.reason.trim() } }];
}

/**
 * Only what the handler opened may be re-sealed (a change in between is refused, not overwritten),
 * and only once: a channel already wholly under the current key is left alone.
 */
function reseal(c: Of<'ResealNotificationChannel'>, state: NotificationChannelsState): Decision {
  const channel = state.channels.get(c.channelId);
  if (!channel) return refuseNotify.notFound(c.channelId);
  const refused = requiredNotify(c.reason, 'reason');
  if (refused) return refused;
  const { keyId, was, address, signingSecret } = c.facts;
  if (!sameSeal(was.address, channel.address) || !sameSeal(was.signingSecret, channel.signingSecret))
    return refuseNotify.changedMeanwhile(c.channelId);
  if (channel.address.keyId === keyId && (channel.signingSecret === null || channel.signingSecret.keyId === keyId))
    return refuseNotify.alreadyResealed(keyId);
  return [
    {
      type: 'NotificationChannelResealed',
      data: { channelId: c.channelId, keyId, address, signingSecret: channel.signingSecret && signingSecret, reason: c.reason.trim() },
    },
  ];
}

const sameSeal = (one: SealedSecret | null, other: SealedSecret | null) =>
  one === null || other === null ? one === other : one.keyId === other.keyId && one.iv === other.iv && one.ciphertext === other.ciphertext;

function secretValid(secret: string | undefined, webhook: boolean, adding: boolean): DomainError | null {
  if (!webhook) return secret === undefined || secret === '' ? null : refuseNotify.secretNotAllowed();
  if (secret === undefined) return adding ? refuseNotify.secretRequired() : null;
  return secret.length >= MIN_SECRET ? null : refuseNotify.secretRequired();
}
