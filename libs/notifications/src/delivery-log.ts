import type { ReadModelDb } from '@actionplans/read-models';
import type { Kysely } from 'kysely';
import { createHash } from 'node:crypto';
import type { NotificationKind, NotificationTrigger } from '@actionplans/domain';
import type { Notice } from './notices';
import type { WebhookEvent } from './messages';

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';
export const DELIVERY_STATUSES: readonly DeliveryStatus[] = ['pending', 'delivered', 'failed'];

type DeliveryRow = {
  delivery_id: string;
  plan_id: string;
  channel_id: string;
  channel_kind: string;
  event_key: string;
  event_type: string;
  trigger: string;
  payload: string;
  status: string;
  attempts: number;
  next_attempt_at: string | null;
  last_status_code: number | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
};

type AttemptRow = {
  delivery_id: string;
  attempt: number;
  attempted_at: string;
  status_code: number | null;
  duration_ms: number;
  outcome: string;
  error: string | null;
  next_retry_at: string | null;
};

type Tables = {
  notification_deliveries: DeliveryRow;
  notification_attempts: AttemptRow;
};

/** One notification to one channel: what it says, and how its sending went. */
export interface Delivery {
  deliveryId: string;
  planId: string;
  channelId: string;
  channelKind: NotificationKind;
  eventKey: string;
  eventType: string;
  trigger: NotificationTrigger;
  notice: Notice;
  event: WebhookEvent;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface DeliveryAttempt {
  attempt: number;
  attemptedAt: string;
  statusCode: number | null;
  durationMs: number;
  outcome: 'delivered' | 'will retry' | 'failed';
  error: string | null;
  nextRetryAt: string | null;
}

export type NewDelivery = Pick<Delivery, 'planId' | 'channelId' | 'channelKind' | 'eventKey' | 'notice' | 'event'>;

/** A delivery's id: one per channel and event, whoever queues it and however often. */
export const deliveryIdOf = (channelId: string, eventKey: string) =>
  createHash('sha256').update(`${channelId}\n${eventKey}`).digest('hex').slice(0, 32);

/**
 * The delivery log: a table per delivery and one per attempt, in the read-model database beside
 * the report tables but not one of them (a replay leaves them be: they record what was sent, not
 * what the log says). The delivery's id is its primary key, so queueing one twice adds nothing.
 */
export class DeliveryLog {
  private readonly db: Kysely<Tables>;
  private created: Promise<void> | null = null;

  constructor(private readonly readModels: ReadModelDb) {
    this.db = readModels.db.withTables<Tables>() as unknown as Kysely<Tables>;
  }

  /** Adds the delivery unless it is there already, due at `dueAt` (now unless said); `added` says whether it was new. */
  async add(delivery: NewDelivery, now: Date, dueAt: Date = now): Promise<{ deliveryId: string; added: boolean }> {
    await this.tables();
    const deliveryId = deliveryIdOf(delivery.channelId, delivery.eventKey);
    const at = now.toISOString();
    const result = await this.db
      .insertInto('notification_deliveries')
      .values({
        delivery_id: deliveryId,
        plan_id: delivery.planId,
        channel_id: delivery.channelId,
        channel_kind: delivery.channelKind,
        event_key: delivery.eventKey,
        event_type: delivery.notice.type,
        trigger: delivery.notice.trigger,
        payload: JSON.stringify({ notice: delivery.notice, event: delivery.event }),
        status: 'pending',
        attempts: 0,
        next_attempt_at: dueAt.toISOString(),
        last_status_code: null,
        last_error: null,
        created_at: at,
        updated_at: at,
      })
      .onConflict((conflict) => conflict.column('delivery_id').doNothing())
      .executeTakeFirst();
    return { deliveryId, added: Number(result.numInsertedOrUpdatedRows ?? 0) > 0 };
  }

  async get(deliveryId: string): Promise<Delivery | null> {
    await this.tables();
    const row = await this.db.selectFrom('notification_deliveries').selectAll().where('delivery_id', '=', deliveryId).executeTakeFirst();
    return row ? fromRow(row) : null;
  }

  /** Pending deliveries whose next attempt is due, oldest first. */
  async due(now: Date, limit: number): Promise<string[]> {
    await this.tables();
    const rows = await this.db
      .selectFrom('notification_deliveries')
      .select('delivery_id')
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', now.toISOString())
      .orderBy('next_attempt_at')
      .limit(limit)
      .execute();
    return rows.map((row) => row.delivery_id);
  }

  /** Every pending delivery (to queue again after Redis lost them). */
  async pending(): Promise<Array<{ deliveryId: string; nextAttemptAt: string | null }>> {
    await this.tables();
    const rows = await this.db
      .selectFrom('notification_deliveries')
      .select(['delivery_id', 'next_attempt_at'])
      .where('status', '=', 'pending')
      .execute();
    return rows.map((row) => ({ deliveryId: row.delivery_id, nextAttemptAt: row.next_attempt_at }));
  }

  /** Records an attempt and the delivery's state after it, together. */
  async recordAttempt(deliveryId: string, attempt: DeliveryAttempt): Promise<void> {
    await this.tables();
    const status: DeliveryStatus = attempt.outcome === 'will retry' ? 'pending' : attempt.outcome;
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('notification_attempts')
        .values({
          delivery_id: deliveryId,
          attempt: attempt.attempt,
          attempted_at: attempt.attemptedAt,
          status_code: attempt.statusCode,
          duration_ms: attempt.durationMs,
          outcome: attempt.outcome,
          error: attempt.error,
          next_retry_at: attempt.nextRetryAt,
        })
        .onConflict((conflict) => conflict.columns(['delivery_id', 'attempt']).doNothing())
        .execute();
      await trx
        .updateTable('notification_deliveries')
        .set({
          status,
          attempts: attempt.attempt,
          next_attempt_at: attempt.nextRetryAt,
          last_status_code: attempt.statusCode,
          last_error: attempt.error,
          updated_at: attempt.attemptedAt,
        })
        .where('delivery_id', '=', deliveryId)
        .execute();
    });
  }

  /** A plan's deliveries, newest first, with each one's attempts. */
  async list(planId: string, filter: { status?: DeliveryStatus; channelId?: string; limit?: number } = {}) {
    await this.tables();
    let query = this.db.selectFrom('notification_deliveries').selectAll().where('plan_id', '=', planId);
    if (filter.status) query = query.where('status', '=', filter.status);
    if (filter.channelId) query = query.where('channel_id', '=', filter.channelId);
    const rows = await query
      .orderBy('created_at', 'desc')
      .orderBy('delivery_id')
      .limit(filter.limit ?? 200)
      .execute();
    const attempts = rows.length
      ? await this.db
          .selectFrom('notification_attempts')
          .selectAll()
          .where(
            'delivery_id',
            'in',
            rows.map((row) => row.delivery_id),
          )
          .orderBy('attempt')
          .execute()
      : [];
    return rows.map((row) => ({
      ...fromRow(row),
      attemptLog: attempts.filter((attempt) => attempt.delivery_id === row.delivery_id).map(attemptFromRow),
    }));
  }

  private tables(): Promise<void> {
    this.created ??= this.createTables().catch((error: unknown) => {
      this.created = null;
      throw error;
    });
    return this.created;
  }

  private async createTables(): Promise<void> {
    await this.db.schema
      .createTable('notification_deliveries')
      .ifNotExists()
      .addColumn('delivery_id', 'text', (column) => column.primaryKey())
      .addColumn('plan_id', 'text', (column) => column.notNull())
      .addColumn('channel_id', 'text', (column) => column.notNull())
      .addColumn('channel_kind', 'text', (column) => column.notNull())
      .addColumn('event_key', 'text', (column) => column.notNull())
      .addColumn('event_type', 'text', (column) => column.notNull())
      .addColumn('trigger', 'text', (column) => column.notNull())
      .addColumn('payload', 'text', (column) => column.notNull())
      .addColumn('status', 'text', (column) => column.notNull())
      .addColumn('attempts', 'integer', (column) => column.notNull())
      .addColumn('next_attempt_at', 'text')
      .addColumn('last_status_code', 'integer')
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'text', (column) => column.notNull())
      .addColumn('updated_at', 'text', (column) => column.notNull())
      .execute();
    await this.db.schema
      .createIndex('notification_deliveries_due')
      .ifNotExists()
      .on('notification_deliveries')
      .columns(['status', 'next_attempt_at'])
      .execute();
    await this.db.schema
      .createIndex('notification_deliveries_plan')
      .ifNotExists()
      .on('notification_deliveries')
      .columns(['plan_id', 'created_at'])
      .execute();
    await this.db.schema
      .createTable('notification_attempts')
      .ifNotExists()
      .addColumn('delivery_id', 'text', (column) => column.notNull())
      .addColumn('attempt', 'integer', (column) => column.notNull())
      .addColumn('attempted_at', 'text', (column) => column.notNull())
      .addColumn('status_code', 'integer')
      .addColumn('duration_ms', 'integer', (column) => column.notNull())
      .addColumn('outcome', 'text', (column) => column.notNull())
      .addColumn('error', 'text')
      .addColumn('next_retry_at', 'text')
      .addPrimaryKeyConstraint('notification_attempts_pk', ['delivery_id', 'attempt'])
      .execute();
  }
}

function fromRow(row: DeliveryRow): Delivery {
  const { notice, event } = JSON.parse(row.payload) as { notice: Notice; event: WebhookEvent };
  return {
    deliveryId: row.delivery_id,
    planId: row.plan_id,
    channelId: row.channel_id,
    channelKind: row.channel_kind as NotificationKind,
    eventKey: row.event_key,
    eventType: row.event_type,
    trigger: row.trigger as NotificationTrigger,
    notice,
    event,
    status: row.status as DeliveryStatus,
    attempts: Number(row.attempts),
    nextAttemptAt: row.next_attempt_at,
    lastStatusCode: row.last_status_code === null ? null : Number(row.last_status_code),
    lastError: row.last_error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const attemptFromRow = (row: AttemptRow): DeliveryAttempt => ({
  attempt: Number(row.attempt),
  attemptedAt: row.attempted_at,
  statusCode: row.status_code === null ? null : Number(row.status_code),
  durationMs: Number(row.duration_ms),
  outcome: row.outcome as DeliveryAttempt['outcome'],
  error: row.error,
  nextRetryAt: row.next_retry_at,
});
