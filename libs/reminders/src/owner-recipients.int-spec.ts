import { COMMAND_LINE, userDecider, userStream } from '@actionplans/auth';
import { actionStream, personDecider, personStream, type Owner } from '@actionplans/domain';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '@actionplans/testing';
import { EmbeddedReminders } from './embedded-reminders';
import { OutboxMailer } from './mailer';
import { readable, reminderWorld, TestClock } from './reminders.fixture';

/**
 * Owners who are partners or roles, not users: one with a contact address is reminded there; one
 * with no address, or whose user has none or is disabled, is never silently skipped: its plan's
 * manager is reminded in its place and told why.
 */
describe('reminding owners with no user account', () => {
  const dir = tempDir('owner-recipients');
  const outbox = join(dir.path, 'outbox');
  const clock = new TestClock(new Date('2021-03-01T09:00:00.000Z'));
  let world: Awaited<ReturnType<typeof reminderWorld>>;
  let reminders: EmbeddedReminders;
  const recipients = async (actionId: string) =>
    (await world.store.readStream(actionStream(actionId)))
      .filter((event) => event.type === 'ReminderSent')
      .map((event) => (event.data as { recipient: string }).recipient);
  /** Every digest sent to an address on a day (17 March 2021), as its reader sees it. */
  const digestTo = (address: string, day = '17 March 2021') =>
    readdirSync(outbox)
      .filter((file) => file.endsWith('.eml'))
      .map((file) => readable(readFileSync(join(outbox, file), 'utf8')))
      .filter((mail) => mail.includes(`To: ${address}\n`) && mail.includes(`owed to you on ${day}`))
      .join('\n');

  const raise = (actionId: string, reference: string, leadOwners: Owner[], supportingOwners: Owner[] = []) =>
    world.raise(actionId, reference, '31/03/2021', { leadOwners, supportingOwners });

  beforeAll(async () => {
    world = await reminderWorld(dir.path, new OutboxMailer(outbox, 'reminders@rotherham.example'));
    await raise('police', '2.3', [{ kind: 'organisation', name: 'South Yorkshire Police' }]);
    await raise('remedi', '2.4', [{ kind: 'organisation', name: 'Remedi', email: 'Contact@Remedi.example' }]);
    await raise(
      'shared',
      '2.5',
      [{ kind: 'team', name: 'CYPS Training', userId: world.ownerActor.userId }],
      [{ kind: 'role', name: 'Service Manager, Evidence Based Hub' }],
    );
    const details = { name: 'Insp. Sweatton', email: 'sweatton@southyorks.police.example', jobTitle: null, organisationId: null };
    await world.runner.run('p-1', personStream('p-1'), personDecider, { actor: world.manager, now: '2021-01-04T09:00:00.000Z' }, () => ({
      type: 'RegisterPerson' as const,
      personId: 'p-1',
      details,
      facts: { organisation: null },
    }));
    await raise('register', '2.6', [{ kind: 'person', name: 'Partnership Inspector', personId: 'p-1' }]);
    reminders = new EmbeddedReminders(world.delivery, clock, { warn: () => undefined });
    clock.set('2021-03-17T08:00:00.000Z');
    await world.catchUp();
    await reminders.tick();
  });
  afterAll(async () => {
    await world.store.close();
    dir.remove();
  });

  it("reminds a partner organisation at its contact's address, recorded in the action's history", async () => {
    expect(await recipients('remedi')).toEqual(['contact@remedi.example']);
    expect(digestTo('contact@remedi.example')).toContain('Subject: Action 2.4 is due on 31 March 2021');
  });

  it('reminds an owner who is a person of the register, with no user account, at the address the register has for them', async () => {
    expect(await recipients('register')).toEqual(['sweatton@southyorks.police.example']);
    expect(digestTo(world.managerEmail)).not.toContain('2.6');
  });

  it("sends an owner's reminder with no address to the plan's manager, saying whose and why", async () => {
    expect(await recipients('police')).toEqual([world.managerEmail]);
    const managers = digestTo(world.managerEmail);
    expect(managers).toContain('no email address for South Yorkshire Police, lead on 2.3');
    expect(managers).not.toContain('Remedi');
  });

  it('reminds the owners it can reach and the plan manager for the one it cannot', async () => {
    expect((await recipients('shared')).sort()).toEqual([world.managerEmail, world.ownerEmail].sort());
    expect(digestTo(world.managerEmail)).toContain('no email address for Service Manager, Evidence Based Hub, supporting owner on 2.5');
    expect(digestTo(world.ownerEmail)).not.toContain('Sent to you as the plan');
  });

  it("tells the plan's manager when an owner's user account is disabled", async () => {
    const { userId } = world.ownerActor;
    await world.runner.run(userId, userStream(userId), userDecider, { actor: COMMAND_LINE, now: '2021-03-20T09:00:00.000Z' }, () => ({
      type: 'DisableUser' as const,
      reason: 'left the council',
    }));
    clock.set('2021-03-24T08:00:00.000Z');
    await world.catchUp();
    await reminders.tick();
    expect(digestTo(world.managerEmail, '24 March 2021')).toContain(
      "CYPS Training's user account (CYPS Training lead) is disabled, lead on 2.5; " +
        'no email address for Service Manager, Evidence Based Hub, supporting owner on 2.5',
    );
    expect(digestTo(world.ownerEmail, '24 March 2021')).toBe('');
  });
});
