import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventually } from '@actionplans/testing';
import { client, created, startWorld, type Client } from './support/api-world';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const written = (iso: string) => iso.split('-').reverse().join('/');

describe('the all-in-one app reminds owners with no Redis and no SMTP configured', () => {
  let world: Awaited<ReturnType<typeof startWorld<'manager' | 'auditor' | 'viewer'>>>;
  beforeAll(async () => {
    // No wait for changes to settle: the action is raised and owed at once.
    world = await startWorld(
      'reminders-outbox',
      {
        manager: { name: 'YOT Performance Manager', role: 'plan manager' },
        auditor: { name: 'Internal Audit', role: 'auditor' },
        viewer: { name: 'Board member', role: 'viewer' },
      },
      { REMINDER_SETTLE_SECONDS: '0' },
    );
  });
  afterAll(() => world?.stop());
  let reminded: { actionId: string; owner: Client } | undefined;

  // Due in three days, so its "7 days before" reminder goes as soon as the plan is live, whatever the time of day
  // (an action already overdue when its plan went live waits for that day's 08:00 digest).
  it("reminds the owner of an action falling due into the outbox and records it in the action's history, once", async () => {
    const owner = (
      await created(
        world.admin.post('/users', { name: 'CYPS Training lead', role: 'action owner', email: 'cyps.training@rotherham.example' }),
      )
    ).body;
    const { manager } = world.users;
    const planId = (
      await created(
        manager.post('/plans', {
          kind: 'inspection',
          title: 'YOT HMIP Inspection Action Plan',
          source: { body: 'HMIP', date: '2020-12-17', judgement: null },
        }),
      )
    ).body.id;
    const groupingId = (
      await created(
        manager.post(`/plans/${planId}/groupings`, { kind: 'recommendation', references: ['2'], title: 'Looked after children' }),
      )
    ).body.createdId;
    const actionId = (
      await created(
        manager.post(`/plans/${planId}/actions`, {
          groupingId,
          references: ['2.3'],
          description: 'Hold workshops for staff across CYPS and partnership',
          targetDate: written(day(3)),
          leadOwners: [{ kind: 'team', name: 'CYPS Training', userId: owner.userId }],
        }),
      )
    ).body.id;

    // A draft owes no reminders: activated, it owes the reminder.
    await created(manager.post(`/plans/${planId}/activation`, { submittedTo: 'Youth Justice Board', submittedOn: day(-1) }));
    const outbox = join(world.dir, 'outbox');
    const messages = () => (existsSync(outbox) ? readdirSync(outbox).filter((file) => file.endsWith('.eml')) : []);
    await eventually('a reminder in the outbox', () => messages().length === 1);
    // As a mail reader shows it: quoted-printable soft line breaks joined.
    const message = readFileSync(join(outbox, messages()[0]), 'utf8').replace(/=\r?\n/g, '');
    expect(message).toContain('To: cyps.training@rotherham.example');
    expect(message).toContain('Subject: Action 2.3 is due on');
    expect(message).toContain(`/app/actions/${actionId}`);

    await eventually(
      'the reminder recorded on the action',
      async () => (await manager.get(`/actions/${actionId}`)).body.reminders?.length === 1,
    );
    const history = (await world.users.auditor.get(`/actions/${actionId}/history`)).body.entries;
    expect(history.at(-1)).toMatchObject({ type: 'ReminderSent', who: { id: 'reminders', role: 'system' } });
    expect(history.at(-1).what).toContain('reminded cyps.training@rotherham.example');
    reminded = { actionId, owner: client(world.url, owner.token, owner.userId) };
  });

  it("shows the owner's email address only to admins, auditors and the owner; everyone else reads their name", async () => {
    const { actionId, owner } = reminded!;
    const seen = async (reader: Client) => {
      const action = (await reader.get(`/actions/${actionId}`)).body;
      const history = (await reader.get(`/actions/${actionId}/history`)).body.entries;
      return [action.reminders[0].recipient, history.at(-1).what.split(':')[0]];
    };
    const address = ['cyps.training@rotherham.example', 'reminded cyps.training@rotherham.example'];
    const name = ['CYPS Training lead', 'reminded CYPS Training lead'];
    expect(await seen(world.admin)).toEqual(address);
    expect(await seen(world.users.auditor)).toEqual(address);
    expect(await seen(owner)).toEqual(address);
    expect(await seen(world.users.manager)).toEqual(name);
    expect(await seen(world.users.viewer)).toEqual(name);

    const listed = async (reader: Client) =>
      ((await reader.get('/users')).body as Array<{ userId: string; email?: string }>).find((user) => user.userId === owner.userId);
    expect(await listed(world.admin)).toMatchObject({ email: 'cyps.training@rotherham.example' });
    expect(await listed(world.users.auditor)).toMatchObject({ email: 'cyps.training@rotherham.example' });
    expect(await listed(world.users.manager)).toEqual({
      userId: owner.userId,
      name: 'CYPS Training lead',
      role: 'action owner',
      disabled: false,
    });
    expect((await world.users.manager.get(`/users/${owner.userId}`)).body.email).toBeUndefined();
    expect((await owner.get('/users/me')).body.email).toBe('cyps.training@rotherham.example');
  });
});
