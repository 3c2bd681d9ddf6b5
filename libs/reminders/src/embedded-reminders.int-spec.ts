import { actionStream } from '@actionplans/domain';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSmtpServer, tempDir } from '@actionplans/testing';
import { EmbeddedReminders } from './embedded-reminders';
import { OutboxMailer, SmtpMailer } from './mailer';
import { readable, reminderWorld, TestClock } from './reminders.fixture';

const quiet = { warn: () => undefined };

describe('embedded reminders (no Redis): the timer sends what the policy says, when it says, once', () => {
  const dir = tempDir('embedded-reminders');
  const outbox = join(dir.path, 'outbox');
  const clock = new TestClock(new Date('2021-03-01T09:00:00.000Z'));
  let world: Awaited<ReturnType<typeof reminderWorld>>;
  let reminders: EmbeddedReminders;
  const sentOn = async (actionId: string) =>
    (await world.store.readStream(actionStream(actionId)))
      .filter((event) => event.type === 'ReminderSent')
      .map((event) => event.data as { kind: string; rule: string; recipient: string; digestId?: string });
  const at = async (iso: string) => {
    clock.set(iso);
    await world.catchUp();
    return reminders.tick();
  };

  beforeAll(async () => {
    world = await reminderWorld(dir.path, new OutboxMailer(outbox, 'reminders@rotherham.example'));
    await world.raise('a23', '2.3', '31/03/2021');
    await world.raise('a24', '2.4', 'Mar-21');
    reminders = new EmbeddedReminders(world.delivery, clock, quiet);
  });
  afterAll(async () => {
    await world.store.close();
    dir.remove();
  });

  it('sends nothing before anything is due', async () => {
    expect(await at('2021-03-16T09:00:00.000Z')).toBe(0);
  });

  it('reminds the owner 14 days before the target date, month precision falling due at month end, once', async () => {
    expect(await at('2021-03-17T07:59:00.000Z')).toBe(0);
    expect(await at('2021-03-17T08:00:00.000Z')).toBe(2);
    expect(await at('2021-03-17T12:00:00.000Z')).toBe(0);
    expect(await sentOn('a24')).toEqual([
      expect.objectContaining({ kind: 'target date approaching', recipient: world.ownerEmail, rule: '14 days before the target date' }),
    ]);
    // Both reminders are lines of the owner's one digest of the day, each recorded as sent in it.
    const messages = readdirSync(outbox).filter((file) => file.endsWith('.eml'));
    expect(messages).toHaveLength(1);
    const digest = readable(readFileSync(join(outbox, messages[0]), 'utf8'));
    expect(digest).toContain('Subject: 2 action plan reminders for 17 March 2021');
    expect(digest).toContain('- 2.3: Action 2.3');
    expect(digest).toContain('https://actionplans.rotherham.example/app/actions/a23');
    expect(digest).toContain('- 2.4: Action 2.4');
    expect(digest).toContain('Target date: 31 March 2021');
    expect([...(await sentOn('a23')), ...(await sentOn('a24'))].map((sent) => sent.digestId)).toEqual(
      Array(2).fill(`2021-03-17:${world.ownerActor.userId}`),
    );
  });

  it("reschedules when a revised target date is approved: the old date's reminders stop", async () => {
    await world.action(
      'a23',
      world.ownerActor,
      { type: 'RequestTargetDateRevision', revisionId: 'r1', proposed: '30/06/2021', reason: 'Policy 2.2 agreed late' },
      '2021-03-18T09:00:00.000Z',
    );
    await world.action('a23', world.manager, { type: 'ApproveTargetDateRevision', revisionId: 'r1' }, '2021-03-18T10:00:00.000Z');
    expect(await at('2021-03-24T09:00:00.000Z')).toBe(1); // 2.4's 7-day reminder only
    expect(await at('2021-03-30T09:00:00.000Z')).toBe(1); // 2.4's 1-day reminder only
    expect((await sentOn('a23')).map((reminder) => reminder.rule)).toEqual(['14 days before the target date']);
  });

  it('chases the overdue action weekly and escalates to the plan manager after 14 days', async () => {
    const before = (await sentOn('a24')).length;
    expect(await at('2021-04-07T09:00:00.000Z')).toBe(1);
    expect(await at('2021-04-14T09:00:00.000Z')).toBe(2);
    const chased = (await sentOn('a24')).slice(before).map(({ kind, recipient }) => `${kind} to ${recipient}`);
    expect(chased.sort()).toEqual([
      `escalation to ${world.managerEmail}`,
      `overdue to ${world.ownerEmail}`,
      `overdue to ${world.ownerEmail}`,
    ]);
  });

  it('reminds before the revised date', async () => {
    const before = (await sentOn('a23')).length;
    await at('2021-06-16T09:00:00.000Z');
    expect((await sentOn('a23')).slice(before)).toEqual([
      expect.objectContaining({ kind: 'target date approaching', rule: '14 days before the target date' }),
    ]);
  });

  it('stops reminding once the action is signed off', async () => {
    await world.action(
      'a23',
      world.ownerActor,
      {
        type: 'AttachEvidence',
        evidenceId: 'e1',
        title: 'Registers',
        kind: 'document',
        link: 'https://example.org/e1',
        facts: { file: null },
      },
      '2021-06-20T09:00:00.000Z',
    );
    await world.action('a23', world.ownerActor, { type: 'SubmitForSignOff', evidenceIds: ['e1'] }, '2021-06-20T09:00:00.000Z');
    await world.action(
      'a23',
      { userId: 'evidence-panel', role: 'system' },
      { type: 'RecordPanelOutcome', panelId: 'x', decisionId: 'd1', outcome: 'signed off', rationale: 'Seen' },
      '2021-06-21T09:00:00.000Z',
    );
    const before = (await sentOn('a23')).length;
    await at('2021-06-29T09:00:00.000Z');
    await at('2021-07-15T09:00:00.000Z');
    expect(await sentOn('a23')).toHaveLength(before);
  });
});

describe('embedded reminders through SMTP', () => {
  const dir = tempDir('embedded-smtp');
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  afterAll(async () => {
    await smtp?.stop();
    dir.remove();
  });

  it('records nothing while the mail server refuses, and sends once when it takes mail again', async () => {
    smtp = await startSmtpServer();
    const world = await reminderWorld(dir.path, new SmtpMailer(smtp.url, 'reminders@rotherham.example'));
    await world.raise('a25', '2.5', 'Mar-21');
    const clock = new TestClock(new Date('2021-03-17T09:00:00.000Z'));
    const reminders = new EmbeddedReminders(world.delivery, clock, quiet);
    await world.catchUp();
    smtp.refuse = true;
    expect(await reminders.tick()).toBe(0);
    await world.catchUp();
    expect((await world.store.readStream('action-a25')).filter((event) => event.type === 'ReminderSent')).toHaveLength(0);
    smtp.refuse = false;
    expect(await reminders.tick()).toBe(1);
    await world.catchUp();
    expect(await reminders.tick()).toBe(0);
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0].subject).toBe('Action 2.5 is due on 31 March 2021');
    expect(smtp.received[0].raw).toContain('https://actionplans.rotherham.example/app/actions/a25');

    // A restart: a new book built from the log sends nothing again.
    const restarted = await reminderWorldFromLog(world);
    expect(await new EmbeddedReminders(restarted.delivery, clock, quiet).tick()).toBe(0);
    await world.store.close();
  });
});

async function reminderWorldFromLog(world: Awaited<ReturnType<typeof reminderWorld>>) {
  const { ReminderBook } = await import('./reminder-book');
  const { ReminderDelivery } = await import('./reminder-delivery');
  const { UserDirectory } = await import('@actionplans/auth');
  const book = new ReminderBook();
  const users = new UserDirectory();
  for (const event of await world.store.readAll(0, 100_000)) {
    book.apply(event);
    users.apply(event);
  }
  return {
    book,
    delivery: new ReminderDelivery(
      world.store,
      book,
      users,
      { send: () => Promise.reject(new Error('must not send')), close: async () => {} },
      'x',
      () => Promise.reject(new Error('must not record')),
    ),
  };
}
