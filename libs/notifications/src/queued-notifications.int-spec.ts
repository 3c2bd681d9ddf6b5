import { randomBytes, randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { notificationChannelDecider, notificationChannelStream } from '@actionplans/domain';
import { openReadModelDb, type ReadModelDb } from '@actionplans/read-models';
import { describeWithRedis, eventually, receiver, tempDir } from '@actionplans/testing';
import type { Mailer } from '../../reminders/src/mailer';
import { reminderWorld } from '../../reminders/src/reminders.fixture';
import { Notifications } from './notifications';
import { QueuedNotifications } from './queued-notifications';

describeWithRedis('notifications on BullMQ and Redis', (redisUrl) => {
  const dir = tempDir('queued-notifications');
  const prefix = `actionplans-test-${randomUUID()}`;
  const lines: string[] = [];
  const logger = { log: (line: string) => void lines.push(line), warn: (line: string) => void lines.push(line) };
  const connections: Redis[] = [];
  const running: QueuedNotifications[] = [];
  let readModels: ReadModelDb;
  let world: Awaited<ReturnType<typeof reminderWorld>>;
  let notifications: Notifications;
  let hook: Awaited<ReturnType<typeof receiver>>;

  /** A worker process: its own connection to Redis, the same queue. */
  const worker = async () => {
    const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
    connections.push(connection);
    const queued = new QueuedNotifications(connection, notifications.log, notifications.sender!, logger, prefix);
    running.push(queued);
    await queued.start(4);
    return queued;
  };

  beforeAll(async () => {
    world = await reminderWorld(dir.path, {} as Mailer);
    readModels = await openReadModelDb({ dialect: 'sqlite', dataDir: dir.path });
    notifications = new Notifications(
      world.store,
      readModels,
      { secretKey: randomBytes(32).toString('hex'), publicUrl: 'https://actionplans.rotherham.example', maxAttempts: 4, retryBaseMs: 100 },
      logger,
    );
    hook = await receiver([503, 500, 200]);
    const box = notifications.box!;
    const url = hook.url('queued-token');
    await world.runner.run(
      'p1',
      notificationChannelStream('p1'),
      notificationChannelDecider,
      { actor: world.manager, now: new Date().toISOString() },
      () => ({
        type: 'AddNotificationChannel' as const,
        planId: 'p1',
        channelId: 'ch-hook',
        kind: 'webhook' as const,
        name: 'Case system',
        url,
        triggers: ['sign-off' as const],
        signingSecret: 'queued-signing-secret-01',
        facts: {
          planExists: true,
          allowHttpLoopback: true,
          sealingConfigured: true,
          sealedAddress: box.seal(url),
          sealedSecret: box.seal('queued-signing-secret-01'),
        },
      }),
    );
  });

  afterAll(async () => {
    for (const queued of running) await queued.stop();
    for (const connection of connections) connection.disconnect();
    await hook.close();
    await readModels.close();
    await world.store.close();
    dir.remove();
  });

  it('retries with exponential backoff on BullMQ, sends once however many workers queue it, and logs every attempt', async () => {
    const [one, two] = [await worker(), await worker()];
    const notice = {
      trigger: 'sign-off' as const,
      type: 'SignOffRecordedFromPaper',
      planId: 'p1',
      title: 'Signed off: 2.1',
      summary: 'From the minutes',
      facts: [],
      link: 'https://x/app/actions/a1',
    };
    const event = {
      id: 'e1',
      type: notice.type,
      stream: 'action-a1',
      position: 1,
      occurredAt: '2021-01-20T00:00:00.000Z',
      recordedAt: '2021-02-01T00:00:00.000Z',
      data: {},
    };
    const { deliveryId } = await notifications.log.add(
      { planId: 'p1', channelId: 'ch-hook', channelKind: 'webhook', eventKey: 'e1', notice, event },
      new Date(),
    );
    await Promise.all([one.enqueue([deliveryId]), two.enqueue([deliveryId]), one.resume()]);
    await eventually('delivered on its third attempt', async () => (await notifications.log.get(deliveryId))?.status === 'delivered');
    const [delivery] = await notifications.deliveries('p1');
    expect(delivery.attemptLog.map(({ statusCode, outcome }) => [statusCode, outcome])).toEqual([
      [503, 'will retry'],
      [500, 'will retry'],
      [200, 'delivered'],
    ]);
    const [first, second, third] = delivery.attemptLog;
    // BullMQ's exponential backoff: 100 ms, then 200 ms, as each attempt's next retry said.
    expect(Date.parse(first.nextRetryAt!) - Date.parse(first.attemptedAt)).toBe(100);
    expect(Date.parse(second.nextRetryAt!) - Date.parse(second.attemptedAt)).toBe(200);
    expect(Date.parse(second.attemptedAt)).toBeGreaterThanOrEqual(Date.parse(first.attemptedAt) + 100);
    expect(Date.parse(third.attemptedAt)).toBeGreaterThanOrEqual(Date.parse(second.attemptedAt) + 200);
    expect(hook.received).toHaveLength(3);
    expect(lines.join('\n')).not.toContain('queued-token');
  });
});
