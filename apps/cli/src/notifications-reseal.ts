import type { CommandBus } from '@nestjs/cqrs';
import { COMMAND_LINE } from '@actionplans/auth';
import { acting, ResealNotificationChannelMessage, type ChannelSealing } from '@actionplans/commands';
import { loadConfig } from '@actionplans/config';
import {
  decodeNotificationChannelEvent,
  evolveNotificationChannels,
  initialNotificationChannelsState,
  notificationChannelStreams,
} from '@actionplans/domain';
import type { EventStore } from '@actionplans/event-store';
import { SecretBox } from '@actionplans/notifications';
import type { Command } from 'commander';
import { CliRefusal } from './audit';
import { complain, say } from './printable';

interface CliRunners {
  /** Turns a refusal into one line and exit code 1. */
  refusals: (work: () => Promise<void>) => Promise<void>;
  withCommandBus: (work: (commands: CommandBus, store: EventStore) => Promise<void>, sealing: ChannelSealing) => Promise<void>;
}

const PAGE = 1000;
const REASON = 'the notification key was rotated: sealed again under the current key';

/**
 * `actionplans notifications reseal`: seals every channel's address and secret of every plan again
 * under `NOTIFY_SECRET_KEY`, opening them with the keys in `NOTIFY_SECRET_OLD_KEYS`, each recorded
 * on its channel stream through the command bus; then the old keys can be removed (ADR 35).
 */
export function addNotificationCommands(program: Command, { refusals, withCommandBus }: CliRunners): void {
  program
    .command('notifications')
    .description("plans' notification channels")
    .command('reseal')
    .description(
      'seal every channel address and secret again under NOTIFY_SECRET_KEY (opening them with NOTIFY_SECRET_OLD_KEYS), so the old keys can be removed; exits 1 if any channel could not be',
    )
    .action(() => refusals(() => reseal(withCommandBus)));
}

async function reseal(withCommandBus: CliRunners['withCommandBus']): Promise<void> {
  const { notify } = loadConfig();
  if (!notify.secretKey) throw new CliRefusal('NOTIFY.NOT_CONFIGURED', 'set NOTIFY_SECRET_KEY to the key to seal under');
  const box = new SecretBox(notify.secretKey, notify.oldSecretKeys ?? []);
  const sealing: ChannelSealing = {
    seal: (plain) => box.seal(plain),
    open: (sealed) => box.open(sealed),
    currentKeyId: box.currentKeyId,
    allowHttpLoopback: notify.allowHttpLoopback ?? false,
  };
  await withCommandBus((commands, store) => resealAll(commands, store, box.currentKeyId), sealing);
}

async function resealAll(commands: CommandBus, store: EventStore, keyId: string): Promise<void> {
  const tally = { resealed: 0, already: 0, failed: 0 };
  for (const planId of await plansWithChannels(store)) {
    const events = await store.readStream(notificationChannelStreams.stream(planId));
    const state = events.map(decodeNotificationChannelEvent).reduce(evolveNotificationChannels, initialNotificationChannelsState);
    for (const channel of state.channels.values()) {
      if (channel.address.keyId === keyId && (channel.signingSecret?.keyId ?? keyId) === keyId) {
        tally.already += 1;
        continue;
      }
      try {
        await commands.execute(new ResealNotificationChannelMessage(planId, channel.channelId, REASON, acting(COMMAND_LINE)));
        tally.resealed += 1;
      } catch (error) {
        // One channel whose key is gone must not stop the others; it is named, and the exit code says so.
        tally.failed += 1;
        complain(`actionplans: channel ${channel.channelId} of plan ${planId} not re-sealed: ${(error as Error).message}`);
      }
    }
  }
  say(`re-sealed ${tally.resealed} channels under key ${keyId}; ${tally.already} were sealed under it already; ${tally.failed} failed`);
  if (tally.failed > 0) process.exitCode = 1;
}

/** The plans that have a channels stream, found in the global log (no report table knows of them). */
async function plansWithChannels(store: EventStore): Promise<string[]> {
  const plans = new Set<string>();
  for (let after = 0; ;) {
    const page = await store.readAll(after, PAGE);
    for (const event of page) if (notificationChannelStreams.owns(event.stream)) plans.add(notificationChannelStreams.idOf(event.stream));
    if (page.length < PAGE) return [...plans];
    after = page[page.length - 1].position;
  }
}
