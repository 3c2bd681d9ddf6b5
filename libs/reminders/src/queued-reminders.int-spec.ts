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
    const reminders = new QueuedReminders(connection, world.delivery, clock, logger, prefix);
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

  it("delivers each due reminder exactly once, in the owner's one digest, though two workers queue and process it", async () => {
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
    expect(smtp.received.map((mail) => mail.subject)).toEqual(['3 action plan reminders for 17 March 2021']);
    expect((await Promise.all(['q1', 'q2', 'q3'].map(sent))).map((events) => events.length)).toEqual([1, 1, 1]);
  });

  it("queues the owner's next digest once, as a job delayed until its reminders fall due", async () => {
    const [reminders] = running;
    await reminders.schedule();
    const delayed = (await reminders.queues[1].getDelayed()).filter((job) => job.name === 'digest');
    // Queued when the clock read 17 March 09:00: the 7-day reminders fall due 24 March 08:00, the
    // plan manager's escalations 14 April.
    expect(delayed.map((job) => [job.data.userId, job.opts.delay]).sort()).toEqual([
      [world.ownerActor.userId, Date.parse('2021-03-24T08:00:00.000Z') - Date.parse('2021-03-17T09:00:00.000Z')],
      [world.manager.userId, Date.parse('2021-04-14T08:00:00.000Z') - Date.parse('2021-03-17T09:00:00.000Z')],
    ]);
  });

  it('retries a digest the mail server refused, and records each of its lines once it is taken', async () => {
    const [reminders] = running;
    clock.set('2021-03-24T09:00:00.000Z');
    smtp.refuse = true;
    const before = smtp.received.length;
    // The clock has moved a week: let BullMQ's delayed jobs fall due now.
    await reminders.queues[1].promoteJobs();
    // Nothing recorded for a refused digest: it has been refused and its attempt has ended
    // (BullMQ reports the failure after the job is put back for a retry), so it is past the
    // point where its lines would have been recorded.
    await eventually('the digest refused', () => logger.refusedDeliveries().size === 1, 20_000);
    expect((await Promise.all(['q1', 'q2', 'q3'].map(sent))).map((events) => events.length)).toEqual([1, 1, 1]);
    smtp.refuse = false;
    await eventually(
      'the refused reminders delivered on a retry',
      async () => (await Promise.all(['q1', 'q2', 'q3'].map(sent))).every((events) => events.length === 2),
      40_000,
    );
    expect(smtp.received.length - before).toBe(1);
  });
});
