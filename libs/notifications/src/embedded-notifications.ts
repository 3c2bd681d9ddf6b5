import type { DeliveryLog } from './delivery-log';
import type { NotificationSender, NotificationsLogger } from './notification-sender';

/**
 * The embedded default (no `REDIS_URL`): an in-process timer sends every pending delivery whose
 * attempt is due, a few at a time, and again at each retry's time. What is pending lives in the
 * delivery log, so a restart resumes where it stopped.
 */
export class EmbeddedNotifications {
  private timer: NodeJS.Timeout | null = null;
  private readonly inFlight = new Set<string>();
  private sweeping: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly log: DeliveryLog,
    private readonly sender: NotificationSender,
    private readonly logger: NotificationsLogger,
    private readonly pollMs = 1_000,
    private readonly concurrency = 16,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  start(): void {
    this.timer = setInterval(() => this.kick(), this.pollMs);
    this.kick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.sweeping;
  }

  /** Sends what is due now (called when deliveries are added, and by the timer). */
  kick(): void {
    if (this.sweeping) {
      this.again = true;
      return;
    }
    this.sweeping = this.sweep()
      .catch((error: Error) => this.logger.warn(`notifications not sent this time: ${error.message}`))
      .finally(() => {
        this.sweeping = null;
        if (this.again && this.timer) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Sends every delivery due, `concurrency` at a time, until none is left due. */
  async sweep(): Promise<void> {
    for (;;) {
      const due = (await this.log.due(this.clock(), 500)).filter((deliveryId) => !this.inFlight.has(deliveryId));
      if (due.length === 0) return;
      let next = 0;
      const worker = async () => {
        while (next < due.length) {
          const deliveryId = due[next++];
          this.inFlight.add(deliveryId);
          try {
            await this.sender.deliver(deliveryId);
          } finally {
            this.inFlight.delete(deliveryId);
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(this.concurrency, due.length) }, worker));
    }
  }
}
