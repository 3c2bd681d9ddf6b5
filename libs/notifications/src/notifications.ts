import { randomUUID } from 'node:crypto';
import type { EventStore } from '@actionplans/event-store';
import type { ReadModelDb } from '@actionplans/read-models';
import { DeliveryLog, type DeliveryStatus } from './delivery-log';
import type { WebhookEvent } from './messages';
import type { NotificationSettings } from './notification-settings';
import { NotificationSender, type NotificationsLogger, type Sent } from './notification-sender';
import { testNotice } from './notices';
import { SecretBox } from './secret-box';
import { Subjects } from './subjects';

/** A channel as anyone may see it: its address masked, its secret only said to exist. */
export interface ChannelView {
  channelId: string;
  kind: string;
  name: string;
  triggers: string[];
  address: string;
  hasSigningSecret: boolean;
  addedAt: string;
}

/**
 * A process's notifications: the delivery log, the channels as they stand, and (with
 * `NOTIFY_SECRET_KEY`) the key ring and the sender. The API reads and tests through it; the
 * process that delivers runs it with `NotificationsRunner`.
 */
export class Notifications {
  readonly log: DeliveryLog;
  readonly subjects: Subjects;
  readonly box: SecretBox | null;
  readonly sender: NotificationSender | null;

  constructor(
    store: EventStore,
    readModels: ReadModelDb,
    readonly settings: NotificationSettings,
    readonly logger: NotificationsLogger,
    readonly clock: () => Date = () => new Date(),
  ) {
    this.log = new DeliveryLog(readModels);
    this.subjects = new Subjects(store);
    this.box = settings.secretKey ? new SecretBox(settings.secretKey, settings.oldSecretKeys ?? []) : null;
    this.sender = this.box ? new NotificationSender(this.log, this.subjects, this.box, settings, logger, clock) : null;
  }

  /** The plan's channels, masked; read from their stream, so as current as the last write. */
  async channels(planId: string): Promise<ChannelView[]> {
    const channels = await this.subjects.channels(planId, { fresh: true });
    return channels.map(({ channelId, kind, name, triggers, addressHint, signingSecret, addedAt }) => ({
      channelId,
      kind,
      name,
      triggers,
      address: addressHint,
      hasSigningSecret: signingSecret !== null,
      addedAt,
    }));
  }

  deliveries(planId: string, filter: { status?: DeliveryStatus; channelId?: string; limit?: number } = {}) {
    return this.log.list(planId, filter);
  }

  /**
   * Sends a test message to one channel now, as a delivery of its own (in the log like any
   * other): the first attempt's outcome is answered; a retryable failure is retried as usual.
   * Null when the plan has no such channel.
   */
  async test(planId: string, channelId: string): Promise<{ deliveryId: string; sent: Sent } | null> {
    if (!this.sender) return null;
    const channel = (await this.subjects.channels(planId, { fresh: true })).find((one) => one.channelId === channelId);
    if (!channel) return null;
    const notice = testNotice(planId, await this.subjects.planTitle(planId), channel.name, this.settings.publicUrl);
    const key = `test:${randomUUID()}`;
    const now = this.clock().toISOString();
    const event: WebhookEvent = {
      id: key,
      type: notice.type,
      stream: null,
      position: null,
      occurredAt: now,
      recordedAt: now,
      data: { planId, channelId },
    };
    // Sent here and now: the timer or the queue take it up only if this first attempt never gets recorded (a crash).
    const later = new Date(this.clock().getTime() + this.sender.timeoutMs + 5_000);
    const delivery = { planId, channelId, channelKind: channel.kind, eventKey: key, notice, event };
    const { deliveryId } = await this.log.add(delivery, this.clock(), later);
    return { deliveryId, sent: await this.sender.deliver(deliveryId) };
  }
}
