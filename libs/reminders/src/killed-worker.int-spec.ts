import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { describeWithRedis, eventually, startSmtpServer, tempDir } from '@actionplans/testing';
import { OutboxMailer } from './mailer';
import { QueuedReminders } from './queued-reminders';
import { queuesSettled, reminderWorld, TestClock } from './reminders.fixture';

const WORKER = join(__dirname, '..', '..', 'testing', 'src', 'reminder-worker.ts');
const NOW = '2021-03-17T09:00:00.000Z';

describeWithRedis('a reminder worker killed in the middle of a delivery', (redisUrl) => {
  const dir = tempDir('killed-worker');
  const prefix = `actionplans-kill-${randomUUID()}`;
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const child of children) child.kill('SIGKILL');
    dir.remove();
  });

  const startWorker = async (smtpUrl: string) => {
    const child = spawn(process.execPath, ['--require', 'tsx/cjs', WORKER, join(dir.path, 'events.db'), redisUrl, prefix, smtpUrl, NOW], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.push(child);
    await once(child.stdout, 'data');
    return child;
  };

  it('loses no reminder and records none twice: another worker takes the job up', async () => {
    const smtp = await startSmtpServer();
    const world = await reminderWorld(dir.path, new OutboxMailer(dir.path, 'unused@localhost'));
    const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
    const queued = new QueuedReminders(connection, world.delivery, new TestClock(new Date(NOW)), { warn: () => undefined }, prefix);
    try {
      await world.raise('k1', '2.1', 'Mar-21');
      await world.catchUp();
      smtp.hang = true;
      const first = await startWorker(smtp.url);
      await queued.schedule(['k1']);
      await eventually('the first worker in the middle of handing the reminder over', () => smtp.receiving === 1, 15_000);
      first.kill('SIGKILL');
      await once(first, 'exit');
      smtp.hang = false;

      await startWorker(smtp.url);
      const recorded = async () => (await world.store.readStream('action-k1')).filter((event) => event.type === 'ReminderSent').length;
      await eventually('the reminder delivered by the second worker', async () => (await recorded()) === 1, 30_000);
      // Not delivered twice: once every job queued so far (the one taken over from the killed
      // worker included) has been worked, none is left that could send it again.
      await eventually('the queues worked to the end', () => queuesSettled(queued), 15_000);
      expect(await recorded()).toBe(1);
      expect(smtp.received).toHaveLength(1);
    } finally {
      await queued.stop();
      connection.disconnect();
      await smtp.stop();
      await world.store.close();
    }
  });
});
