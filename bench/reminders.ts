import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import { COMMAND_LINE, UserDirectory } from '@actionplans/auth';
import { acting, addUser, CommandRunner, recordRemindersOn, RecordReminderSentHandler } from '@actionplans/commands';
import { actionStream, planStream, readTargetDate } from '@actionplans/domain';
import { NO_STREAM, SqliteEventStore, type EventToAppend, type RecordedEvent } from '@actionplans/event-store';
import { QueuedReminders, ReminderBook, ReminderDelivery, SmtpMailer } from '@actionplans/reminders';
import { tempDir } from '@actionplans/testing';
import type { Figure } from './workload';

const manager = { id: 'bench-manager', role: 'plan manager' };
const recorded = (
  stream: string,
  version: number,
  event: Omit<EventToAppend, 'metadata'>,
  occurredAt = '2026-01-05T09:00:00.000Z',
): RecordedEvent => ({
  ...event,
  id: randomUUID(),
  stream,
  version,
  position: 0,
  metadata: { actor: manager, occurredAt, recordedAt: occurredAt, correlationId: '', causationId: null, hash: '', prevHash: null },
});

const planCreated = (planId: string) =>
  recorded(planStream(planId), 1, {
    type: 'PlanCreated',
    data: {
      planId,
      kind: 'statutory plan',
      title: 'Plan',
      source: { body: 'Ofsted', date: '2025-11-01', judgement: null },
      statusLabels: {},
      quorum: 2,
      warningDays: 14,
    },
  });
/** A draft owes no reminders: the plans measured are active. */
const planActivated = (planId: string) =>
  recorded(planStream(planId), 2, { type: 'PlanActivated', data: { submittedTo: 'Board', submittedOn: '2026-01-05' } });
const raised = (planId: string, actionId: string, targetDate: string, ownerId: string) =>
  recorded(actionStream(actionId), 1, {
    type: 'ActionRaised',
    data: {
      actionId,
      planId,
      groupingId: 'g',
      references: [actionId],
      description: 'Action',
      leadOwners: [{ kind: 'person', name: 'Owner', userId: ownerId }],
      supportingOwners: [],
      targetDate: readTargetDate(targetDate),
      evidenceRequired: null,
    },
  });

/** Working out the reminders owed across 100,000 open actions (times `scale`), in memory. */
function dueAcrossOpenActions(scale: number): Figure {
  const book = new ReminderBook();
  const actions = Math.round(100_000 * scale);
  for (let p = 0; p < actions / 100; p += 1) {
    book.apply(planCreated(`p${p}`));
    book.apply(planActivated(`p${p}`));
  }
  const months = ['Jan-26', 'Feb-26', 'Mar-26', 'Apr-26', 'May-26', 'Jun-26', 'Quarterly', '31/12/2026'];
  for (let a = 0; a < actions; a += 1) book.apply(raised(`p${Math.floor(a / 100)}`, `a${a}`, months[a % months.length], 'u'));
  const started = performance.now();
  const owed = book.allReminders('2026-03-20');
  const elapsed = performance.now() - started;
  if (owed.length === 0) throw new Error('no reminders were worked out');
  return { name: 'reminders.due.100k', value: Number(elapsed.toFixed(0)), unit: 'ms' };
}

/** Delivering reminders through BullMQ to a local SMTP server, each recorded as ReminderSent. */
async function deliveredThroughBullMq(scale: number, redisUrl: string): Promise<Figure> {
  const dir = tempDir('bench-reminders');
  const store = new SqliteEventStore({ file: join(dir.path, 'events.db') });
  // The mail server runs in its own process, as a real one would.
  const smtp = spawn(process.execPath, [join(__dirname, 'smtp-sink.mjs')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [port] = (await once(smtp.stdout, 'data')) as [Buffer];
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const book = new ReminderBook();
  const users = new UserDirectory();
  const count = Math.max(100, Math.round(4_000 * scale));
  const reminders = new QueuedReminders(
    redis,
    new ReminderDelivery(
      store,
      book,
      users,
      new SmtpMailer(`smtp://127.0.0.1:${String(port).trim()}`, 'bench@localhost'),
      'http://localhost',
      recordRemindersOn(new RecordReminderSentHandler(new CommandRunner(store))),
    ),
    { now: () => new Date('2026-03-20T09:00:00.000Z') },
    { warn: () => undefined },
    `bench-${randomUUID()}`,
  );
  try {
    const owner = await addUser(
      new CommandRunner(store),
      { name: 'Owner', role: 'action owner', email: 'owner@localhost' },
      acting(COMMAND_LINE),
    );
    await store.append(
      planStream('p'),
      [
        { type: 'PlanCreated', data: planCreated('p').data, metadata: { actor: manager } },
        { type: 'PlanActivated', data: planActivated('p').data, metadata: { actor: manager } },
      ],
      NO_STREAM,
    );
    for (let a = 0; a < count; a += 1) {
      await store.append(
        actionStream(`r${a}`),
        [{ type: 'ActionRaised', data: raised('p', `r${a}`, 'Mar-26', owner.userId).data, metadata: { actor: manager } }],
        NO_STREAM,
      );
    }
    for (const event of await store.readAll(0, 1_000_000)) {
      users.apply(event);
      book.apply(event);
    }
    await reminders.start(32);
    const recordedBefore = await store.headPosition();
    const started = performance.now();
    await reminders.schedule();
    // Delivered means handed to the SMTP server and recorded as ReminderSent.
    while ((await store.headPosition()) < recordedBefore + count) await new Promise((resolve) => setTimeout(resolve, 20));
    const elapsed = (performance.now() - started) / 1000;
    return { name: 'reminders.bullmq.smtp', value: Math.round(count / elapsed), unit: 'reminders/s' };
  } finally {
    await reminders.stop();
    redis.disconnect();
    smtp.kill();
    await store.close();
    dir.remove();
  }
}

export async function runReminders(scale: number, redisUrl: string, log: (message: string) => void): Promise<Figure[]> {
  log('reminders: working out what 100,000 open actions are owed…');
  const due = dueAcrossOpenActions(scale);
  log('reminders: delivering through BullMQ to SMTP…');
  return [due, await deliveredThroughBullMq(scale, redisUrl)];
}
