import { join } from 'node:path';
import { COMMAND_LINE, UserDirectory } from '@actionplans/auth';
import { acting, addUser, CommandRunner, recordRemindersOn, RecordReminderSentHandler } from '@actionplans/commands';
import {
  actionDecider,
  actionStream,
  panelDecider,
  panelStream,
  planDecider,
  planStream,
  type ActionCommand,
  type Actor,
  type CommandWithFacts,
  type Owner,
  type PanelCommand,
  type PlanCommand,
} from '@actionplans/domain';
import { SqliteEventStore, type EventStore } from '@actionplans/event-store';
import type { Mailer } from './mailer';
import { DELIVERY_QUEUE, type QueuedReminders } from './queued-reminders';
import { ReminderBook } from './reminder-book';
import { ReminderDelivery } from './reminder-delivery';

const manager: Actor = { userId: 'u-manager', role: 'plan manager' };
/** When the world's plan, owners and actions are set up, unless a test gives its own clock. */
const SET_UP_AT = '2021-01-04T09:00:00.000Z';

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
  const counts = await Promise.all(
    reminders.queues.map((queue) => queue.getJobCounts('waiting', 'active', 'prioritized', 'waiting-children')),
  );
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
  const refusedDeliveries = () =>
    new Set(
      warnings
        .filter((warning) => warning.startsWith(`${DELIVERY_QUEUE} job `) && / 451 /.test(warning))
        .map((warning) => warning.split(' ')[2]),
    );
  return { warnings, warn: (message: string) => void warnings.push(message), refusedDeliveries };
}

/**
 * A store with a plan, its manager and an owner (both with email addresses), and a reminder
 * book and delivery fed from it by `catchUp()`, the way the app's subscription feeds them. The
 * plan is active (a draft owes no reminders) unless `draft` is set; `settleMs` is the delivery's
 * wait for changes to settle (none by default: these tests move a clock that reads 2021).
 */
export async function reminderWorld(
  dir: string,
  mailer: Mailer,
  {
    draft = false,
    settleMs = 0,
    clock = new TestClock(new Date(SET_UP_AT)),
  }: { draft?: boolean; settleMs?: number; clock?: { now(): Date } } = {},
) {
  // Events are recorded on the test's clock, so "when the plan went live" is in the test's 2021.
  const store: EventStore = new SqliteEventStore({ file: join(dir, 'events.db'), clock });
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
  const runner = new CommandRunner(store);
  const owner = await addUser(
    runner,
    { name: 'CYPS Training lead', role: 'action owner', email: 'cyps.training@rotherham.example' },
    acting(COMMAND_LINE),
  );
  const planManager = await addUser(
    runner,
    { name: 'YOT Performance Manager', role: 'plan manager', email: 'yot.performance@rotherham.example' },
    acting(COMMAND_LINE),
    manager.userId,
  );
  // Fixtures write through the write layer's runner, giving the facts a handler would have read.
  const plan = (command: CommandWithFacts<PlanCommand>, now = SET_UP_AT) =>
    runner.run('p1', planStream('p1'), planDecider, { actor: manager, now }, () => command);
  const action = (actionId: string, actor: Actor, command: CommandWithFacts<ActionCommand>, now = SET_UP_AT) =>
    runner.run(actionId, actionStream(actionId), actionDecider, { actor, now }, () => command);
  const panel = (panelId: string, command: CommandWithFacts<PanelCommand>, now = SET_UP_AT) =>
    runner.run(panelId, panelStream(panelId), panelDecider, { actor: manager, now }, () => command);
  const planState = async () =>
    (await store.readStream(planStream('p1'))).reduce(
      (state, event) => planDecider.evolve(state, planDecider.decode(event)),
      planDecider.initialState,
    );
  await plan({
    type: 'CreatePlan',
    planId: 'p1',
    kind: 'inspection',
    title: 'YOT HMIP Inspection Action Plan',
    source: { body: 'HMIP', date: '2020-12-17', judgement: null },
  });
  await plan({
    type: 'AddGrouping',
    groupingId: 'r2',
    parentId: null,
    kind: 'recommendation',
    references: ['2'],
    title: 'Looked after children',
  });
  if (!draft) await plan({ type: 'ActivatePlan', submittedTo: 'Youth Justice Board', submittedOn: '2021-01-04' });
  /** Raises an action owned by the world's owner, unless `owners` names others. */
  const raise = async (
    actionId: string,
    reference: string,
    targetDate: string,
    owners: { leadOwners: Owner[]; supportingOwners?: Owner[] } = {
      leadOwners: [{ kind: 'team', name: 'CYPS Training', userId: owner.userId }],
    },
  ) =>
    action(actionId, manager, {
      type: 'RaiseAction',
      actionId,
      planId: 'p1',
      groupingId: 'r2',
      references: [reference],
      description: `Action ${reference}`,
      targetDate,
      ...owners,
      facts: { plan: await planState(), unknownUsers: [] },
    });
  await catchUp();
  const record = recordRemindersOn(new RecordReminderSentHandler(runner));
  const delivery = new ReminderDelivery(store, book, users, mailer, 'https://actionplans.rotherham.example', record, settleMs);
  const ownerActor: Actor = { userId: owner.userId, role: 'action owner' };
  return {
    store,
    users,
    book,
    delivery,
    record,
    catchUp,
    plan,
    action,
    panel,
    raise,
    manager,
    ownerActor,
    ownerEmail: 'cyps.training@rotherham.example',
    managerEmail: 'yot.performance@rotherham.example',
    planManager,
    planState,
    runner,
  };
}

/** A message as its reader sees it: quoted-printable soft line breaks joined and escapes decoded. */
export const readable = (raw: string) =>
  raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
