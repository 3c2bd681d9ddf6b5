import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventually } from '@actionplans/testing';
import { created, startWorld } from './support/api-world';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const written = (iso: string) => iso.split('-').reverse().join('/');

/**
 * Owners who are partner organisations, with no user account: one with a contact address is
 * reminded there; one with none is never skipped silently, its plan's manager is told instead.
 */
describe('partner organisations as owners, reminded through the all-in-one app', () => {
  let world: Awaited<ReturnType<typeof startWorld<'manager' | 'lead' | 'deputy'>>>;
  beforeAll(async () => {
    world = await startWorld(
      'partner-reminders',
      {
        manager: { name: 'YOT Performance Manager', role: 'plan manager', email: 'yot.performance@rotherham.example' },
        lead: { name: 'WSOA Programme Lead', role: 'plan manager', email: 'wsoa.lead@rotherham.example' },
        deputy: { name: 'WSOA Deputy Lead', role: 'plan manager', email: 'wsoa.deputy@rotherham.example' },
      },
      { REMINDER_SETTLE_SECONDS: '0' },
    );
  });
  afterAll(() => world?.stop());

  it("reminds a partner at its contact's address, and the plan manager in place of one with no address, saying why", async () => {
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
      await created(manager.post(`/plans/${planId}/groupings`, { kind: 'recommendation', references: ['2'], title: 'Partnership working' }))
    ).body.createdId;
    const raise = async (reference: string, owner: Record<string, string>) =>
      (
        await created(
          manager.post(`/plans/${planId}/actions`, {
            groupingId,
            references: [reference],
            description: `Joint protocol ${reference}`,
            targetDate: written(day(3)),
            leadOwners: [owner],
          }),
        )
      ).body.id as string;
    const police = await raise('2.3', { kind: 'organisation', name: 'South Yorkshire Police' });
    const remedi = await raise('2.4', { kind: 'organisation', name: 'Remedi', email: 'contact@remedi.example' });
    await created(manager.post(`/plans/${planId}/activation`, { submittedTo: 'Youth Justice Board', submittedOn: day(-1) }));

    const outbox = join(world.dir, 'outbox');
    const messages = () =>
      existsSync(outbox)
        ? readdirSync(outbox)
            .filter((file) => file.endsWith('.eml'))
            .map((file) => readFileSync(join(outbox, file), 'utf8').replace(/=\r?\n/g, ''))
        : [];
    await eventually('a digest to the partner and one to the plan manager', () => messages().length === 2);
    const to = (address: string) => messages().find((message) => message.includes(`To: ${address}`)) ?? '';
    expect(to('contact@remedi.example')).toContain('Subject: Action 2.4 is due on');
    expect(to('yot.performance@rotherham.example')).toContain('no email address for South Yorkshire Police, lead on 2.3');
    expect(to('yot.performance@rotherham.example')).not.toContain('2.4');

    const reminded = async (actionId: string) => {
      const history = (await manager.get(`/actions/${actionId}/history`)).body.entries;
      return history.filter((entry: { type: string }) => entry.type === 'ReminderSent').map((entry: { what: string }) => entry.what);
    };
    await eventually('both reminders recorded', async () => (await reminded(police)).length === 1 && (await reminded(remedi)).length === 1);
    expect((await reminded(police))[0]).toContain('reminded yot.performance@rotherham.example');
    // The partner's mailbox is an email address: a plan manager reads it as the partner's name, an admin as the address.
    expect((await reminded(remedi))[0]).toMatch(/^reminded Remedi: /);
    expect((await reminded(remedi))[0]).not.toContain('@');
    const asAdmin = (await world.admin.get(`/actions/${remedi}/history`)).body.entries;
    expect(asAdmin.find((entry: { type: string }) => entry.type === 'ReminderSent').what).toContain('reminded contact@remedi.example');
    const action = (await manager.get(`/actions/${remedi}`)).body;
    expect(JSON.stringify(action)).not.toContain('contact@remedi.example');
  });

  it('reminds a partner organisation of the register at its contact, and every plan manager who acted on the plan for one with none', async () => {
    const { lead, deputy } = world.users;
    const organisation = async (name: string) => (await created(lead.post('/register/organisations', { name }))).body.id as string;
    const police = await organisation('South Yorkshire Police');
    const remedi = await organisation('Remedi');
    const contact = await lead.put(`/register/organisations/${police}/contact`, {
      email: 'partnerships@southyorks.police.example',
      personId: null,
      reason: 'single point of contact for the partnership',
    });
    expect(contact.status).toBe(200);
    const planId = (
      await created(
        lead.post('/plans', {
          kind: 'statutory',
          title: 'SEND Written Statement of Action',
          source: { body: 'Ofsted/CQC', date: '2022-01-10' },
        }),
      )
    ).body.id;
    // The deputy builds part of the plan: a plan manager who has acted on it is one of its managers.
    const groupingId = (
      await created(deputy.post(`/plans/${planId}/groupings`, { kind: 'priority', references: ['P1'], title: 'Joint commissioning' }))
    ).body.createdId;
    const raise = async (reference: string, organisationId: string, name: string) =>
      (
        await created(
          lead.post(`/plans/${planId}/actions`, {
            groupingId,
            references: [reference],
            description: `Partner protocol ${reference}`,
            targetDate: written(day(3)),
            leadOwners: [{ kind: 'organisation', name, organisationId }],
          }),
        )
      ).body.id as string;
    await raise('1.1.1', police, 'South Yorkshire Police');
    await raise('1.1.2', remedi, 'Remedi');
    const unknown = await lead.post(`/plans/${planId}/actions`, {
      groupingId,
      references: ['1.1.3'],
      description: 'Partner protocol 1.1.3',
      targetDate: written(day(3)),
      leadOwners: [{ kind: 'organisation', name: 'Nobody', organisationId: '0190b5a8-0000-7000-8000-000000000000' }],
    });
    expect([unknown.status, unknown.body.code]).toEqual([422, 'ACTION.UNKNOWN_REGISTER_RECORD']);
    expect(unknown.body.detail).toContain('leadOwners[0].organisationId');
    await created(lead.post(`/plans/${planId}/activation`, { submittedTo: 'Department for Education', submittedOn: day(-1) }));

    const outbox = join(world.dir, 'outbox');
    const to = (address: string) =>
      (existsSync(outbox) ? readdirSync(outbox) : [])
        .filter((file) => file.endsWith('.eml'))
        .map((file) => readFileSync(join(outbox, file), 'utf8').replace(/=\r?\n/g, ''))
        .find((message) => message.includes(`To: ${address}`)) ?? '';
    await eventually('the partner, the lead and the deputy reminded', () =>
      ['partnerships@southyorks.police.example', 'wsoa.lead@rotherham.example', 'wsoa.deputy@rotherham.example'].every(
        (address) => to(address) !== '',
      ),
    );
    expect(to('partnerships@southyorks.police.example')).toContain('Subject: Action 1.1.1 is due on');
    for (const manager of ['wsoa.lead@rotherham.example', 'wsoa.deputy@rotherham.example']) {
      expect(to(manager)).toContain('no contact in the register for Remedi, lead on 1.1.2');
      expect(to(manager)).not.toContain('1.1.1');
    }
  });
});
