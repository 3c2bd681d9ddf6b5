import { UserDirectory } from '@actionplans/auth';
import { actionStream } from '@actionplans/domain';
import { describeWithRedis, eventually, startOwnRedis, startSmtpServer, tempDir } from '@actionplans/testing';
import { OutboxMailer } from './mailer';
import { RemindersRunner } from './reminders-runner';
import { reminderWorld, TestClock } from './reminders.fixture';

const quiet = { warn: () => undefined };

describeWithRedis('reminders when Redis stops and comes back empty', () => {
  const dir = tempDir('redis-restart');
  afterAll(() => dir.remove());

  it('loses no reminder and records none twice', async () => {
    const redis = await startOwnRedis();
    const smtp = await startSmtpServer();
    const world = await reminderWorld(dir.path, new OutboxMailer(dir.path, 'unused@localhost'));
    const clock = new TestClock(new Date('2021-03-17T09:00:00.000Z'));
    const runner = new RemindersRunner(world.store, world.book, world.users as UserDirectory,
      { dataDir: dir.path, redisUrl: redis.url, smtpUrl: smtp.url, mailFrom: 'reminders@rotherham.example', publicUrl: 'http://localhost' }, world.record, quiet, clock);
    const recorded = async (actionId: string) => (await world.store.readStream(actionStream(actionId))).filter((event) => event.type === 'ReminderSent').length;
    try {
      await world.raise('r1', '2.1', 'Mar-21');
      await world.raise('r2', '2.2', 'Mar-21');
      await world.catchUp();
      smtp.refuse = true;
      await runner.start();
      await eventually('deliveries attempted and refused', () => smtp.received.length === 0 && runner.queued !== null, 5_000);
      await new Promise((resolve) => setTimeout(resolve, 1_500));

      await redis.kill();
      await redis.start();
      smtp.refuse = false;

      await eventually('both reminders delivered after Redis came back', async () => {
        await world.catchUp();
        return (await recorded('r1')) === 1 && (await recorded('r2')) === 1;
      }, 30_000);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect([await recorded('r1'), await recorded('r2')]).toEqual([1, 1]);
      expect(smtp.received).toHaveLength(2);
    } finally {
      await runner.stop();
      await redis.kill();
      await smtp.stop();
      await world.store.close();
    }
  });
});
