import { createHash } from 'node:crypto';
import { DelayedError, Queue, Worker, type ConnectionOptions, type Job, type JobsOptions } from 'bullmq';
import type { Clock, RemindersLogger } from './embedded-reminders';
import { systemClock } from './embedded-reminders';
import type { ReminderDelivery } from './reminder-delivery';
import { digestDay } from './reminder-digests';

export const REMINDER_QUEUE = 'reminders';
export const DELIVERY_QUEUE = 'reminder-deliveries';
const SWEEP_EVERY_MS = 15 * 60_000;

/** Job ids come from the reminder itself, so however many workers or replays add it, it is queued once. */
const jobId = (...parts: string[]) => createHash('sha256').update(parts.join('\n')).digest('hex');

const RETRIED: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { count: 10_000 },
  removeOnFail: { count: 10_000 },
};

type DigestJob = { userId: string; notBefore: number };

/**
 * Reminders on BullMQ (`REDIS_URL`): each person owed a reminder gets a digest job, one per person
 * and day (its id says so), delayed until it falls due; when it fires the digest is worked out and
 * checked against the event log again, waits while changes settle, and is retried with backoff
 * until the mail server takes it. A job scheduler sweeps every open action every 15 minutes, so
 * nothing owed is ever left out.
 */
export class QueuedReminders {
  private readonly reminders: Queue;
  private readonly deliveries: Queue;
  private readonly workers: Worker[] = [];

  constructor(
    private readonly connection: ConnectionOptions,
    private readonly delivery: ReminderDelivery,
    private readonly clock: Clock = systemClock,
    private readonly logger: RemindersLogger = console,
    private readonly prefix = 'actionplans',
  ) {
    this.reminders = new Queue(REMINDER_QUEUE, { connection, prefix });
    this.deliveries = new Queue(DELIVERY_QUEUE, { connection, prefix });
  }

  get queues(): Queue[] {
    return [this.reminders, this.deliveries];
  }

  /**
   * After Redis comes back (perhaps empty: a restart without persistence), put the sweep back
   * and queue everything owed again; deterministic ids make this harmless when nothing was lost.
   */
  async resume(): Promise<number> {
    await this.reminders.upsertJobScheduler('sweep', { every: SWEEP_EVERY_MS }, { name: 'sweep' });
    return this.schedule();
  }

  /**
   * Starts the workers (this process delivers) and the sweep. A worker that dies mid-job loses
   * its lock after `lockDuration`, and another worker takes the job up again.
   */
  async start(concurrency = 8, locks: { lockDuration?: number; stalledInterval?: number } = {}): Promise<void> {
    const options = { connection: this.connection, prefix: this.prefix, concurrency, ...locks };
    this.workers.push(new Worker(REMINDER_QUEUE, () => this.sweep(), options));
    this.workers.push(new Worker<DigestJob>(DELIVERY_QUEUE, (job, token) => this.deliver(job, token), options));
    for (const worker of this.workers) {
      worker.on('failed', (job, error) => this.logger.warn(`${worker.name} job ${job?.id} failed: ${error.message}`));
      // Without a listener BullMQ prints each connection error's stack to the console while Redis is down.
      worker.on('error', (error) => this.logger.warn(`${worker.name} worker: ${error.message}`));
    }
    await this.reminders.upsertJobScheduler('sweep', { every: SWEEP_EVERY_MS }, { name: 'sweep' });
  }

  async stop(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.close()));
    await Promise.all(this.queues.map((queue) => queue.close()));
  }

  /** Queues the digests the people the given actions owe a reminder to (everyone's when none are named) are due. */
  async schedule(actionIds?: string[]): Promise<number> {
    const now = this.clock.now().getTime();
    const next = [...this.delivery.digests.nextDigests(new Date(now), actionIds)];
    await this.deliveries.addBulk(
      next.map(([userId, at]) => ({
        name: 'digest',
        data: { userId, notBefore: at },
        // Whenever it is queued, and by whichever process, a person's digest for a day is one job.
        opts: { ...RETRIED, jobId: jobId('digest', digestDay(Math.max(now, at)), userId), delay: Math.max(0, at - now) },
      })),
    );
    return next.length;
  }

  private async sweep(): Promise<string> {
    return `swept ${await this.schedule()}`;
  }

  private async deliver(job: Job<DigestJob>, token?: string): Promise<string> {
    const now = this.clock.now();
    let until = job.data.notBefore;
    if (until <= now.getTime()) {
      const delivered = await this.delivery.deliverDigest(job.data.userId, now);
      if (delivered.outcome !== 'settling') return delivered.outcome === 'sent' ? `sent ${delivered.lines}` : delivered.outcome;
      until = delivered.until;
    }
    // Fired before its time (clocks disagree, the job was promoted, or changes are still settling): put it back until then.
    await job.moveToDelayed(Date.now() + (until - now.getTime()), token);
    throw new DelayedError();
  }
}
