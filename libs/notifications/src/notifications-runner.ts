import type { CheckpointStore, EventStore, Subscriber } from '@actionplans/event-store';
import type { ReminderBook } from '@actionplans/reminders';
import { Redis } from 'ioredis';
import { EmbeddedNotifications } from './embedded-notifications';
import type { Notifications } from './notifications';
import { NotificationsProcess } from './notifications-process';
import { QueuedNotifications } from './queued-notifications';

const OVERDUE_EVERY_MS = 60_000;

export interface RunnerOptions {
  /** The reminder book this process's index feeds: newly overdue actions are read from it; without it none are told. */
  book?: ReminderBook;
  /** How often the embedded timer looks for deliveries due (default 1 s). */
  pollMs?: number;
  overdueEveryMs?: number;
}

/**
 * Delivers notifications in this process: reads the log for what to tell (`NotificationsProcess`),
 * looks for newly overdue actions each minute, and sends on BullMQ when `REDIS_URL` is set, else by
 * the in-process timer (as reminders do).
 */
export class NotificationsRunner {
  readonly process: NotificationsProcess;
  readonly embedded: EmbeddedNotifications | null = null;
  readonly queued: QueuedNotifications | null = null;
  private readonly redis: Redis | null = null;
  private overdueTimer: NodeJS.Timeout | null = null;

  constructor(
    store: EventStore & CheckpointStore,
    private readonly notifications: Notifications,
    private readonly options: RunnerOptions = {},
  ) {
    const { settings, sender, logger, log } = notifications;
    if (!sender) throw new Error('notifications need NOTIFY_SECRET_KEY to be delivered');
    if (settings.redisUrl) {
      this.redis = new Redis(settings.redisUrl, { maxRetriesPerRequest: null });
      this.queued = new QueuedNotifications(this.redis, log, sender, logger);
    } else {
      this.embedded = new EmbeddedNotifications(log, sender, logger, options.pollMs, 16, notifications.clock);
    }
    this.process = new NotificationsProcess(
      store,
      notifications.subjects,
      log,
      settings.publicUrl,
      (deliveryIds) => this.send(deliveryIds),
      notifications.clock,
    );
  }

  /** Its entry in the process's list of subscribers, after the index that feeds the reminder book. */
  subscriber(): Subscriber {
    return { ...this.process.subscriber, start: () => this.start(), stop: () => this.stop() };
  }

  async start(): Promise<void> {
    if (this.embedded) this.embedded.start();
    else await this.queued!.start();
    const book = this.options.book;
    if (!book) return;
    const look = () => {
      this.process.overdue(book).catch((error: Error) => this.notifications.logger.warn(`overdue actions not looked at: ${error.message}`));
    };
    this.overdueTimer = setInterval(look, this.options.overdueEveryMs ?? OVERDUE_EVERY_MS);
    look();
  }

  async stop(): Promise<void> {
    if (this.overdueTimer) clearInterval(this.overdueTimer);
    await this.embedded?.stop();
    await this.queued?.stop();
    this.redis?.disconnect();
  }

  private async send(deliveryIds: string[]): Promise<void> {
    if (this.embedded) return this.embedded.kick();
    try {
      await this.queued!.enqueue(deliveryIds);
    } catch (error) {
      // Redis away: they are pending in the delivery log, and the queue's sweep puts them back within 30 s.
      this.notifications.logger.warn(`notifications: ${deliveryIds.length} deliveries not queued yet (${(error as Error).message})`);
    }
  }
}
