import type { NotificationChannel } from '@actionplans/domain';
import type { DeliveryAttempt, DeliveryLog } from './delivery-log';
import { bodyFor, type WebhookEvent } from './messages';
import type { Notice } from './notices';
import {
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_RETRY_BASE_MS,
  DEFAULT_TIMEOUT_MS,
  retryDelay,
  type NotificationSettings,
} from './notification-settings';
import { postOnce, type AttemptResult } from './outbound';
import { SecretKeyMissingError, type SecretBox } from './secret-box';
import type { Subjects } from './subjects';

export interface NotificationsLogger {
  log(message: string): void;
  warn(message: string): void;
}

/** What one attempt came to. */
export interface Sent {
  outcome: DeliveryAttempt['outcome'] | 'nothing to do';
  attempt?: DeliveryAttempt;
}

/**
 * Makes one attempt at one delivery: reads the channel as it is now (a changed address applies to
 * retries; a removed channel ends the delivery), opens its address, posts, and records the attempt
 * with when the next one is due. Logs name the delivery and channel, never the address.
 */
export class NotificationSender {
  readonly maxAttempts: number;
  /** The first retry's delay; BullMQ's backoff is given the same, so the log's next retry is when it comes. */
  readonly retryBaseMs: number;
  /** How long one attempt may take. */
  readonly timeoutMs: number;

  constructor(
    private readonly log: DeliveryLog,
    private readonly subjects: Subjects,
    private readonly box: SecretBox,
    settings: Pick<NotificationSettings, 'maxAttempts' | 'retryBaseMs' | 'timeoutMs'>,
    private readonly logger: NotificationsLogger,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.maxAttempts = settings.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    this.retryBaseMs = settings.retryBaseMs ?? DEFAULT_RETRY_BASE_MS;
    this.timeoutMs = settings.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  async deliver(deliveryId: string): Promise<Sent> {
    const delivery = await this.log.get(deliveryId);
    if (!delivery || delivery.status !== 'pending') return { outcome: 'nothing to do' };
    const channel = (await this.subjects.channels(delivery.planId)).find((one) => one.channelId === delivery.channelId);
    const attemptNumber = delivery.attempts + 1;
    const result = channel
      ? await this.post(channel, deliveryId, delivery.notice, delivery.event)
      : refused('the channel has been removed');
    const attempt = this.attemptOf(attemptNumber, result);
    await this.log.recordAttempt(deliveryId, attempt);
    const to = `delivery ${deliveryId} (${delivery.eventType}) to channel ${delivery.channelId}, attempt ${attemptNumber}`;
    if (attempt.outcome === 'delivered') this.logger.log(`${to}: delivered (${attempt.statusCode}, ${attempt.durationMs} ms)`);
    else this.logger.warn(`${to}: ${attempt.error}; ${attempt.nextRetryAt ? `next attempt at ${attempt.nextRetryAt}` : 'failed'}`);
    return { outcome: attempt.outcome, attempt };
  }

  private async post(channel: NotificationChannel, deliveryId: string, notice: Notice, event: WebhookEvent): Promise<AttemptResult> {
    let url: string;
    let signingSecret: string | null;
    try {
      url = this.box.open(channel.address);
      signingSecret = channel.signingSecret ? this.box.open(channel.signingSecret) : null;
    } catch (error) {
      if (error instanceof SecretKeyMissingError) return refused(`the key ${error.keyId} its address was sealed with is not configured`);
      return refused('its address could not be opened (the key or the stored value is wrong)');
    }
    const body = bodyFor(channel.kind, deliveryId, notice, event);
    return postOnce({ url, signingSecret }, body, { deliveryId, eventType: notice.type }, this.timeoutMs, this.clock);
  }

  private attemptOf(attempt: number, result: AttemptResult): DeliveryAttempt {
    const now = this.clock();
    const again = !result.ok && result.retryable && attempt < this.maxAttempts;
    return {
      attempt,
      attemptedAt: now.toISOString(),
      statusCode: result.statusCode,
      durationMs: result.durationMs,
      outcome: result.ok ? 'delivered' : again ? 'will retry' : 'failed',
      error: result.error,
      nextRetryAt: again ? new Date(now.getTime() + retryDelay(attempt, this.retryBaseMs)).toISOString() : null,
    };
  }
}

const refused = (error: string): AttemptResult => ({ ok: false, statusCode: null, durationMs: 0, error, retryable: false });
