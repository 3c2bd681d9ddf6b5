import { join } from 'node:path';
import { addUser, COMMAND_LINE, UserDirectory } from '@actionplans/auth';
import { actionDecider, panelDecider, planDecider, type ActionCommand, type Actor, type CommandBody, type PanelCommand, type PlanCommand } from '@actionplans/domain';
import { handle, SqliteEventStore, type EventStore } from '@actionplans/event-store';
import type { Mailer } from './mailer';
import { DELIVERY_QUEUE, type QueuedReminders } from './queued-reminders';
import { ReminderBook } from './reminder-book';
import { ReminderDelivery } from './reminder-delivery';

const manager: Actor = { userId: 'u-manager', role: 'plan manager' };

/** A clock the test moves by hand. */
export class TestClock {
  constructor(private current: Date) {}
  now(): Date {
    return this.current;
  }
  set(iso: string): void {
    this.current = new Date(iso);
  }
}

/**
 * True once every job queued so far has been worked to the end: nothing waiting or running on
 * either queue and nothing waiting out a retry. What may stay delayed is only what falls due
 * later by the clock, and the sweep. A test that shows something is NOT sent (again) waits for
 * this: from here on no job is left that could send it.
 */
export async function queuesSettled(reminders: QueuedReminders): Promise<boolean> {
  const counts = await Promise.all(reminders.queues.map((queue) => queue.getJobCounts('waiting', 'active', 'prioritized', 'waiting-children')));
  if (counts.some((count) => Object.values(count).some((jobs) => jobs > 0))) return false;
  const delayed = (await Promise.all(reminders.queues.map((queue) => queue.getDelayed()))).flat();
  return delayed.every((job) => job.attemptsMade === 0);
}

/**
 * A logger for QueuedReminders that keeps what it is told, and the ids of the delivery jobs whose
 * attempt the mail server refused (QueuedReminders warns "<queue> job <id> failed: <why>" once the
 * failed attempt is over and the job is put back for a retry).
 */
export function recordingLogger() {
  const warnings: string[] = [];
  const refusedDeliveries = () => new Set(warnings
    .filter((warning) => warning.startsWith(`${DELIVERY_QUEUE} job `) && / 451 /.test(warning))
    .map((warning) => warning.split(' ')[2]));
  return { warnings, warn: (message: string) => void warnings.push(message), refusedDeliveries };
}

/**
 * A store with a plan, its manager and an owner (both with email addresses), and a reminder
 * book and delivery fed from it by `catchUp()`, the way the app's subscription feeds them.
 */
export async function reminderWorld(dir: string, mailer: Mailer) {
  const store: EventStore = new SqliteEventStore({ file: join(dir, 'events.db') });
  const users = new UserDirectory();
  const book = new ReminderBook();
  let position = 0;
  const catchUp = async () => {
    for (const event of await store.readAll(position, 100_000)) {
      users.apply(event);
      book.apply(event);
      position = event.position;
    }
  };
  const owner = await addUser(store, { name: 'CYPS Training lead', role: 'action owner', email: 'cyps.training@rotherham.example' }, COMMAND_LINE);
  const planManager = await addUser(store, { name: 'YOT Performance Manager', role: 'plan manager', email: 'yot.performance@rotherham.example' }, COMMAND_LINE, manager.userId);
  const plan = (command: CommandBody<PlanCommand>, now = '2021-01-04T09:00:00.000Z') =>
    handle(store, 'plan-p1', planDecider, { actor: { id: manager.userId, role: manager.role }, command: { ...command, actor: manager, now } });
  const action = (actionId: string, actor: Actor, command: CommandBody<ActionCommand>, now = '2021-01-04T09:00:00.000Z') =>
    handle(store, `action-${actionId}`, actionDecider, { actor: { id: actor.userId, role: actor.role }, command: { ...command, actor, now } });
  const panel = (panelId: string, command: CommandBody<PanelCommand>, now = '2021-01-04T09:00:00.000Z') =>
    handle(store, `panel-${panelId}`, panelDecider, { actor: { id: manager.userId, role: manager.role }, command: { ...command, actor: manager, now } });
  await plan({ type: 'CreatePlan', planId: 'p1', kind: 'inspection', title: 'YOT HMIP Inspection Action Plan', source: { body: 'HMIP', date: '2020-12-17', judgement: null } });
  await plan({ type: 'AddGrouping', groupingId: 'r2', parentId: null, kind: 'recommendation', references: ['2'], title: 'Looked after children' });
  const raise = (actionId: string, reference: string, targetDate: string) => action(actionId, manager, {
    type: 'RaiseAction', actionId, planId: 'p1', groupingId: 'r2', references: [reference], description: `Action ${reference}`, targetDate,
    leadOwners: [{ kind: 'team', name: 'CYPS Training', userId: owner.userId }],
  });
  await catchUp();
  const delivery = new ReminderDelivery(store, book, users, mailer, 'https://actionplans.rotherham.example');
  const ownerActor: Actor = { userId: owner.userId, role: 'action owner' };
  return { store, users, book, delivery, catchUp, plan, action, panel, raise, manager, ownerActor, ownerEmail: 'cyps.training@rotherham.example', managerEmail: 'yot.performance@rotherham.example', planManager };
}
