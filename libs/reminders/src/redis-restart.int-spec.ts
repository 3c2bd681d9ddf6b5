import { actionStream } from '@actionplans/domain';
import { describeWithRedis, eventually, startOwnRedis, startSmtpServer, tempDir } from '@actionplans/testing';
import { OutboxMailer } from './mailer';
import { RemindersRunner } from './reminders-runner';
import { queuesSettled, recordingLogger, reminderWorld, TestClock } from './reminders.fixture';

describeWithRedis('reminders when Redis stops and comes back empty', () => {
  const dir = tempDir('redis-restart');
  afterAll(() => dir.remove());

  it('loses no reminder and records none twice', async () => {
    const redis = await startOwnRedis();
    const smtp = await startSmtpServer();
    const world = await reminderWorld(dir.path, new OutboxMailer(dir.path, 'unused@localhost'));
    const clock = new TestClock(new Date('2021-03-17T09:00:00.000Z'));
    const logger = recordingLogger();
    const runner = new RemindersRunner(
      world.store,
      world.book,
      world.users,
      {
        dataDir: dir.path,
        redisUrl: redis.url,
        smtpUrl: smtp.url,
        mailFrom: 'reminders@rotherham.example',
        publicUrl: 'http://localhost',
        // The clock reads 2021: no waiting for changes recorded today to settle.
        reminderSettleSeconds: 0,
      },
      world.record,
      logger,
      clock,
    );
    const redisErrors: NodeJS.ErrnoException[] = [];
    const recorded = async (actionId: string) =>
      (await world.store.readStream(actionStream(actionId))).filter((event) => event.type === 'ReminderSent').length;
    try {
      await world.raise('r1', '2.1', 'Mar-21');
      await world.raise('r2', '2.2', 'Mar-21');
      await world.catchUp();
      smtp.refuse = true;
      await runner.start();
      // The queue shares the runner's Redis connection, and passes on its connection errors.
      runner.queued!.queues[0].on('error', (error: NodeJS.ErrnoException) => redisErrors.push(error));
      // The owner's digest (both reminders) really tried and refused, its attempt over (not merely not tried yet).
      await eventually('the digest refused by the mail server', () => logger.refusedDeliveries().size === 1, 15_000);
      expect(smtp.received).toHaveLength(0);

      await redis.kill();
      // Redis really away: the runner's connection is refused before Redis is started again, so
      // what follows is a recovery from an outage and not a connection that never noticed one.
      await eventually('the runner refused by the stopped Redis', () => redisErrors.some((error) => error.code === 'ECONNREFUSED'), 10_000);
      await redis.start();
      smtp.refuse = false;

      await eventually(
        'both reminders delivered after Redis came back',
        async () => {
          await world.catchUp();
          return (await recorded('r1')) === 1 && (await recorded('r2')) === 1;
        },
        30_000,
      );
      expect(logger.warnings).toContainEqual(expect.stringMatching(/^reminders: Redis is back; [1-9]\d* reminders queued again$/));
      // No second email: once every job queued so far has been worked, none is left to send one.
      await eventually('the queues worked to the end', () => queuesSettled(runner.queued!));
      expect([await recorded('r1'), await recorded('r2')]).toEqual([1, 1]);
      expect(smtp.received.map((mail) => mail.subject)).toEqual(['2 action plan reminders for 17 March 2021']);
    } finally {
      await runner.stop();
      await redis.kill();
      await smtp.stop();
      await world.store.close();
    }
  });
});
