import { join } from 'node:path';
import { SqliteEventStore } from '@actionplans/event-store';
import { startOidcProvider, type TestOidcProvider } from '@actionplans/testing';
import { client, created, startWorld } from './support/api-world';

/**
 * Single sign-on against a real OpenID Connect issuer on loopback: people sign in with bearer
 * JWTs from the council's directory, their groups give their role here, their first sign-in
 * is recorded, and personal API tokens keep working for scripts.
 */
describe("single sign-on with the organisation's directory", () => {
  let provider: TestOidcProvider;
  let world: Awaited<ReturnType<typeof startWorld<'owner'>>>;
  const audience = 'api://actionplans';
  const manager = {
    sub: 'oid-manager',
    name: 'YOT Performance Manager',
    email: 'yot.performance@rotherham.gov.uk',
    roles: ['ActionPlans.Managers'],
  };
  const owner = {
    sub: 'oid-owner',
    name: 'CYPS Training lead',
    email: 'cyps.training@rotherham.gov.uk',
    email_verified: true,
    roles: ['ActionPlans.Owners'],
  };
  const as = async (claims: Parameters<TestOidcProvider['sign']>[0], options?: Parameters<TestOidcProvider['sign']>[1]) =>
    client(world.url, await provider.sign(claims, options));
  const userEvents = async (userId: string) => {
    const store = new SqliteEventStore({ file: join(world.dir, 'events.db') });
    try {
      return (await store.readStream(`user-${userId}`)).map((event) => ({
        type: event.type,
        data: event.data,
        by: event.metadata.actor.id,
      }));
    } finally {
      await store.close();
    }
  };

  beforeAll(async () => {
    provider = await startOidcProvider();
    world = await startWorld(
      'sso',
      { owner: { name: 'CYPS Training lead', role: 'action owner', email: 'cyps.training@rotherham.gov.uk' } },
      {
        OIDC_ISSUER: provider.issuer,
        OIDC_AUDIENCE: audience,
        OIDC_ROLE_MAP: 'ActionPlans.Managers=plan manager,ActionPlans.Owners=action owner,ActionPlans.Auditors=auditor',
      },
    );
  });
  afterAll(async () => {
    await world?.stop();
    await provider?.stop();
  });

  it('adds a person on their first sign-in, with the role their group gives, and records who they are', async () => {
    const me = await (await as(manager)).get('/users/me');
    expect(me).toMatchObject({
      status: 200,
      body: { name: 'YOT Performance Manager', email: 'yot.performance@rotherham.gov.uk', role: 'plan manager' },
    });
    expect(await userEvents(me.body.userId)).toEqual([
      {
        type: 'UserAdded',
        by: 'directory-sign-in',
        data: { userId: me.body.userId, name: 'YOT Performance Manager', email: 'yot.performance@rotherham.gov.uk', role: 'plan manager' },
      },
      { type: 'DirectoryIdentityLinked', by: 'directory-sign-in', data: { issuer: provider.issuer, subject: 'oid-manager' } },
    ]);
    // Signing in again is the same user, and records nothing more.
    expect((await (await as(manager)).get('/users/me')).body.userId).toBe(me.body.userId);
    expect(await userEvents(me.body.userId)).toHaveLength(2);
  });

  it('lets a signed-in plan manager work, acting under their own user id; and an owner added by hand signs in as that same user', async () => {
    const signedIn = await as(manager);
    const managerId = (await signedIn.get('/users/me')).body.userId;
    const planId = (
      await created(
        signedIn.post('/plans', {
          kind: 'inspection',
          title: 'YOT HMIP Inspection Action Plan',
          source: { body: 'HMIP', date: '2020-12-17' },
        }),
      )
    ).body.id;
    const grouping = (
      await created(
        signedIn.post(`/plans/${planId}/groupings`, { kind: 'recommendation', references: ['2'], title: 'Looked after children' }),
      )
    ).body.createdId;
    // The owner was added by an admin (with an email) and is named on the action before ever signing in.
    const actionId = (
      await created(
        signedIn.post(`/plans/${planId}/actions`, {
          groupingId: grouping,
          references: ['2.3'],
          description: 'Training on the new LAC policy',
          targetDate: 'Mar-21',
          leadOwners: [{ kind: 'team', name: 'CYPS Training', userId: world.users.owner.userId }],
        }),
      )
    ).body.id;
    const ownerSignedIn = await as(owner);
    expect((await ownerSignedIn.get('/users/me')).body).toMatchObject({ userId: world.users.owner.userId, role: 'action owner' });
    await created(
      ownerSignedIn.post(`/actions/${actionId}/progress`, {
        commentary: 'Sessions booked for March',
        assessment: 'on track',
        asOf: new Date().toISOString().slice(0, 10),
      }),
    );
    const history = (await signedIn.get(`/actions/${actionId}/history`)).body.entries;
    expect(history.map((entry: { who: { id: string } }) => entry.who.id)).toEqual([managerId, world.users.owner.userId]);
    // Their personal API token, for scripts, still works as the same user.
    expect((await world.users.owner.get('/users/me')).body.userId).toBe(world.users.owner.userId);
  });

  it('does not link a hand-added user by an email the directory has not verified', async () => {
    const unverified = await as({ ...owner, sub: 'oid-impostor', email_verified: false });
    const me = (await unverified.get('/users/me')).body;
    expect(me.userId).not.toBe(world.users.owner.userId);
  });

  it('follows the directory when it moves someone to a read-only role, and the history says so', async () => {
    const moved = await as({ ...manager, roles: ['ActionPlans.Auditors'] });
    const me = (await moved.get('/users/me')).body;
    expect(me.role).toBe('auditor');
    expect(
      await moved.post('/plans', { kind: 'inspection', title: 'Another', source: { body: 'HMIP', date: '2020-12-17' } }),
    ).toMatchObject({ status: 403, body: { code: 'AUTH.READ_ONLY' } });
    expect((await userEvents(me.userId)).at(-1)).toEqual({
      type: 'UserRoleChanged',
      by: 'directory-sign-in',
      data: { role: 'auditor', reason: 'the directory gives a different role at sign-in' },
    });
  });

  it.each([
    ['expired', () => provider.sign(manager, { expiresIn: -300 }), /expired/],
    ['for another audience', () => provider.sign(manager, { audience: 'api://payroll' }), /another audience/],
    ['from another issuer', () => provider.sign(manager, { issuer: 'https://login.example.com/other' }), /another issuer/],
    ['signed with a key the issuer does not publish', () => provider.signWithUnpublishedKey(manager, audience), /signature/],
    ['unsigned (alg: none)', async () => provider.unsigned(manager, audience), /public-key algorithm/],
  ])('refuses a token %s with 401 and says why', async (_, token, why) => {
    const reply = await client(world.url, await token()).get('/users/me');
    expect(reply).toMatchObject({ status: 401, body: { code: 'AUTH.TOKEN_REJECTED', detail: expect.stringMatching(why) } });
    expect(reply.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect(reply.headers.get('www-authenticate')).toBe('Bearer realm="actionplans"');
  });

  it('refuses with 403 a person whose groups give no role here, and adds no user for them', async () => {
    const before = (await world.admin.get('/users')).body.length;
    expect(await (await as({ sub: 'oid-payroll', name: 'Payroll clerk', roles: ['Payroll.Users'] })).get('/users/me')).toMatchObject({
      status: 403,
      body: { code: 'AUTH.NO_ROLE' },
    });
    expect((await world.admin.get('/users')).body).toHaveLength(before);
  });
});
