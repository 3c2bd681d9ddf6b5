import { Logger } from '@nestjs/common';
import type { CommandBus } from '@nestjs/cqrs';
import type { UserDirectory } from '@actionplans/auth';
import {
  MinutesApprovalProcess,
  PANEL_OUTCOMES,
  PANEL_OUTCOMES_WRITTEN,
  PanelOutcomeProcess,
  recordRemindersOn,
} from '@actionplans/commands';
import { StoredCheckpoint, type ConfiguredEventStore, type Subscriber } from '@actionplans/event-store';
import {
  IndexSnapshots,
  LiveIndex,
  READ_MODELS,
  ReadModelProjection,
  type PeopleRegister,
  type PlanIndex,
  type ReadModelDb,
  type RestrictedEvidenceIndex,
  type WorkIndex,
} from '@actionplans/read-models';
import { NotificationsRunner, type Notifications } from '@actionplans/notifications';
import { RemindersRunner, type ReminderBook, type RemindersSettings } from '@actionplans/reminders';
import type { LogReader, ReactingProcess } from './commands/read-your-writes';

export const API_SUBSCRIBERS = Symbol('API_SUBSCRIBERS');

export interface ApiSubscribersOptions {
  /**
   * Whether this process runs the subscribers whose state is shared (the report tables, the
   * panel process, reminders). False in the scaled-out set-up, where the worker runs them.
   */
  shared: boolean;
  /** Reminders sent by this process when it runs the shared subscribers. */
  reminders?: RemindersSettings;
  /** Notifications delivered by this process when it runs the shared subscribers (with a sealing key). */
  notifications?: Notifications;
}

export interface InMemoryReaders {
  users: UserDirectory;
  plans: PlanIndex;
  restricted: RestrictedEvidenceIndex;
  book: ReminderBook;
  work: WorkIndex;
  /** The register of people and organisations (owners with no user account). */
  register?: PeopleRegister;
}

/** What this API process reads from the log, and what a command waits on before it answers. */
export interface ApiSubscribers {
  /** In start order; stopped in reverse. */
  list: Subscriber[];
  /** The worker's subscribers, read from their stored checkpoints, when this process runs none of them. */
  remote: LogReader[];
  /** Processes that write in response to what they read, here or in the worker. */
  processes: ReactingProcess[];
}

/**
 * The in-memory index (users for authentication, plans' actions, the restricted-evidence index,
 * whose work is what, and the reminder book where reminders are sent from here) is a per-process read cache, not
 * shared state: every API instance keeps its own, started from a snapshot of the readers kept in the
 * read-model database. Its readers are chosen here.
 */
export function liveIndex(
  store: ConfiguredEventStore,
  readModels: ReadModelDb,
  readers: InMemoryReaders,
  options: ApiSubscribersOptions,
): LiveIndex {
  const sendsReminders = options.shared && options.reminders !== undefined;
  return new LiveIndex(
    store,
    [readers.users, readers.plans, readers.book, readers.restricted, readers.work, ...(readers.register ? [readers.register] : [])].filter(
      (reader) => sendsReminders || reader !== readers.book,
    ),
    // Its snapshots in the read-model database: a restart reads only the log since the last one.
    { logger: new Logger('live-index'), snapshots: new IndexSnapshots(readModels) },
  );
}

/** The API's one list of subscribers. */
export function apiSubscribers(
  store: ConfiguredEventStore,
  commands: CommandBus,
  readModels: ReadModelDb,
  index: LiveIndex,
  readers: InMemoryReaders,
  options: ApiSubscribersOptions,
): ApiSubscribers {
  if (!options.shared) return { list: [index.subscriber], ...theWorkers(store, readModels) };
  const projection = new ReadModelProjection(readModels);
  const panel = new PanelOutcomeProcess(store, commands);
  const reminders = options.reminders
    ? new RemindersRunner(store, readers.book, readers.users, options.reminders, recordRemindersOn(commands), new Logger('reminders'))
    : null;
  // Newly overdue actions are read from the reminder book, which this process's index feeds only where it sends reminders.
  const notifications = options.notifications?.sender
    ? new NotificationsRunner(store, options.notifications, { book: reminders ? readers.book : undefined })
    : null;
  return {
    list: [
      index.subscriber,
      projection.subscriber(),
      panel.subscriber,
      new MinutesApprovalProcess(store, commands).subscriber,
      ...(reminders ? [reminders.subscriber()] : []),
      ...(notifications ? [notifications.subscriber()] : []),
    ],
    remote: [],
    processes: [panel],
  };
}

/** The report tables' checkpoint in their database, and the panel process's in the event store, as the worker saves them. */
function theWorkers(store: ConfiguredEventStore, readModels: ReadModelDb): Pick<ApiSubscribers, 'remote' | 'processes'> {
  const projection = new ReadModelProjection(readModels);
  return {
    remote: [
      new StoredCheckpoint(READ_MODELS, () => projection.checkpoint()),
      new StoredCheckpoint(PANEL_OUTCOMES, () => store.load(PANEL_OUTCOMES)),
    ],
    // Unreadable (the store restarting): the command answers without waiting on it.
    processes: [{ lastWritten: () => store.load(PANEL_OUTCOMES_WRITTEN).catch(() => 0) }],
  };
}
