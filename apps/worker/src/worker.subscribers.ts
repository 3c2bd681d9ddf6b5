import { Logger } from '@nestjs/common';
import type { CommandBus } from '@nestjs/cqrs';
import { UserDirectory } from '@actionplans/auth';
import { MinutesApprovalProcess, PanelOutcomeProcess, recordRemindersOn } from '@actionplans/commands';
import type { ConfiguredEventStore, Subscriber } from '@actionplans/event-store';
import { IndexSnapshots, LiveIndex, ReadModelProjection, type ReadModelDb } from '@actionplans/read-models';
import { Notifications, NotificationsRunner, type NotificationSettings } from '@actionplans/notifications';
import { ReminderBook, RemindersRunner, type RemindersSettings } from '@actionplans/reminders';

/**
 * The worker's one list of subscribers, in start order: its own in-memory index (users and the
 * reminder book, for reminders), the report tables, the panel process, and reminders on BullMQ.
 * Without Redis the all-in-one app sends reminders itself, and a second sender could race it, so
 * the worker sends them only when `REDIS_URL` is set.
 */
export function workerSubscribers(
  store: ConfiguredEventStore,
  commands: CommandBus,
  readModels: ReadModelDb,
  reminders: RemindersSettings,
  notify?: NotificationSettings,
): Subscriber[] {
  const users = new UserDirectory();
  const book = new ReminderBook();
  const index = new LiveIndex(store, reminders.redisUrl ? [users, book] : [], {
    logger: new Logger('live-index'),
    snapshots: new IndexSnapshots(readModels),
  });
  // API instances that run no subscribers wait on its checkpoint for read-your-writes: saved after every batch.
  const panel = new PanelOutcomeProcess(store, commands, { saveEachBatch: true });
  const sender = reminders.redisUrl
    ? new RemindersRunner(store, book, users, reminders, recordRemindersOn(commands), new Logger('reminders'))
    : null;
  // Like reminders, only on BullMQ: without Redis the all-in-one app delivers, and two timers could race.
  const notifications =
    reminders.redisUrl && notify?.secretKey
      ? new NotificationsRunner(store, new Notifications(store, readModels, notify, new Logger('notifications')), { book })
      : null;
  return [
    ...(sender ? [index.subscriber] : []),
    new ReadModelProjection(readModels).subscriber(),
    panel.subscriber,
    new MinutesApprovalProcess(store, commands).subscriber,
    ...(sender ? [sender.subscriber()] : []),
    ...(notifications ? [notifications.subscriber()] : []),
  ];
}
