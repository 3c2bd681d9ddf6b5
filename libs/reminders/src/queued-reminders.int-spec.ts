import { actionStream } from '@actionplans/domain';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { describeWithRedis, eventually, startSmtpServer, tempDir } from '@actionplans/testing';
import { SmtpMailer } from './mailer';
import { QueuedReminders } from './queued-reminders';
import { queuesSettled, recordingLogger, reminderWorld, TestClock } from './reminders.fixture';

describeWithRedis('reminders on BullMQ and Redis, delivered by SMTP', (redisUrl) => {
  const dir = tempDir('queued-reminders');
  const clock = new TestClock(new Date('2021-03-17T09:00:00.000Z'));
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let world: Awaited<ReturnType<typeof reminderWorld>>;
  const connections: Redis[] = [];
  const running: QueuedReminders[] = [];
  const prefix = `actionplans-test-${randomUUID()}`;
  const logger = recordingLogger();

  /** A worker process's reminders: its own Redis connection, the same queues. */
  const worker = async () => {
    const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
    connections.push(connection);
    const reminders = new QueuedReminders(connection, world.book, world.delivery, clock, logger, prefix);
    running.push(reminders);
    await reminders.start(4);
    return reminders;
  };
  const sent = async (actionId: string) =>
    (await world.store.readStream(actionStream(actionId))).filter((event) => event.type === 'ReminderSent');

  beforeAll(async () => {
    smtp = await startSmtpServer();
    world = await reminderWorld(dir.path, new SmtpMailer(smtp.url, 'reminders@rotherham.example'));
    for (const n of [1, 2, 3]) await world.raise(`q${n}`, `2.${n}`, 'Mar-21');
    await world.catchUp();
  });
  afterAll(async () => {
    for (const reminders of running) await reminders.stop();
    for (const connection of connections) connection.disconnect();
    await smtp.stop();
    await world.store.close();
    dir.remove();
  });

  it('delivers each due reminder exactly once though two workers queue and process it', async () => {
    const first = await worker();
    const second = await worker();
    await first.schedule();
    await second.schedule();
    await eventually('three reminders recorded', async () => {
      await world.catchUp();
      return (await Promise.all(['q1', 'q2', 'q3'].map(sent))).every((events) => events.length === 1);
    });
    await first.schedule(['q1', 'q2', 'q3']);
    // No second email: once every job queued so far (these again included) has been worked,
    // none is left that could send one.
    await eventually('the queues worked to the end', () => queuesSettled(first));
    expect(smtp.received).toHaveLength(3);
    expect((await Promise.all(['q1', 'q2', 'q3'].map(sent))).map((events) => events.length)).toEqual([1, 1, 1]);
  });

  it('queues each upcoming reminder once, as a job delayed until it falls due', async () => {
    const [reminders] = running;
    const delayed = await reminders.queues[0].getDelayed();
    const sevenDays = delayed.filter((job) => job.name === 'remind' && job.data.key.endsWith('|before-7|2021-03-31'));
    expect(sevenDays.map((job) => job.data.actionId).sort()).toEqual(['q1', 'q2', 'q3']);
    // Queued when the clock read 17 March 09:00; due 24 March 08:00.
    expect(
      sevenDays.every((job) => job.opts.delay === Date.parse('2021-03-24T08:00:00.000Z') - Date.parse('2021-03-17T09:00:00.000Z')),
    ).toBe(true);
  });

  it('retries deliveries the mail server refused, and records each once it is taken', async () => {
    const [reminders] = running;
    clock.set('2021-03-24T09:00:00.000Z');
    smtp.refuse = true;
    const before = smtp.received.length;
    // The clock has moved a week: let BullMQ's delayed jobs fall due now.
    await reminders.queues[0].promoteJobs();
    // Nothing recorded for a refused delivery: each of the three has been refused and its
    // attempt has ended (BullMQ reports the failure after the job is put back for a retry), so
    // each is past the point where it would have been recorded.
    await eventually('three deliveries refused', () => logger.refusedDeliveries().size === 3, 20_000);
    expect((await Promise.all(['q1', 'q2', 'q3'].map(sent))).map((events) => events.length)).toEqual([1, 1, 1]);
    smtp.refuse = false;
    await eventually(
      'the refused reminders delivered on a retry',
      async () => (await Promise.all(['q1', 'q2', 'q3'].map(sent))).every((events) => events.length === 2),
      40_000,
    );
    expect(smtp.received.length - before).toBe(3);
  });
});
