import type { UserDirectory } from '@actionplans/auth';
import type { EventStore, Subscriber } from '@actionplans/event-store';
import { Redis } from 'ioredis';
import { EmbeddedReminders, systemClock, type Clock, type RemindersLogger } from './embedded-reminders';
import { openMailer, type Mailer } from './mailer';
import { QueuedReminders } from './queued-reminders';
import type { ReminderBook } from './reminder-book';
import { ReminderDelivery, type RecordReminder } from './reminder-delivery';

export interface RemindersSettings {
  dataDir: string;
  redisUrl?: string;
  smtpUrl?: string;
  mailFrom: string;
  publicUrl: string;
  /** Seconds an action (and its plan's activation) must have been still before a digest tells anyone about it; 0: no wait. */
  reminderSettleSeconds?: number;
}

/** Long enough for an import, and the sign-offs typed in just after it, to be stored before anyone is told. */
export const DEFAULT_SETTLE_SECONDS = 600;

/** How often changed actions are (re)queued on BullMQ. */
const SCHEDULE_EVERY_MS = 1_000;

/**
 * Reminders for this process: on BullMQ when `REDIS_URL` is set, else the in-process timer; by
 * SMTP when `SMTP_URL` is set, else into the outbox folder. The book must be fed from the log.
 */
export class RemindersRunner {
  readonly mailer: Mailer;
  readonly queued: QueuedReminders | null = null;
  private readonly embedded: EmbeddedReminders | null = null;
  private readonly redis: Redis | null = null;
  private scheduling: NodeJS.Timeout | null = null;

  constructor(
    store: EventStore,
    private readonly book: ReminderBook,
    users: UserDirectory,
    settings: RemindersSettings,
    recordSent: RecordReminder,
    private readonly logger: RemindersLogger = console,
    clock: Clock = systemClock,
  ) {
    this.mailer = openMailer(settings);
    const settleMs = (settings.reminderSettleSeconds ?? DEFAULT_SETTLE_SECONDS) * 1000;
    const delivery = new ReminderDelivery(store, book, users, this.mailer, settings.publicUrl, recordSent, settleMs);
    if (settings.redisUrl) {
      // BullMQ's workers block on Redis and must retry for ever while it is away.
      this.redis = new Redis(settings.redisUrl, { maxRetriesPerRequest: null });
      this.queued = new QueuedReminders(this.redis, delivery, clock, logger);
      this.resumeAfterOutages(this.redis, this.queued);
    } else {
      this.embedded = new EmbeddedReminders(delivery, clock, logger);
    }
  }

  /**
   * Reminders as an entry in the process's list of subscribers. They read no log of their own:
   * the book is one of the readers of the process's in-memory index, declared before them, so
   * they start once that index has reached the head. Their state lives in Redis (BullMQ) or
   * comes from the book at each sweep.
   */
  subscriber(): Subscriber {
    return { name: 'reminders', checkpoint: () => 0, start: () => this.start(), stop: () => this.stop() };
  }

  async start(): Promise<void> {
    if (this.embedded) this.embedded.start();
    else await this.queued!.start();
    this.scheduling = setInterval(() => void this.scheduleChanged(), SCHEDULE_EVERY_MS);
  }

  private resumeAfterOutages(redis: Redis, queued: QueuedReminders): void {
    let lost = false;
    redis.on('close', () => (lost = true));
    redis.on('ready', () => {
      if (!lost) return;
      lost = false;
      queued.resume().then(
        (queuedAgain) => this.logger.warn(`reminders: Redis is back; ${queuedAgain} reminders queued again`),
        (error: Error) =>
          this.logger.warn(`reminders: Redis is back but queueing failed (${error.message}); the next change or sweep retries`),
      );
    });
  }

  async stop(): Promise<void> {
    if (this.scheduling) clearInterval(this.scheduling);
    await this.embedded?.stop();
    await this.queued?.stop();
    this.redis?.disconnect();
    await this.mailer.close();
  }

  /** A change (a new action, a revised date) is acted on within a second, not at the next sweep. */
  private async scheduleChanged(): Promise<void> {
    const changed = this.book.takeChanged();
    if (changed.length === 0) return;
    if (this.embedded) {
      // Only the actions that changed: the minute timer goes over them all.
      await this.embedded.tick(changed);
      return;
    }
    try {
      await this.queued!.schedule(changed);
    } catch (error) {
      // Redis away: they are queued on the next try, and the sweep catches anything missed.
      this.book.markChanged(changed);
      this.logger.warn(`reminders: queueing failed (${(error as Error).message}); will retry`);
    }
  }
}
