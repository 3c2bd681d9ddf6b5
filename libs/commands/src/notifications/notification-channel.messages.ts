import { Command } from '@nestjs/cqrs';
import type { CommandBody, NotificationChannelCommand, SealedSecret } from '@actionplans/domain';
import type { CommandOutcome } from '../command-runner';
import type { RequestContext } from '../request-context';

/** What a person asks of a plan's notification channels (add, change, remove one), from any entry point. */
export class NotificationChannelCommandMessage extends Command<CommandOutcome> {
  constructor(
    readonly planId: string,
    readonly body: CommandBody<Exclude<NotificationChannelCommand, { type: 'ResealNotificationChannel' }>>,
    readonly context: RequestContext,
  ) {
    super();
  }
}

/** Injection token of the app's `ChannelSealing`; left out, no channel can be added. */
export const CHANNEL_SEALING = Symbol('CHANNEL_SEALING');

/** How the handler seals a webhook's address and secret before the decider sees them (the key never reaches the domain). */
export interface ChannelSealing {
  seal(plain: string): SealedSecret;
  /** Opens what the current key or a retired one still configured sealed (for a re-seal); throws naming a missing key. */
  open?(sealed: SealedSecret): string;
  /** The current key's id, which a re-seal records. */
  currentKeyId?: string;
  /** Plain http to this machine is allowed (NOTIFY_ALLOW_HTTP_LOOPBACK). */
  allowHttpLoopback: boolean;
}

/**
 * Seal a channel's address and secret again under the current key, recorded on its stream with
 * why (`actionplans notifications reseal`), so a retired key can be destroyed. Sent by the command line.
 */
export class ResealNotificationChannelMessage extends Command<CommandOutcome> {
  constructor(
    readonly planId: string,
    readonly channelId: string,
    readonly reason: string,
    readonly context: RequestContext,
  ) {
    super();
  }
}
