import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMAND_LINE } from '@actionplans/auth';
import { acting, addUser } from '@actionplans/commands';
import { actionDecider, actionStream, readEffective, type Actor, type Effective } from '@actionplans/domain';
import { tempDir } from '@actionplans/testing';
import { EmbeddedReminders } from './embedded-reminders';
import { OutboxMailer } from './mailer';
import { readable, reminderWorld, TestClock } from './reminders.fixture';

const SETTLE_MS = 60_000;
const DAY_MS = 86_400_000;
const quiet = { warn: () => undefined };
const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00.000Z`) / DAY_MS;
const isoDay = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);
const panel: Actor = { userId: 'evidence-panel', role: 'system' };

/**
 * A plan entered with its past: 30 actions overdue since 2022, owned by three people, built as a
 * draft and then activated. The clock runs from the real time, as `recordedAt` does.
 */
describe('a plan full of past target dates: nothing while draft, then one digest per person, nothing about what its history settles', () => {
  const dir = tempDir('digest-backlog');
  const outbox = join(dir.path, 'outbox');
  const started = Date.now();
  const clock = new TestClock(new Date(started));
  const today = new Date(started).toISOString().slice(0, 10);
  let world: Awaited<ReturnType<typeof reminderWorld>>;
  let reminders: EmbeddedReminders;
  const owners: Array<{ userId: string; email: string }> = [];
  const actionIds = Array.from({ length: 30 }, (_, i) => `b${i + 1}`);
  const ownerOf = (actionId: string) => owners[(Number(actionId.slice(1)) - 1) % 3];

  const messages = () =>
    (existsSync(outbox) ? readdirSync(outbox).filter((file) => file.endsWith('.eml')) : []).map((file) =>
      readable(readFileSync(join(outbox, file), 'utf8')),
    );
  const digestTo = (email: string) => messages().filter((message) => message.includes(`To: ${email}\n`));
  const referencesIn = (message: string) => [...message.matchAll(/^- (1\.\d+):/gm)].map((match) => match[1]).sort();
  const sentOn = async (actionId: string) =>
    (await world.store.readStream(actionStream(actionId)))
      .filter((event) => event.type === 'ReminderSent')
      .map((event) => event.data as { key: string; recipient: string; digestId?: string });
  const tickAt = async (ms: number) => {
    clock.set(new Date(ms).toISOString());
    await world.catchUp();
    return reminders.tick();
  };
  const signOff = async (actionId: string) => {
    const now = new Date().toISOString();
    const owner: Actor = { userId: ownerOf(actionId).userId, role: 'action owner' };
    const evidence = { type: 'AttachEvidence', evidenceId: `${actionId}-e`, title: 'Minutes', kind: 'document' } as const;
    await world.action(actionId, owner, { ...evidence, link: 'https://example.org/m', facts: { file: null } }, now);
    await world.action(actionId, owner, { type: 'SubmitForSignOff', evidenceIds: [`${actionId}-e`] }, now);
    const outcome = { type: 'RecordPanelOutcome', panelId: 'ecp', decisionId: `d-${actionId}` } as const;
    await world.action(actionId, panel, { ...outcome, outcome: 'signed off', rationale: 'Seen' }, now);
  };
  /** What an import stores for a row the paper calls complete: a sign-off proposed from the paper (ADR 33), waiting for a second officer. */
  const signedOffOnPaper = (actionId: string) => {
    const now = new Date().toISOString();
    const source = 'Youth Justice Board action plan, version 0.9';
    const context = { actor: world.manager, now, effective: readEffective(now, source) as Effective };
    return world.runner.run(actionId, actionStream(actionId), actionDecider, context, () => ({
      type: 'RecordSignOffFromPaper' as const,
      source,
    }));
  };
  /** Settled before the plan went live, as an import stores them: a paper's sign-off and a duplicate. */
  const settledInTheImport = ['b3', 'b4'];
  /** Settled after the book last read the log: only the history read at send time knows. */
  const settledAtSendTime = ['b1', 'b2', 'b6'];
  const open = actionIds.filter((actionId) => !settledInTheImport.includes(actionId) && !settledAtSendTime.includes(actionId));

  beforeAll(async () => {
    world = await reminderWorld(dir.path, new OutboxMailer(outbox, 'reminders@rotherham.example'), {
      draft: true,
      settleMs: SETTLE_MS,
      // Recorded on the system clock, which this test's clock follows.
      clock: { now: () => new Date() },
    });
    owners.push({ userId: world.ownerActor.userId, email: world.ownerEmail });
    for (const name of ['YOS Manager', 'Head of Service']) {
      const email = `${name.toLowerCase().replace(/ /g, '.')}@rotherham.example`;
      owners.push({ userId: (await addUser(world.runner, { name, role: 'action owner', email }, acting(COMMAND_LINE))).userId, email });
    }
    // Weekly from early 2022, each 3 days off its weekly chase day, so tomorrow owes no new chase.
    const latest = Math.floor((dayNumber(today) - dayNumber('2022-01-10') - 3) / 7);
    for (const [i, actionId] of actionIds.entries()) {
      const due = isoDay(dayNumber(today) - 3 - 7 * (latest - i));
      await world.action(actionId, world.manager, {
        type: 'RaiseAction',
        actionId,
        planId: 'p1',
        groupingId: 'r2',
        references: [`1.${i + 1}`],
        description: `Action 1.${i + 1} of the 2022 plan`,
        targetDate: due.split('-').reverse().join('/'),
        leadOwners: [{ kind: 'person', name: 'Owner', userId: ownerOf(actionId).userId }],
        facts: { plan: await world.planState(), unknownUsers: [] },
      });
    }
    await signedOffOnPaper('b3');
    const duplicate = {
      type: 'LinkAction',
      actionId: 'b4',
      kind: 'duplicate of',
      targetActionId: 'b5',
      facts: { targetExists: true },
    } as const;
    await world.action('b4', world.manager, duplicate, new Date().toISOString());
    reminders = new EmbeddedReminders(world.delivery, clock, quiet);
  });
  afterAll(async () => {
    await world.store.close();
    dir.remove();
  });

  it('sends nothing while the plan is a draft, however long overdue its actions are', async () => {
    expect(await tickAt(started)).toBe(0);
    expect(await tickAt(started + 2 * DAY_MS)).toBe(0);
    expect(messages()).toEqual([]);
  });

  it('sends no burst on activation, nor about an action signed off a second later', async () => {
    await world.plan(
      { type: 'ActivatePlan', submittedTo: 'Youth Justice Board', submittedOn: '2022-01-11' },
      new Date(Date.now()).toISOString(),
    );
    expect(await tickAt(Date.now())).toBe(0);
    await signOff('b1');
    expect(await tickAt(Date.now())).toBe(0);
    expect(messages()).toEqual([]);
  });

  it('then sends each person one digest listing every line owed to them, none about an action its history settles', async () => {
    await signOff('b2');
    await signedOffOnPaper('b6');
    // Once settled, and not before 08:00 UTC, when a day's reminders go (the backlog's day is the day it went live).
    clock.set(new Date(Math.max(Date.now() + SETTLE_MS + 1_000, Date.parse(`${today}T08:00:01.000Z`))).toISOString());
    expect(await reminders.tick()).toBe(open.length);
    expect(messages()).toHaveLength(3);
    for (const owner of owners) {
      const [digest, ...more] = digestTo(owner.email);
      expect(more).toEqual([]);
      const theirs = open.filter((actionId) => ownerOf(actionId) === owner);
      expect(referencesIn(digest)).toEqual(theirs.map((actionId) => `1.${actionId.slice(1)}`).sort());
      expect(digest).toContain('YOT HMIP Inspection Action Plan');
      expect(digest).toContain(`https://actionplans.rotherham.example/app/actions/${theirs[0]}`);
      expect(digest).toContain(`overdue when the plan went live on ${today}`);
      expect(digest).toMatch(new RegExp(`Overdue: action 1\\.${theirs[0].slice(1)} was due on \\d+ \\w+ 2022`));
    }
    // What was overdue before the plan went live is not escalated at once: the plan manager brought it in.
    expect(digestTo(world.managerEmail)).toEqual([]);
  });

  it('records one ReminderSent per action and person, naming the digest, and none for the settled actions', async () => {
    for (const settled of [...settledInTheImport, ...settledAtSendTime]) expect(await sentOn(settled)).toEqual([]);
    const sentDay = clock.now().toISOString().slice(0, 10);
    for (const actionId of open) {
      expect((await sentOn(actionId)).map(({ recipient, digestId }) => [recipient, digestId]).sort()).toEqual(
        [[ownerOf(actionId).email, `${sentDay}:${ownerOf(actionId).userId}`]].sort(),
      );
    }
  });

  it('sends nothing again later that day or the next: nothing new is owed, and nothing is sent twice', async () => {
    expect(await tickAt(clock.now().getTime() + 60_000)).toBe(0);
    expect(await tickAt(clock.now().getTime() + DAY_MS)).toBe(0);
    expect(messages()).toHaveLength(3);
    const keys = (await Promise.all(actionIds.map(sentOn))).flat().map(({ key, recipient }) => `${key} ${recipient}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('escalates what is still overdue a fortnight after the plan went live, in one digest to the plan manager', async () => {
    expect(await tickAt(clock.now().getTime() + 14 * DAY_MS)).toBe(2 * open.length);
    const [escalations, ...more] = digestTo(world.managerEmail);
    expect(more).toEqual([]);
    expect(referencesIn(escalations)).toEqual(open.map((actionId) => `1.${actionId.slice(1)}`).sort());
    expect(escalations).toContain(`still overdue 14 days after the plan went live on ${today}`);
  });
});
