import type { ReminderDelivery } from './reminder-delivery';

/** Where "now" comes from, so tests can move time. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface RemindersLogger {
  warn(message: string): void;
}

/**
 * The embedded default (no `REDIS_URL`): an in-process timer that, on each tick, sends each person
 * owed a reminder their digest of the day, if they have not had it. What is due is worked out
 * afresh from the event log each time, so a restart loses nothing and sends nothing twice.
 */
export class EmbeddedReminders {
  private timer: NodeJS.Timeout | null = null;
  private ticks: Promise<unknown> = Promise.resolve();
  /** A tick set for when the digests waiting for changes to settle may go. */
  private wake: { at: number; timer: NodeJS.Timeout } | null = null;
  private running = false;

  constructor(
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
    this.running = true;
    this.timer = setInterval(tick, this.intervalMs);
    tick();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearInterval(this.timer);
    if (this.wake) clearTimeout(this.wake.timer);
    this.timer = null;
    this.wake = null;
    await this.ticks;
  }

  /**
   * Sends the digests due now to the people the named actions (those that just changed) owe a
   * reminder, or to everyone; answers how many reminders (digest lines) were sent. Ticks run one
   * after another, never overlapping.
   */
  tick(actionIds?: string[]): Promise<number> {
    const run = this.ticks.then(() => this.sendDue(actionIds));
    this.ticks = run.catch(() => undefined);
    return run;
  }

  private async sendDue(actionIds?: string[]): Promise<number> {
    const now = this.clock.now();
    let sent = 0;
    for (const [userId, at] of this.delivery.digests.nextDigests(now, actionIds)) {
      if (at > now.getTime()) continue;
      try {
        const delivered = await this.delivery.deliverDigest(userId, now);
        if (delivered.outcome === 'sent') sent += delivered.lines;
        if (delivered.outcome === 'settling') this.wakeAt(delivered.until);
      } catch (error) {
        // Left unrecorded, so the next tick tries again.
        this.logger.warn(`reminder digest to ${userId} not delivered: ${(error as Error).message}`);
      }
    }
    return sent;
  }

  /** A tick when changes have settled, rather than at the next minute, for a process that is running. */
  private wakeAt(at: number): void {
    if (!this.running || (this.wake && this.wake.at <= at)) return;
    if (this.wake) clearTimeout(this.wake.timer);
    const timer = setTimeout(
      () => {
        this.wake = null;
        this.tick().catch((error: Error) => this.logger.warn(`reminders not sent this tick: ${error.message}`));
      },
      Math.max(0, at - this.clock.now().getTime()),
    );
    this.wake = { at, timer };
  }
}
