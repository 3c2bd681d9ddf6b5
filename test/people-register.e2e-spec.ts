import { join } from 'node:path';
import { ANY, SqliteEventStore } from '@actionplans/event-store';
import { freePort } from '@actionplans/testing';
import { created, startWorld } from './support/api-world';

/**
 * The register of people and organisations over HTTP: partners and people who own actions with
 * no user account, an organisation renamed (YOT became YJS) with its old name kept, a misspelt
 * name corrected, and two records of one person merged keeping both histories.
 */
describe('the register of people and organisations', () => {
  let world: Awaited<ReturnType<typeof startWorld<'manager' | 'owner' | 'auditor' | 'deputy'>>>;
  beforeAll(async () => {
    world = await startWorld(
      'people-register',
      {
        manager: { name: 'YOT Performance Manager', role: 'plan manager' },
        owner: { name: 'CYPS Training lead', role: 'action owner' },
        auditor: { name: 'Internal Audit', role: 'auditor' },
        deputy: { name: 'Deputy Performance Manager', role: 'plan manager' },
      },
      // A fixed port, so the clients still reach the app once it is halted and started again.
      { PORT: String(await freePort()) },
    );
  });
  afterAll(() => world?.stop());

  it('renames an organisation from the day it took effect, keeping its earlier name in order', async () => {
    const { manager, auditor } = world.users;
    const yot = (
      await created(
        manager.post('/register/organisations', {
          name: 'Youth Offending Team',
          effective: { at: '2015-04-01', source: 'YOT annual plan 2015' },
        }),
      )
    ).body.id;
    await created(
      manager.post(`/register/organisations/${yot}/renaming`, {
        name: 'Youth Justice Service',
        reason: 'renamed by Cabinet',
        effective: { at: '2022-04-06', source: 'Cabinet minutes, 21 March 2022' },
      }),
    );
    const shown = (await auditor.get(`/register/organisations/${yot}`)).body;
    expect(shown.name).toBe('Youth Justice Service');
    expect(shown.names.map((name: { name: string; from: string }) => `${name.from} ${name.name}`)).toEqual([
      '2015-04-01 Youth Offending Team',
      '2022-04-06 Youth Justice Service',
    ]);
    expect(shown.history.at(-1)).toMatchObject({
      what: 'renamed Youth Offending Team to Youth Justice Service',
      why: 'renamed by Cabinet',
    });
    const again = await manager.post(`/register/organisations/${yot}/renaming`, { name: 'Youth Justice Service', reason: 'again' });
    expect([again.status, again.body.code]).toEqual([409, 'REGISTER.ALREADY_THAT_NAME']);
  });

  it('registers a person with no user account in an organisation, and corrects a misspelt name with a reason', async () => {
    const { manager } = world.users;
    const police = (await created(manager.post('/register/organisations', { name: 'South Yorkshire Police' }))).body.id;
    const personId = (
      await created(manager.post('/register/people', { name: 'Insp. Sweaton', jobTitle: 'Partnership Inspector', organisationId: police }))
    ).body.id;
    const corrected = await manager.put(`/register/people/${personId}`, {
      name: 'Insp. Sweatton',
      email: 'sweatton@southyorks.police.example',
      jobTitle: 'Partnership Inspector',
      organisationId: police,
      reason: 'misspelt in the July paper',
    });
    expect(corrected.status).toBe(200);
    expect((await manager.get(`/register/people/${personId}`)).body).toMatchObject({
      name: 'Insp. Sweatton',
      email: 'sweatton@southyorks.police.example',
      organisationId: police,
    });
    const unknown = await manager.post('/register/people', { name: 'Nobody', organisationId: '0190b5a8-0000-7000-8000-000000000000' });
    expect([unknown.status, unknown.body.code]).toEqual([422, 'REGISTER.UNKNOWN_ORGANISATION']);
  });

  it('merges two records of one person: the second answers as the first, and both histories show', async () => {
    const { manager } = world.users;
    const kept = (await created(manager.post('/register/people', { name: 'Head of Service LAC' }))).body.id;
    const second = (await created(manager.post('/register/people', { name: 'Head of Service, Looked After Children' }))).body.id;
    await created(manager.post(`/register/people/${second}/merge`, { into: kept, reason: 'the same post, named two ways' }));
    const shown = (await manager.get(`/register/people/${second}`)).body;
    expect(shown).toMatchObject({ personId: kept, name: 'Head of Service LAC', mergedFrom: [second] });
    expect(
      shown.history.map((entry: { recordId: string; type: string }) => `${entry.recordId === kept ? 'kept' : 'second'} ${entry.type}`),
    ).toEqual(['kept PersonRegistered', 'second PersonRegistered', 'second PersonMergedInto', 'kept PersonMergedIn']);
    expect((await manager.get('/register/people')).body.map((person: { personId: string }) => person.personId)).not.toContain(second);
    const twice = await manager.post(`/register/people/${second}/merge`, { into: kept, reason: 'again' });
    expect([twice.status, twice.body.code]).toEqual([422, 'REGISTER.MERGED']);
    const itself = await manager.post(`/register/people/${kept}/merge`, { into: kept, reason: 'oops' });
    expect([itself.status, itself.body.code]).toEqual([422, 'REGISTER.SAME_PERSON']);
  });

  it('is kept by plan managers and admins, and read by them and auditors only', async () => {
    const { owner, auditor } = world.users;
    const byOwner = await owner.post('/register/people', { name: 'Someone' });
    const byAuditor = await auditor.post('/register/organisations', { name: 'Remedi' });
    expect([byOwner.status, byOwner.body.code, byAuditor.status]).toEqual([403, 'AUTH.ROLE', 403]);
    expect((await owner.get('/register/people')).status).toBe(403);
  });

  it("moves a leaver's open actions, under both their records, to a successor in one command, each action's history saying why", async () => {
    const { manager, owner } = world.users;
    const person = async (name: string) => (await created(manager.post('/register/people', { name }))).body.id as string;
    const leaver = await person('Service Manager, Evidence Based Hub');
    const duplicate = await person('Service Mgr Evidence Based Hub');
    const successor = await person('Head of Service LAC');

    const planId = (
      await created(
        manager.post('/plans', { kind: 'inspection', title: 'YJS inspection plan', source: { body: 'HMIP', date: '2020-12-17' } }),
      )
    ).body.id;
    const groupingId = (await created(manager.post(`/plans/${planId}/groupings`, { kind: 'section', references: ['1'], title: 'Courts' })))
      .body.createdId;
    const raise = async (reference: string, owners: object) =>
      (
        await created(
          manager.post(`/plans/${planId}/actions`, {
            groupingId,
            references: [reference],
            description: reference,
            targetDate: 'Mar-27',
            ...owners,
          }),
        )
      ).body.id as string;
    const asLead = await raise('1.1', { leadOwners: [{ kind: 'role', name: 'Service Manager', personId: leaver }] });
    const asSupport = await raise('1.2', {
      leadOwners: [{ kind: 'team', name: 'CYPS Training', userId: owner.userId }],
      supportingOwners: [{ kind: 'person', name: 'Service Mgr', personId: duplicate }],
    });
    const notTheirs = await raise('1.3', { leadOwners: [{ kind: 'team', name: 'CYPS Training', userId: owner.userId }] });
    // Named before the two records were found to be one person: the action keeps the duplicate's id.
    await created(manager.post(`/register/people/${duplicate}/merge`, { into: leaver, reason: 'the same post' }));
    const mergedAway = await manager.put(`/actions/${notTheirs}/owners`, {
      leadOwners: [{ kind: 'person', name: 'Service Mgr', personId: duplicate }],
      reason: 'handed over',
    });
    expect([mergedAway.status, mergedAway.body.code]).toEqual([422, 'ACTION.OWNER_MERGED']);
    expect(mergedAway.body.detail).toBe(
      `leadOwners[0].personId: the person ${duplicate} was merged into ${leaver} in the register: name ${leaver} instead`,
    );

    const left = await manager.post(`/register/people/${leaver}/leaving`, { successor, reason: 'retired 31 March 2023' });
    expect([left.status, [...left.body.moved].sort(), left.body.alreadyMoved, left.body.refused]).toEqual([
      201,
      [asLead, asSupport].sort(),
      [],
      [],
    ]);
    const owners = async (actionId: string) => {
      const action = (await manager.get(`/actions/${actionId}`)).body;
      return [...action.leadOwners, ...action.supportingOwners].map((one: { name: string; personId?: string }) => one.personId ?? one.name);
    };
    expect([await owners(asLead), await owners(asSupport), await owners(notTheirs)]).toEqual([
      [successor],
      ['CYPS Training', successor],
      ['CYPS Training'],
    ]);
    const history = (await manager.get(`/actions/${asSupport}/history`)).body.entries;
    expect(history.at(-1)).toMatchObject({ type: 'OwnersChanged' });
    expect(JSON.stringify(history.at(-1))).toContain(
      'Service Manager, Evidence Based Hub left (retired 31 March 2023); their part passes to Head of Service LAC',
    );
    expect((await manager.get(`/register/people/${leaver}`)).body.left).toBe(true);
    const again = await manager.post(`/register/people/${leaver}/leaving`, { successor, reason: 'again' });
    expect([again.status, again.body.events, again.body.moved, [...again.body.alreadyMoved].sort()]).toEqual([
      201,
      [],
      [],
      [asLead, asSupport].sort(),
    ]);
    expect((await manager.get(`/actions/${asSupport}/history`)).body.entries).toHaveLength(history.length);

    // Gone, they take on nothing new: naming them as an owner is refused, naming the field.
    const toLeaver = await manager.post(`/plans/${planId}/actions`, {
      groupingId,
      references: ['1.9'],
      description: 'Given to someone who has left',
      targetDate: 'Mar-27',
      leadOwners: [{ kind: 'role', name: 'Head of Service LAC', personId: successor }],
      supportingOwners: [{ kind: 'role', name: 'Service Manager', personId: leaver }],
    });
    expect([toLeaver.status, toLeaver.body.code, toLeaver.body.detail]).toEqual([
      422,
      'ACTION.OWNER_HAS_LEFT',
      `supportingOwners[0].personId: the person ${leaver} has left, according to the register: name who holds their work now`,
    ]);
  });

  it("moves a leaver's actions refused the first time when asked again, once fixed, touching none moved already", async () => {
    const { manager, deputy } = world.users;
    const person = async (name: string) => (await created(manager.post('/register/people', { name }))).body.id as string;
    const leaver = await person('Team Manager, Youth Court');
    const successor = await person('Deputy Team Manager, Youth Court');
    const other = await person('Team Manager, Remand');
    const planId = (
      await created(manager.post('/plans', { kind: 'inspection', title: 'Youth court plan', source: { body: 'HMIP', date: '2021-03-01' } }))
    ).body.id;
    const groupingId = (await created(manager.post(`/plans/${planId}/groupings`, { kind: 'section', references: ['2'], title: 'Remand' })))
      .body.createdId;
    const raise = async (reference: string) =>
      (
        await created(
          manager.post(`/plans/${planId}/actions`, {
            groupingId,
            references: [reference],
            description: reference,
            targetDate: 'Mar-27',
            leadOwners: [{ kind: 'person', name: 'Team Manager', personId: leaver }],
          }),
        )
      ).body.id as string;
    const first = await raise('2.1');
    const waiting = await raise('2.2');
    // A change of owners waiting for a second plan manager: the action's own rules refuse another meanwhile.
    const proposal = (
      await created(
        deputy.post(`/actions/${waiting}/owner-changes`, {
          leadOwners: [{ kind: 'person', name: 'Team Manager, Remand', personId: other }],
          reason: 'remand work moves to the remand team',
        }),
      )
    ).body.createdId;

    const left = await manager.post(`/register/people/${leaver}/leaving`, { successor, reason: 'moved to another council' });
    expect([
      left.status,
      left.body.moved,
      left.body.alreadyMoved,
      left.body.refused.map((one: { actionId: string }) => one.actionId),
    ]).toEqual([201, [first], [], [waiting]]);
    const elsewhere = await manager.post(`/register/people/${leaver}/leaving`, { successor: other, reason: 'moved to another council' });
    expect([elsewhere.status, elsewhere.body.code]).toEqual([409, 'REGISTER.ALREADY_LEFT_TO_ANOTHER']);

    await created(
      deputy.post(`/actions/${waiting}/owner-changes/${proposal}/rejection`, { reason: 'she has left: her successor takes it' }),
    );
    const firstHistory = (await manager.get(`/actions/${first}/history`)).body.entries.length;
    const retried = await manager.post(`/register/people/${leaver}/leaving`, { successor, reason: 'retrying' });
    expect([retried.status, retried.body.events, retried.body.moved, retried.body.alreadyMoved, retried.body.refused]).toEqual([
      201,
      [],
      [waiting],
      [first],
      [],
    ]);
    const lead = async (actionId: string) =>
      (await manager.get(`/actions/${actionId}`)).body.leadOwners.map((one: { personId?: string }) => one.personId);
    expect([await lead(first), await lead(waiting)]).toEqual([[successor], [successor]]);
    expect((await manager.get(`/actions/${first}/history`)).body.entries).toHaveLength(firstHistory);
    // The retry's actions say why as the first attempt recorded it, not the retry's own words.
    expect(JSON.stringify((await manager.get(`/actions/${waiting}/history`)).body.entries.at(-1))).toContain(
      'Team Manager, Youth Court left (moved to another council); their part passes to Deputy Team Manager, Youth Court',
    );
    const leaverHistory = (await manager.get(`/register/people/${leaver}`)).body.history;
    expect(leaverHistory.filter((entry: { type: string }) => entry.type === 'PersonLeft')).toHaveLength(1);
  });

  it('finishes a merge whose second half was never stored when asked again, and still refuses one into another record', async () => {
    const { manager } = world.users;
    const kept = (await created(manager.post('/register/people', { name: 'Virtual School Head' }))).body.id;
    const second = (await created(manager.post('/register/people', { name: 'Head of the Virtual School' }))).body.id;
    const another = (await created(manager.post('/register/people', { name: 'Virtual School Deputy' }))).body.id;
    // The first write of a merge stored, then the app stopped before the second: only the duplicate is closed.
    await world.halt();
    const store = new SqliteEventStore({ file: join(world.dir, 'events.db') });
    await store.append(
      `person-${second}`,
      [
        {
          type: 'PersonMergedInto',
          data: { personId: kept, reason: 'the same post, named two ways' },
          metadata: { actor: { id: manager.userId, role: 'plan manager' } },
        },
      ],
      ANY,
    );
    await store.close();
    await world.restart();
    expect((await manager.get(`/register/people/${kept}`)).body.mergedFrom).toEqual([]);

    const elsewhere = await manager.post(`/register/people/${second}/merge`, { into: another, reason: 'the deputy, in fact' });
    expect([elsewhere.status, elsewhere.body.code]).toEqual([422, 'REGISTER.MERGED']);
    const retried = await manager.post(`/register/people/${second}/merge`, { into: kept, reason: 'the same post, named two ways' });
    expect([retried.status, retried.body.events]).toEqual([201, []]);
    const shown = (await manager.get(`/register/people/${second}`)).body;
    expect(shown).toMatchObject({ personId: kept, mergedFrom: [second] });
    expect(shown.history.map((entry: { type: string }) => entry.type)).toEqual([
      'PersonRegistered',
      'PersonRegistered',
      'PersonMergedInto',
      'PersonMergedIn',
    ]);
    const twice = await manager.post(`/register/people/${second}/merge`, { into: kept, reason: 'again' });
    expect([twice.status, twice.body.code]).toEqual([422, 'REGISTER.MERGED']);
  });

  it("moves a leaver's actions once when the same leaving is sent several times at once", async () => {
    const { manager } = world.users;
    const person = async (name: string) => (await created(manager.post('/register/people', { name }))).body.id as string;
    const leaver = await person('Partnership Inspector');
    const successor = await person('Chief Inspector, Rotherham');
    const planId = (
      await created(manager.post('/plans', { kind: 'inspection', title: 'Joint protocols', source: { body: 'HMIP', date: '2020-12-17' } }))
    ).body.id;
    const groupingId = (await created(manager.post(`/plans/${planId}/groupings`, { kind: 'section', references: ['2'], title: 'Police' })))
      .body.createdId;
    const actions: string[] = [];
    for (const reference of ['2.1', '2.2', '2.3', '2.4'])
      actions.push(
        (
          await created(
            manager.post(`/plans/${planId}/actions`, {
              groupingId,
              references: [reference],
              description: reference,
              targetDate: 'Mar-27',
              leadOwners: [{ kind: 'person', name: 'Partnership Inspector', personId: leaver }],
            }),
          )
        ).body.id,
      );

    const replies = await Promise.all(
      [1, 2, 3].map(() => manager.post(`/register/people/${leaver}/leaving`, { successor, reason: 'promoted to Sheffield' })),
    );
    expect(replies.map((reply) => reply.status)).toEqual([201, 201, 201]);
    const moved = replies.flatMap((reply) => reply.body.moved as string[]);
    expect([...moved].sort()).toEqual([...actions].sort());
    for (const actionId of actions) {
      const entries = (await manager.get(`/actions/${actionId}/history`)).body.entries as Array<{ type: string }>;
      expect(entries.filter((entry) => entry.type === 'OwnersChanged')).toHaveLength(1);
      expect((await manager.get(`/actions/${actionId}`)).body.leadOwners).toEqual([
        { kind: 'person', name: 'Chief Inspector, Rotherham', personId: successor },
      ]);
    }
  });
});
