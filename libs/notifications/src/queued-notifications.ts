import { Queue, UnrecoverableError, Worker, type ConnectionOptions, type Job } from 'bullmq';
import type { DeliveryLog } from './delivery-log';
import type { NotificationSender, NotificationsLogger } from './notification-sender';

export const NOTIFICATION_QUEUE = 'notification-deliveries';

type DeliveryJob = { deliveryId: string };
const SWEEP_EVERY_MS = 30_000;

/**
 * Deliveries on BullMQ (`REDIS_URL`): a job per delivery, its id the delivery's, retried by
 * BullMQ with exponential backoff (the same delays the log shows as each next retry) up to the
 * attempts allowed. The delivery log stays the record: each attempt is written there first.
 */
export class QueuedNotifications {
  private readonly queue: Queue<DeliveryJob>;
  private worker: Worker<DeliveryJob> | null = null;
  private sweeping: NodeJS.Timeout | null = null;

  constructor(
    private readonly connection: ConnectionOptions,
    private readonly log: DeliveryLog,
    private readonly sender: NotificationSender,
    private readonly logger: NotificationsLogger,
    private readonly prefix = 'actionplans',
  ) {
    this.queue = new Queue<DeliveryJob>(NOTIFICATION_QUEUE, { connection, prefix });
  }

  get queues(): Queue[] {
    return [this.queue];
  }

  async start(concurrency = 16): Promise<void> {
    this.worker = new Worker<DeliveryJob>(NOTIFICATION_QUEUE, (job) => this.deliver(job), {
      connection: this.connection,
      prefix: this.prefix,
      concurrency,
    });
    this.worker.on('error', (error) => this.logger.warn(`notifications worker: ${error.message}`));
    await this.resume();
    // What another process left pending (a test message sent from an API instance that delivers nothing itself), or Redis lost.
    this.sweeping = setInterval(() => {
      this.resume().catch((error: Error) => this.logger.warn(`notifications: pending deliveries not queued again: ${error.message}`));
    }, SWEEP_EVERY_MS);
  }

  async stop(): Promise<void> {
    if (this.sweeping) clearInterval(this.sweeping);
    await this.worker?.close();
    await this.queue.close();
  }

  /** Queues the deliveries; one job per delivery, however often it is queued. */
  async enqueue(deliveryIds: string[], delayMs = 0): Promise<void> {
    await this.queue.addBulk(
      deliveryIds.map((deliveryId) => ({
        name: 'deliver',
        data: { deliveryId },
        opts: {
          jobId: deliveryId,
          delay: delayMs,
          attempts: this.sender.maxAttempts,
          backoff: { type: 'exponential', delay: this.sender.retryBaseMs },
          removeOnComplete: { count: 10_000 },
          removeOnFail: { count: 10_000 },
        },
      })),
    );
  }

  /** Queues every pending delivery again (at start, and after Redis came back empty): their ids make it harmless. */
  async resume(): Promise<void> {
    const pending = await this.log.pending();
    const now = Date.now();
    for (const { deliveryId, nextAttemptAt } of pending)
      await this.enqueue([deliveryId], Math.max(0, (nextAttemptAt ? Date.parse(nextAttemptAt) : now) - now));
  }

  private async deliver(job: Job<DeliveryJob>): Promise<string> {
    const sent = await this.sender.deliver(job.data.deliveryId);
    // BullMQ retries it after its backoff; the log has already said when.
    if (sent.outcome === 'will retry') throw new Error(sent.attempt?.error ?? 'will retry');
    if (sent.outcome === 'failed') throw new UnrecoverableError(sent.attempt?.error ?? 'failed');
    return sent.outcome;
  }
}
