import { actionStream } from '@actionplans/domain';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { describeWithRedis, eventually, startSmtpServer, tempDir } from '@actionplans/testing';
import { EmbeddedReminders } from './embedded-reminders';
import { SmtpMailer } from './mailer';
import { QueuedReminders } from './queued-reminders';
import { readable, reminderWorld, TestClock } from './reminders.fixture';

const quiet = { warn: () => undefined };
type Sent = { kind: string; rule: string; recipient: string; aboutTargetDate: string | null };

/**
 * Before each evidence panel meeting and each board date set on the plan, every owner of an open
 * action is asked for an update (7 days before by default), whatever the action's target date,
 * through the same runners that send the deadline reminders.
 */
async function meetingWorld(path: string, mailer: SmtpMailer) {
  const world = await reminderWorld(path, mailer);
  await world.raise('u1', '2.1', 'Dec-21'); // far off: no deadline reminder in March
  await world.raise('u2', 'ongoing', 'Ongoing'); // no deadline at all
  await world.raise('u3', '2.3', 'Dec-21');
  await world.panel('ecp-1', {
    type: 'SchedulePanel',
    panelId: 'ecp-1',
    planId: 'p1',
    title: 'Evidence challenge panel',
    date: '2021-03-10',
    chair: 'u-chair',
    members: [],
    facts: { planExists: true, unknownUsers: [], people: [{ userId: 'u-chair', role: 'panel member', disabled: false }] },
  });
  await world.plan({ type: 'AmendPlan', boardDates: ['2021-05-12'], reason: 'Improvement Board dates for 2021' });
  return world;
}

describe('update requests before panel meetings and board dates, on the embedded timer', () => {
  const dir = tempDir('update-requests');
  const clock = new TestClock(new Date('2021-02-01T09:00:00.000Z'));
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let world: Awaited<ReturnType<typeof meetingWorld>>;
  let reminders: EmbeddedReminders;
  const sentOn = async (actionId: string) =>
    (await world.store.readStream(actionStream(actionId)))
      .filter((event) => event.type === 'ReminderSent')
      .map((event) => event.data as Sent);
  const at = async (iso: string) => {
    clock.set(iso);
    await world.catchUp();
    return reminders.tick();
  };

  beforeAll(async () => {
    smtp = await startSmtpServer();
    world = await meetingWorld(dir.path, new SmtpMailer(smtp.url, 'reminders@rotherham.example'));
    reminders = new EmbeddedReminders(world.delivery, clock, quiet);
  });
  afterAll(async () => {
    await smtp.stop();
    await world.store.close();
    dir.remove();
  });

  it('asks nothing until seven days before the panel meeting, then asks the owner of every open action once', async () => {
    expect(await at('2021-03-02T09:00:00.000Z')).toBe(0);
    expect(await at('2021-03-03T07:59:00.000Z')).toBe(0);
    expect(await at('2021-03-03T08:00:00.000Z')).toBe(3);
    expect(await at('2021-03-05T09:00:00.000Z')).toBe(0);
    for (const actionId of ['u1', 'u2', 'u3']) {
      expect(await sentOn(actionId)).toEqual([
        {
          kind: 'update request',
          rule: 'update before panel meeting on 2021-03-10',
          recipient: world.ownerEmail,
          aboutTargetDate: null,
          key: expect.any(String),
          digestId: `2021-03-03:${world.ownerActor.userId}`,
        },
      ]);
    }
    // One digest for the owner, a line per action.
    expect(smtp.received.map((mail) => mail.subject)).toEqual(['3 action plan reminders for 3 March 2021']);
    const digest = readable(smtp.received[0].raw);
    for (const reference of ['2.1', '2.3', 'ongoing'])
      expect(digest).toContain(`Update requested: action ${reference}, before the evidence panel meeting on 10 March 2021`);
  });

  it('does not ask the owner of an action already submitted for sign-off', async () => {
    await world.action(
      'u3',
      world.ownerActor,
      { type: 'AttachEvidence', evidenceId: 'e1', title: 'Audit', kind: 'document', link: 'https://example.org/e1', facts: { file: null } },
      '2021-04-01T09:00:00.000Z',
    );
    await world.action('u3', world.ownerActor, { type: 'SubmitForSignOff', evidenceIds: ['e1'] }, '2021-04-01T09:00:00.000Z');
    expect(await at('2021-05-05T08:00:00.000Z')).toBe(2);
    expect((await sentOn('u1')).map((sent) => sent.rule)).toEqual([
      'update before panel meeting on 2021-03-10',
      'update before board meeting on 2021-05-12',
    ]);
    expect((await sentOn('u3')).map((sent) => sent.rule)).toEqual(['update before panel meeting on 2021-03-10']);
    expect(smtp.received.at(-1)!.subject).toBe('2 action plan reminders for 5 May 2021');
    expect(readable(smtp.received.at(-1)!.raw)).toMatch(/Update requested: action 2\.1, before the board meeting on 12 May 2021/);
  });

  it('asks again before a board date added later, and not for one that has passed', async () => {
    await world.plan(
      { type: 'AmendPlan', boardDates: ['2021-05-12', '2021-07-14'], reason: 'July board added' },
      '2021-06-01T09:00:00.000Z',
    );
    expect(await at('2021-07-06T09:00:00.000Z')).toBe(0);
    expect(await at('2021-07-07T09:00:00.000Z')).toBe(2);
    expect(await at('2021-07-08T09:00:00.000Z')).toBe(0);
    expect((await sentOn('u2')).map((sent) => sent.rule).at(-1)).toBe('update before board meeting on 2021-07-14');
  });
});

describeWithRedis('update requests before meetings, on BullMQ', (redisUrl) => {
  const dir = tempDir('update-requests-queued');
  const clock = new TestClock(new Date('2021-02-01T09:00:00.000Z'));
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let world: Awaited<ReturnType<typeof meetingWorld>>;
  let redis: Redis;
  let reminders: QueuedReminders;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    world = await meetingWorld(dir.path, new SmtpMailer(smtp.url, 'reminders@rotherham.example'));
    redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
    reminders = new QueuedReminders(redis, world.delivery, clock, quiet, `actionplans-test-${randomUUID()}`);
    await world.catchUp();
    await reminders.start(4);
  });
  afterAll(async () => {
    await reminders.stop();
    redis.disconnect();
    await smtp.stop();
    await world.store.close();
    dir.remove();
  });

  it("queues the owner's digest as one job delayed to 08:00 seven days before the meeting, and delivers it when it falls due", async () => {
    await reminders.schedule();
    const delayed = await reminders.queues[1].getDelayed();
    // Queued when the clock read 1 February 09:00: the three requests are lines of one digest.
    // (The plan manager's is for the escalations in January 2022.)
    expect(delayed.map((job) => [job.name, job.data.userId, job.opts.delay]).sort()).toEqual([
      ['digest', world.ownerActor.userId, Date.parse('2021-03-03T08:00:00.000Z') - Date.parse('2021-02-01T09:00:00.000Z')],
      ['digest', world.manager.userId, Date.parse('2022-01-14T08:00:00.000Z') - Date.parse('2021-02-01T09:00:00.000Z')],
    ]);

    clock.set('2021-03-03T08:00:00.000Z');
    await reminders.queues[1].promoteJobs();
    const requested = async () =>
      (await Promise.all(['u1', 'u2', 'u3'].map((actionId) => world.store.readStream(actionStream(actionId)))))
        .flat()
        .filter((event) => event.type === 'ReminderSent')
        .map((event) => (event.data as Sent).rule);
    await eventually('three update requests recorded', async () => (await requested()).length === 3);
    expect(await requested()).toEqual(Array(3).fill('update before panel meeting on 2021-03-10'));
    expect(smtp.received.map((mail) => mail.subject)).toEqual(['3 action plan reminders for 3 March 2021']);
  });
});
