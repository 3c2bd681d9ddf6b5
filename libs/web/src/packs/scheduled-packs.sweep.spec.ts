import type { IssuedPack, PlanEntry } from '@actionplans/read-models';
import type { ReminderMail } from '@actionplans/reminders';
import { ScheduledPacks } from './scheduled-packs';

/**
 * The sweep's choices, with the register, mail and clock as fakes: what it sends, what it leaves to
 * another process or to a person, and when it tries again. The e2e spec drives the real thing.
 */
const HASH = 'ab'.repeat(32);
const plan: PlanEntry = {
  planId: 'p1',
  title: 'YOT HMIP Inspection Action Plan',
  actionIds: [],
  panelIds: [],
  reminderPolicy: { beforeDays: [14, 7, 1], chaseEveryDays: 7, escalateAfterDays: 14, updateRequestDaysBefore: 14 },
  boardDates: ['2022-06-14'],
  measureIds: [],
  stage: 'active',
  packSchedule: { daysBefore: 7, board: 'YOT Management Board' },
};
const scheduledPack = (issuedAt: string, extra: Partial<IssuedPack> = {}): IssuedPack =>
  ({
    packId: 'pk-1',
    planId: 'p1',
    hash: HASH,
    meeting: { panelId: null, board: 'YOT Management Board', date: '2022-06-14' },
    inputs: { asAt: '2022-06-07' },
    scheduled: { daysBefore: 7 },
    issuedBy: { id: 'pack-schedule', role: 'system' },
    issuedAt,
    ...extra,
  }) as IssuedPack;

function sweeper(register: IssuedPack[], options: { renderedHash?: string; mailFails?: number } = {}) {
  let now = new Date('2022-06-07T09:00:00Z');
  let failures = options.mailFails ?? 0;
  const mailed: ReminderMail[] = [];
  const recorded: unknown[] = [];
  const issued: unknown[] = [];
  const schedule = new ScheduledPacks({
    plans: { list: () => [plan], entry: () => plan } as never,
    packs: { issued: async () => register, reissue: async () => ({}) } as never,
    issuer: { issue: async (...args: unknown[]) => issued.push(args) } as never,
    documents: { committeePack: () => ({ hash: options.renderedHash ?? HASH, html: '<html>pack</html>' }) } as never,
    printer: { print: async () => Buffer.from('%PDF-1.7') } as never,
    commands: { execute: async (message: { body: unknown }) => recorded.push(message.body) } as never,
    store: { readStream: async () => [{ metadata: { actor: { id: 'u-manager', role: 'plan manager' } } }] } as never,
    users: {
      get: () => ({ userId: 'u-manager', name: 'YOT Performance Manager', email: 'pm@example.org', role: 'plan manager', disabled: false }),
    } as never,
    mailer: {
      send: async (mail: ReminderMail) => {
        if (failures-- > 0) throw new Error('connect ECONNREFUSED 127.0.0.1:25');
        mailed.push(mail);
      },
      close: async () => undefined,
    },
    publicUrl: 'https://plans.example.org',
    logger: { log: () => undefined, warn: () => undefined },
    clock: () => now,
  });
  return {
    schedule,
    mailed,
    recorded,
    issued,
    later: (minutes: number) => (now = new Date(now.getTime() + minutes * 60_000)),
  };
}

describe('the pack schedule’s sweep', () => {
  it('leaves a pack another process has just made to that process, and sends it once ten minutes have passed without a record', async () => {
    const world = sweeper([scheduledPack('2022-06-07T08:55:00Z')]);
    expect(await world.schedule.sweep()).toMatchObject([{ outcome: 'being sent elsewhere' }]);
    expect(world.mailed).toHaveLength(0);
    world.later(6);
    expect(await world.schedule.sweep()).toMatchObject([{ outcome: 'sent', packId: 'pk-1', pdf: true }]);
    expect(world.mailed.map((mail) => [mail.to, mail.reminderKey])).toEqual([['pm@example.org', 'scheduled-pack-pk-1']]);
    expect(world.recorded).toEqual([
      {
        type: 'RecordScheduledPackSent',
        packId: 'pk-1',
        to: [{ userId: 'u-manager', email: 'pm@example.org' }],
        notReached: [],
        pdf: true,
      },
    ]);
    expect(world.issued).toHaveLength(0);
  });

  it('never mails a pack that, made again, no longer hashes as recorded', async () => {
    const world = sweeper([scheduledPack('2022-06-07T08:00:00Z')], { renderedHash: 'cd'.repeat(32) });
    expect(await world.schedule.sweep()).toMatchObject([{ outcome: 'failed', why: expect.stringContaining('not ' + HASH) }]);
    expect(world.mailed).toHaveLength(0);
    expect(world.recorded).toHaveLength(0);
  });

  it('tries a failed sending again after a minute, not on every sweep, and records it once sent', async () => {
    const world = sweeper([scheduledPack('2022-06-07T08:00:00Z')], { mailFails: 1 });
    expect(await world.schedule.sweep()).toMatchObject([{ outcome: 'failed', why: expect.stringContaining('ECONNREFUSED') }]);
    world.later(0.5);
    expect(await world.schedule.sweep()).toEqual([]);
    world.later(0.6);
    expect(await world.schedule.sweep()).toMatchObject([{ outcome: 'sent' }]);
    expect(world.recorded).toHaveLength(1);
    world.later(5);
    expect(await world.schedule.sweep()).toEqual([]);
  });

  it('leaves a board date to the person who issued a pack to it, and does nothing for a pack already sent', async () => {
    const byPerson = sweeper([
      scheduledPack('2022-06-06T10:00:00Z', { scheduled: undefined, issuedBy: { id: 'u-manager', role: 'plan manager' } }),
    ]);
    expect(await byPerson.schedule.sweep()).toMatchObject([{ outcome: 'issued by a person' }]);
    const sent = sweeper([
      scheduledPack('2022-06-07T08:00:00Z', { sent: { to: [], notReached: [], pdf: true, sentAt: '2022-06-07T08:00:05Z' } }),
    ]);
    expect(await sent.schedule.sweep()).toMatchObject([{ outcome: 'already sent' }]);
    for (const world of [byPerson, sent]) expect([world.mailed, world.issued, world.recorded]).toEqual([[], [], []]);
  });
});
