import { actionIdOf, isActionStream, type NotificationChannel, type NotificationTrigger } from '@actionplans/domain';
import type { CheckpointStore, EventStore, RecordedEvent, Subscriber } from '@actionplans/event-store';
import type { ReminderBook } from '@actionplans/reminders';
import type { DeliveryLog } from './delivery-log';
import type { WebhookEvent } from './messages';
import { NOTICE_RULES, overdueNotice, planOfPlanEvent, type Notice, type NoticeRule } from './notices';
import type { Subjects } from './subjects';

/** Its checkpoint in the event store's checkpoints. */
export const NOTIFICATIONS = 'notifications';
const SAVE_EVERY = 1_000;

/**
 * Reads the log from its checkpoint and adds a delivery to each channel of the plan that asked for
 * the event's trigger (`NOTICE_RULES`), and once a minute one for each action newly overdue. A
 * delivery's id is its channel's and its event's, so reading an event again after a restart adds
 * nothing: nobody is told twice.
 */
export class NotificationsProcess {
  private saved = 0;
  readonly subscriber: Subscriber;

  constructor(
    private readonly store: EventStore & CheckpointStore,
    private readonly subjects: Subjects,
    private readonly log: DeliveryLog,
    private readonly publicUrl: string,
    /** Told of the deliveries just added, to send them now. */
    private readonly added: (deliveryIds: string[]) => void | Promise<void>,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.subscriber = {
      name: NOTIFICATIONS,
      checkpoint: async () => (this.saved = await this.store.load(NOTIFICATIONS)),
      handle: (events) => this.handle(events),
    };
  }

  private async handle(events: readonly RecordedEvent[]): Promise<void> {
    for (const event of events) {
      this.subjects.forget(event);
      const rule = NOTICE_RULES[event.type];
      const added = rule ? await this.notify(event, rule) : [];
      if (added.length) await this.added(added);
      if (added.length || event.position - this.saved >= SAVE_EVERY) await this.save(event.position);
    }
  }

  private async save(position: number): Promise<void> {
    await this.store.save(NOTIFICATIONS, position);
    this.saved = position;
  }

  private async notify(event: RecordedEvent, rule: NoticeRule): Promise<string[]> {
    const action = rule.about === 'action' && isActionStream(event.stream) ? await this.subjects.action(actionIdOf(event.stream)) : null;
    const planId = rule.about === 'action' ? action?.planId : planOfPlanEvent(event);
    if (!planId) return [];
    const channels = listening(await this.subjects.channels(planId), rule.trigger, event.metadata.recordedAt);
    if (channels.length === 0) return [];
    const subject = { planId, planTitle: await this.subjects.planTitle(planId), action, publicUrl: this.publicUrl };
    const message = rule.message(event, subject);
    if (!message) return [];
    const notice: Notice = { ...message, trigger: rule.trigger, type: event.type, planId };
    return this.addAll(channels, event.id, notice, asWebhookEvent(event));
  }

  /** Adds a delivery for each action newly overdue today, to the channels of its plan that were there when it became so. */
  async overdue(book: ReminderBook): Promise<string[]> {
    const now = this.clock();
    const added: string[] = [];
    for (const episode of book.overdueEpisodes(now.toISOString().slice(0, 10))) {
      const channels = (await this.subjects.channels(episode.planId)).filter(
        (channel) => channel.triggers.includes('overdue') && channel.addedAt.slice(0, 10) <= episode.since,
      );
      if (channels.length === 0) continue;
      const action = await this.subjects.action(episode.actionId);
      if (!action) continue;
      const subject = {
        planId: episode.planId,
        planTitle: await this.subjects.planTitle(episode.planId),
        action,
        publicUrl: this.publicUrl,
      };
      const notice = overdueNotice(episode, action, subject);
      const key = `overdue:${episode.actionId}:${episode.aboutTargetDate}`;
      const event: WebhookEvent = {
        id: key,
        type: notice.type,
        stream: null,
        position: null,
        occurredAt: `${episode.since}T00:00:00.000Z`,
        recordedAt: now.toISOString(),
        data: {
          actionId: episode.actionId,
          planId: episode.planId,
          references: action.references,
          targetDate: episode.aboutTargetDate,
          overdueSince: episode.since,
        },
      };
      added.push(...(await this.addAll(channels, key, notice, event)));
    }
    if (added.length) await this.added(added);
    return added;
  }

  private async addAll(channels: NotificationChannel[], eventKey: string, notice: Notice, event: WebhookEvent): Promise<string[]> {
    const added: string[] = [];
    for (const channel of channels) {
      const delivery = { planId: notice.planId, channelId: channel.channelId, channelKind: channel.kind, eventKey, notice, event };
      const { deliveryId, added: isNew } = await this.log.add(delivery, this.clock());
      if (isNew) added.push(deliveryId);
    }
    return added;
  }
}

/** The channels that asked for this trigger and were there when the event was recorded. */
const listening = (channels: NotificationChannel[], trigger: NotificationTrigger, recordedAt: string) =>
  channels.filter((channel) => channel.triggers.includes(trigger) && channel.addedAt <= recordedAt);

const asWebhookEvent = (event: RecordedEvent): WebhookEvent => ({
  id: event.id,
  type: event.type,
  stream: event.stream,
  position: event.position,
  occurredAt: event.metadata.occurredAt,
  recordedAt: event.metadata.recordedAt,
  data: event.data,
});
