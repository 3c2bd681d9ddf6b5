import { createHash } from 'node:crypto';
import { DelayedError, Queue, Worker, type ConnectionOptions, type Job, type JobsOptions } from 'bullmq';
import type { Reminder } from '@actionplans/domain';
import type { Clock, RemindersLogger } from './embedded-reminders';
import { systemClock } from './embedded-reminders';
import type { ReminderBook } from './reminder-book';
import { dueAt, type ReminderDelivery } from './reminder-delivery';

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

type RemindJob = { actionId: string; key: string };
type DeliverJob = RemindJob & { recipient: string };

/**
 * Reminders on BullMQ (`REDIS_URL`): each reminder an action is owed becomes a delayed job due at
 * its time; when it fires it is checked against the event log again and fanned out to a delivery
 * job per recipient on a separate queue, retried with backoff until the mail server takes it.
 * A job scheduler sweeps every open action every 15 minutes, so nothing owed is ever left out.
 */
export class QueuedReminders {
  private readonly reminders: Queue;
  private readonly deliveries: Queue;
  private readonly workers: Worker[] = [];

  constructor(
    private readonly connection: ConnectionOptions,
    private readonly book: ReminderBook,
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
    this.workers.push(new Worker<RemindJob | Record<string, never>>(REMINDER_QUEUE, (job, token) => this.fire(job, token), options));
    this.workers.push(new Worker<DeliverJob>(DELIVERY_QUEUE, (job) => this.deliver(job), options));
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

  /** Queues what the given actions are owed (all actions when none are named). */
  async schedule(actionIds?: string[]): Promise<number> {
    const now = this.clock.now();
    const today = now.toISOString().slice(0, 10);
    const owed = this.book.allReminders(today, actionIds);
    const pending = owed.filter((reminder) => this.delivery.recipients(reminder).some((to) => !this.delivery.alreadySent(reminder, to)));
    await this.reminders.addBulk(
      pending.map((reminder) => ({
        name: 'remind',
        data: { actionId: reminder.actionId, key: reminder.key },
        opts: { ...RETRIED, jobId: jobId(reminder.key), delay: Math.max(0, dueAt(reminder) - now.getTime()) },
      })),
    );
    return pending.length;
  }

  private async fire(job: Job<RemindJob | Record<string, never>>, token?: string): Promise<string> {
    if (job.name === 'sweep') return `swept ${await this.schedule()}`;
    const reminder = this.owed(job.data as RemindJob);
    if (!reminder) return 'no longer owed';
    const early = dueAt(reminder) - this.clock.now().getTime();
    if (early > 0) {
      // Fired before its time (clocks disagree, or the job was promoted): put it back until then.
      await job.moveToDelayed(Date.now() + early, token);
      throw new DelayedError();
    }
    const recipients = this.delivery.recipients(reminder).filter((to) => !this.delivery.alreadySent(reminder, to));
    await this.deliveries.addBulk(
      recipients.map((recipient) => ({
        name: 'deliver',
        data: { ...(job.data as RemindJob), recipient },
        opts: { ...RETRIED, jobId: jobId(reminder.key, recipient) },
      })),
    );
    return `to ${recipients.length}`;
  }

  private async deliver(job: Job<DeliverJob>): Promise<string> {
    const reminder = this.owed(job.data);
    if (!reminder) return 'no longer owed';
    return this.delivery.deliver(reminder, job.data.recipient, this.clock.now().toISOString().slice(0, 10));
  }

  private owed({ actionId, key }: RemindJob): Reminder | undefined {
    return this.book.remindersOf(actionId, this.clock.now().toISOString().slice(0, 10)).find((reminder) => reminder.key === key);
  }
}
