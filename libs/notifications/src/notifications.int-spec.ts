import { createHmac, randomBytes } from 'node:crypto';
import {
  actionStream,
  notificationChannelDecider,
  notificationChannelStream,
  readEffective,
  actionDecider,
  type Effective,
  type NotificationChannelCommand,
  type CommandWithFacts,
} from '@actionplans/domain';
import { SqliteEventStore } from '@actionplans/event-store';
import { openReadModelDb, type ReadModelDb } from '@actionplans/read-models';
import { eventually, receiver, tempDir } from '@actionplans/testing';
import type { Mailer } from '../../reminders/src/mailer';
import { reminderWorld, TestClock } from '../../reminders/src/reminders.fixture';
import { EmbeddedNotifications } from './embedded-notifications';
import { NotificationsProcess } from './notifications-process';
import { Notifications } from './notifications';

// Three partners of the YOT plan hear of its sign-offs: a Teams channel, a Slack channel and the
// police's case system through a webhook. Each receiver refuses the first request (500), then takes it.
const key = randomBytes(32).toString('base64');
const hookSecret = 'whsec-south-yorkshire-police-0001';
const planId = 'p1';

describe('notifications delivered to Teams, Slack and a webhook', () => {
  const dir = tempDir('notifications');
  const clock = new TestClock(new Date('2021-01-04T09:00:00.000Z'));
  const lines: string[] = [];
  const logger = { log: (line: string) => void lines.push(line), warn: (line: string) => void lines.push(line) };
  let readModels: ReadModelDb;
  let world: Awaited<ReturnType<typeof reminderWorld>>;
  let notifications: Notifications;
  let embedded: EmbeddedNotifications;
  let process: NotificationsProcess;
  const receivers: Array<Awaited<ReturnType<typeof receiver>>> = [];

  const addChannel = async (
    channelId: string,
    command: Omit<
      Extract<NotificationChannelCommand, { type: 'AddNotificationChannel' }>,
      'type' | 'actor' | 'now' | 'facts' | 'channelId' | 'planId'
    >,
  ) => {
    const box = notifications.box!;
    const body: CommandWithFacts<NotificationChannelCommand> = {
      type: 'AddNotificationChannel',
      planId,
      channelId,
      ...command,
      facts: {
        planExists: true,
        allowHttpLoopback: true,
        sealingConfigured: true,
        sealedAddress: box.seal(command.url),
        sealedSecret: command.signingSecret ? box.seal(command.signingSecret) : null,
      },
    };
    await world.runner.run(
      planId,
      notificationChannelStream(planId),
      notificationChannelDecider,
      { actor: world.manager, now: clock.now().toISOString() },
      () => body,
    );
  };
  const readLog = async () => {
    for (const event of await world.store.readAll(0, 100_000)) await process.subscriber.handle!([event]);
  };

  /** Proposed by the plan manager and confirmed by a second (ADR 33): only then is the action signed off, and told. */
  const signOffFromPaper = async (actionId: string, day: string) => {
    await world.runner.run(
      actionId,
      actionStream(actionId),
      actionDecider,
      { actor: world.manager, now: clock.now().toISOString(), effective: readEffective(day, `minutes of ${day}`) as Effective },
      () => ({ type: 'RecordSignOffFromPaper' as const, source: `minutes of ${day}` }),
    );
    return world.runner.run(
      actionId,
      actionStream(actionId),
      actionDecider,
      { actor: { userId: 'u-second-manager', role: 'plan manager' }, now: clock.now().toISOString() },
      () => ({ type: 'ConfirmSignOff' as const, facts: { submittedBy: null } }),
    );
  };

  beforeAll(async () => {
    world = await reminderWorld(dir.path, {} as Mailer, { clock });
    readModels = await openReadModelDb({ dialect: 'sqlite', dataDir: dir.path });
    notifications = new Notifications(
      world.store,
      readModels,
      { secretKey: key, publicUrl: 'https://actionplans.rotherham.example', retryBaseMs: 50, maxAttempts: 3, timeoutMs: 2_000 },
      logger,
    );
    process = new NotificationsProcess(
      world.store as SqliteEventStore,
      notifications.subjects,
      notifications.log,
      'https://actionplans.rotherham.example',
      () => embedded.kick(),
      () => clock.now(),
    );
    embedded = new EmbeddedNotifications(notifications.log, notifications.sender!, logger, 20);
    for (const script of [
      [500, 200],
      [500, 200],
      [500, 200],
      [500, 500, 500, 500],
    ])
      receivers.push(await receiver(script));
    const [teams, slack, hook, broken] = receivers;
    await addChannel('ch-teams', { kind: 'teams', name: 'YJS partnership', url: teams.url('teams-token-1'), triggers: ['sign-off'] });
    await addChannel('ch-slack', {
      kind: 'slack',
      name: 'yot-board',
      url: slack.url('T000/B000/slack-token-2'),
      triggers: ['sign-off', 'overdue'],
    });
    await addChannel('ch-hook', {
      kind: 'webhook',
      name: 'SYP case system',
      url: hook.url('hook-token-3'),
      triggers: ['sign-off'],
      signingSecret: hookSecret,
    });
    await addChannel('ch-broken', {
      kind: 'webhook',
      name: 'Retired system',
      url: broken.url('broken-token-4'),
      triggers: ['sign-off'],
      signingSecret: hookSecret,
    });
    await world.raise('a1', '2.1', '31/12/2020');
    clock.set('2021-02-01T10:00:00.000Z');
    await signOffFromPaper('a1', '2021-01-20');
    await readLog();
    embedded.start();
    await eventually('every delivery settled', async () =>
      (await notifications.deliveries(planId)).every((one) => one.status !== 'pending'),
    );
  });

  afterAll(async () => {
    await embedded.stop();
    for (const one of receivers) await one.close();
    await readModels.close();
    await world.store.close();
    dir.remove();
  });

  it('retries a refused delivery with backoff, and the log shows both attempts with their status codes', async () => {
    const [teams] = await notifications.deliveries(planId, { channelId: 'ch-teams' });
    expect(teams).toMatchObject({ status: 'delivered', attempts: 2, eventType: 'SignOffRecordedFromPaper', trigger: 'sign-off' });
    expect(teams.attemptLog.map(({ statusCode, outcome }) => ({ statusCode, outcome }))).toEqual([
      { statusCode: 500, outcome: 'will retry' },
      { statusCode: 200, outcome: 'delivered' },
    ]);
    const [first, second] = teams.attemptLog;
    expect(Date.parse(first.nextRetryAt!)).toBe(Date.parse(first.attemptedAt) + 50);
    expect(Date.parse(second.attemptedAt)).toBeGreaterThanOrEqual(Date.parse(first.nextRetryAt!));
    expect(receivers[0].received).toHaveLength(2);
  });

  it('gives up after the attempts allowed and marks the delivery failed', async () => {
    const [broken] = await notifications.deliveries(planId, { channelId: 'ch-broken' });
    expect(broken).toMatchObject({ status: 'failed', attempts: 3, lastStatusCode: 500 });
    expect(broken.attemptLog.map((attempt) => attempt.outcome)).toEqual(['will retry', 'will retry', 'failed']);
    expect(broken.attemptLog[2].nextRetryAt).toBeNull();
    expect((await notifications.deliveries(planId, { status: 'failed' })).map((one) => one.channelId)).toEqual(['ch-broken']);
  });

  it('posts Teams an Adaptive Card inside a message envelope', () => {
    const message = JSON.parse(receivers[0].received[1].body);
    expect(message.type).toBe('message');
    expect(message.attachments).toHaveLength(1);
    expect(message.attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
    const card = message.attachments[0].content;
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.4' });
    expect(card.body[0].text).toBe('Signed off: 2.1: Action 2.1');
    expect(card.body[2].facts).toContainEqual({ title: 'Plan', value: 'YOT HMIP Inspection Action Plan' });
    expect(card.actions[0].url).toMatch(/^https:\/\/actionplans\.rotherham\.example\/app\/actions\/a1$/);
  });

  it('posts Slack a text and blocks', () => {
    const message = JSON.parse(receivers[1].received[1].body);
    expect(message.text).toContain('Signed off: 2.1: Action 2.1');
    expect(message.blocks.map((block: { type: string }) => block.type)).toEqual(['header', 'section', 'section', 'actions']);
    expect(message.blocks[1].text.text).toContain('minutes of 2021-01-20');
  });

  it('signs a webhook body with HMAC-SHA256 over its timestamp and raw body, which the receiver can verify', () => {
    const { headers, body } = receivers[2].received[1];
    const timestamp = headers['x-actionplans-timestamp'] as string;
    const expected = `sha256=${createHmac('sha256', hookSecret).update(`${timestamp}.${body}`).digest('hex')}`;
    expect(headers['x-actionplans-signature']).toBe(expected);
    expect(Math.abs(Date.now() / 1000 - Number(timestamp))).toBeLessThan(60);
    const tampered = `sha256=${createHmac('sha256', hookSecret)
      .update(`${timestamp}.${body.replace('a1', 'a2')}`)
      .digest('hex')}`;
    expect(tampered).not.toBe(expected);
    const sent = JSON.parse(body);
    expect(sent.event).toMatchObject({ type: 'SignOffRecordedFromPaper', stream: 'action-a1', data: { source: 'minutes of 2021-01-20' } });
    expect(sent.deliveryId).toBe(headers['x-actionplans-delivery']);
    // The same delivery retried carries the same id, so the receiver can tell a repeat.
    expect(receivers[2].received[0].headers['x-actionplans-delivery']).toBe(headers['x-actionplans-delivery']);
  });

  it('tells nobody twice when the log is read again after a restart', async () => {
    const before = receivers.map((one) => one.received.length);
    const again = new NotificationsProcess(world.store as SqliteEventStore, notifications.subjects, notifications.log, 'x', () =>
      embedded.kick(),
    );
    await again.subscriber.handle!(await world.store.readAll(0, 100_000));
    await embedded.sweep();
    expect(receivers.map((one) => one.received.length)).toEqual(before);
    expect(await notifications.deliveries(planId)).toHaveLength(4);
  });

  it('tells the channels that asked of an action newly overdue, once per target date', async () => {
    await world.raise('a2', '2.2', '15/01/2021');
    await world.catchUp();
    clock.set('2021-02-02T10:00:00.000Z');
    const added = await process.overdue(world.book);
    expect(added).toHaveLength(1);
    expect(await process.overdue(world.book)).toEqual([]);
    await embedded.sweep();
    const [slack] = await notifications.deliveries(planId, { channelId: 'ch-slack' });
    expect(slack).toMatchObject({ eventType: 'ActionBecameOverdue', trigger: 'overdue' });
    await eventually('overdue delivered', async () => (await notifications.log.get(slack.deliveryId))?.status === 'delivered');
    expect(JSON.parse(receivers[1].received.at(-1)!.body).text).toContain('Overdue: 2.2: Action 2.2');
  });

  it('never writes an address or a secret in the log lines, the delivery log or the stored events', async () => {
    const tokens = ['teams-token-1', 'slack-token-2', 'hook-token-3', hookSecret];
    const stored = JSON.stringify(await world.store.readAll(0, 100_000));
    const logged = JSON.stringify(await notifications.deliveries(planId));
    for (const token of tokens) {
      expect(lines.join('\n')).not.toContain(token);
      expect(stored).not.toContain(token);
      expect(logged).not.toContain(token);
    }
    expect(lines.some((line) => /delivered/.test(line))).toBe(true);
    expect((await notifications.channels(planId)).map((one) => one.address)).toContain(
      `http://${new URL(receivers[0].url('x')).host}/…/en-1`,
    );
  });
});
