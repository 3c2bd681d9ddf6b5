import type { ReminderBook } from './reminder-book';
import { dueAt, type ReminderDelivery } from './reminder-delivery';

/** Where "now" comes from, so tests can move time. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface RemindersLogger {
  warn(message: string): void;
}

/**
 * The embedded default (no `REDIS_URL`): an in-process timer that, on each tick, sends every
 * reminder that has fallen due and not been sent. What is due is worked out afresh from the
 * event log each time, so a restart loses nothing and sends nothing twice.
 */
export class EmbeddedReminders {
  private timer: NodeJS.Timeout | null = null;
  private ticks: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly book: ReminderBook,
    private readonly delivery: ReminderDelivery,
    private readonly clock: Clock = systemClock,
    private readonly logger: RemindersLogger = console,
    private readonly intervalMs = 60_000,
  ) {}

  start(): void {
    // Each delivery's failure is logged in sendDue; this catches the rest (reading what is due), which
    // would otherwise be an unhandled rejection that ends the process. The next tick tries again.
    const tick = () => {
      this.tick().catch((error: Error) => this.logger.warn(`reminders not sent this tick: ${error.message}`));
    };
    this.timer = setInterval(tick, this.intervalMs);
    tick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.ticks;
  }

  /**
   * Sends what is due now, for the named actions (those that just changed) or for every action;
   * answers how many were sent. Ticks run one after another, never overlapping.
   */
  tick(actionIds?: string[]): Promise<number> {
    const run = this.ticks.then(() => this.sendDue(actionIds));
    this.ticks = run.catch(() => undefined);
    return run;
  }

  private async sendDue(actionIds?: string[]): Promise<number> {
    const now = this.clock.now();
    const today = now.toISOString().slice(0, 10);
    let sent = 0;
    for (const reminder of this.book.allReminders(today, actionIds)) {
      if (dueAt(reminder) > now.getTime()) continue;
      for (const recipient of this.delivery.recipients(reminder)) {
        if (this.delivery.alreadySent(reminder, recipient)) continue;
        try {
          if ((await this.delivery.deliver(reminder, recipient, today)) === 'sent') sent += 1;
        } catch (error) {
          // Left unrecorded, so the next tick tries again.
          this.logger.warn(`reminder ${reminder.key} to ${recipient} not delivered: ${(error as Error).message}`);
        }
      }
    }
    return sent;
  }
}
