import { randomUUID } from 'node:crypto';
import { client, created, startWorld, type Reply } from './support/api-world';
import { pipelined } from './support/simultaneous-requests';

/**
 * What a client is told when the API refuses, status by status, over the built app: always an
 * `application/problem+json` with a stable code, and a refused write never leaves an event behind.
 * Then the promises a client builds on: idempotent retries, read-your-writes, who did it.
 */
const people = {
  manager: { name: 'YOT Performance Manager', role: 'plan manager' },
  hub: { name: 'Service Manager Evidence Based Hub and YOT', role: 'action owner' },
  lac: { name: 'Head of Service LAC', role: 'action owner' },
  chair: { name: 'Suzanne Joyner', role: 'panel member' },
  ian: { name: 'Ian Atkinson', role: 'panel member' },
  david: { name: 'David McWilliams', role: 'panel member' },
  auditor: { name: 'Internal Audit', role: 'auditor' },
  viewer: { name: 'Scrutiny Commission clerk', role: 'viewer' },
};

const today = () => new Date().toISOString().slice(0, 10);
const yesterday = () => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
const progress = (commentary: string) => ({ commentary, assessment: 'on track', asOf: today() });
const planRequest = {
  kind: 'inspection',
  title: 'HMIP inspection of youth offending services',
  source: { body: 'HMIP', date: '2020-11-18', judgement: 'Requires improvement' },
  quorum: 2,
};

function expectProblem(reply: Reply, status: number, code: string): void {
  expect({ status: reply.status, type: reply.headers.get('content-type'), code: reply.body?.code }).toEqual({
    status,
    type: expect.stringMatching(/^application\/problem\+json/),
    code,
  });
  expect(reply.body.status).toBe(status);
}

describe('the API refuses with problem details and stores nothing', () => {
  let world: Awaited<ReturnType<typeof startWorld<keyof typeof people>>>;
  let planId: string;
  let actionId: string; // 2.1, led by the hub's service manager
  let challengedId: string; // 2.2, led by David, who also sits on the panel; submitted and tabled
  let panelId: string;

  beforeAll(async () => {
    world = await startWorld('api-errors', people);
    const { manager, hub, chair, ian, david } = world.users;
    planId = (await created(manager.post('/plans', planRequest))).body.id;
    const section = await created(
      manager.post(`/plans/${planId}/groupings`, { kind: 'section', references: [], title: 'Recommendations' }),
    );
    const recommendation = await created(
      manager.post(`/plans/${planId}/groupings`, {
        parentId: section.body.createdId,
        kind: 'recommendation',
        references: ['2'],
        title: 'Improve the quality of assessment',
      }),
    );
    const groupingId = recommendation.body.createdId;
    await created(manager.post(`/plans/${planId}/activation`, { submittedTo: 'Youth Justice Board', submittedOn: '2021-01-15' }));
    const raise = (reference: string, owner: { name: string; userId: string }) =>
      created(
        manager.post(`/plans/${planId}/actions`, {
          groupingId,
          references: [reference],
          description: `Action ${reference}`,
          targetDate: 'Mar-21',
          leadOwners: [{ kind: 'person', ...owner }],
        }),
      );
    actionId = (await raise('2.1', { name: people.hub.name, userId: hub.userId })).body.id;
    challengedId = (await raise('2.2', { name: people.david.name, userId: david.userId })).body.id;

    await created(
      david.post(`/actions/${challengedId}/evidence`, {
        title: 'Audit of assessments',
        kind: 'audit',
        link: 'https://rotherham.example/yot/2.2/audit',
      }),
    );
    const evidenceId = (await david.get(`/actions/${challengedId}`)).body.evidence[0].evidenceId;
    await created(david.post(`/actions/${challengedId}/submission`, { evidenceIds: [evidenceId] }));
    panelId = (
      await created(
        manager.post('/panels', {
          planId,
          title: 'Evidence challenge panel',
          date: today(),
          chair: chair.userId,
          members: [ian.userId, david.userId],
        }),
      )
    ).body.id;
    await created(manager.post(`/panels/${panelId}/agenda`, { actionId: challengedId }));
    await created(hub.post(`/actions/${actionId}/progress`, progress('Audit tool drafted')));
  });
  afterAll(() => world?.stop());

  /** The stream's ETag and version as a reader sees them. */
  const versionOf = async (path: string) => {
    const { headers, body } = await world.users.manager.get(path);
    if (!headers.get('etag')) throw new Error(`GET ${path} answered no ETag: ${JSON.stringify(body)}`);
    return { etag: headers.get('etag')!, version: body.version as number };
  };
  /** Runs a refused write and checks `read` shows the same before and after it. */
  const refused = async (read: () => Promise<unknown>, write: () => Promise<Reply>): Promise<Reply> => {
    const before = await read();
    const reply = await write();
    expect(await read()).toEqual(before);
    return reply;
  };
  const action = () => versionOf(`/actions/${actionId}`);
  const panel = () => versionOf(`/panels/${panelId}`);
  const planIds = async () => (await world.users.manager.get('/plans')).body.map((plan: { planId: string }) => plan.planId);
  const progressOf = async (id: string) =>
    (await world.users.manager.get(`/actions/${id}`)).body.progress as Array<{ commentary: string; by: unknown }>;

  describe('400: the request is malformed, and the problem names the field', () => {
    it.each([
      ['an unknown field', { ...progress('Audit tool drafted'), colour: 'red' }, { field: 'colour', problem: 'is not a known field' }],
      ['a wrong type', { ...progress('Audit tool drafted'), commentary: 42 }, { field: 'commentary', problem: 'must be a string' }],
      ['a field left out', { assessment: 'on track', asOf: today() }, { field: 'commentary', problem: 'is required' }],
      [
        'an impossible date',
        { ...progress('Audit tool drafted'), asOf: '2021-02-30x' },
        { field: 'asOf', problem: 'must be a date written YYYY-MM-DD' },
      ],
    ])('refuses %s in an update', async (_, body, error) => {
      const reply = await refused(action, () => world.users.hub.post(`/actions/${actionId}/progress`, body));
      expectProblem(reply, 400, 'REQUEST.INVALID');
      expect(reply.body.errors).toContainEqual(error);
      expect(reply.body.detail).toContain(error.field);
    });

    it('names a nested owner field by its path', async () => {
      const planActions = async () => (await world.users.manager.get(`/plans/${planId}`)).body.actions.length;
      const groupingId = (await world.users.manager.get(`/actions/${actionId}`)).body.groupingId;
      const reply = await refused(planActions, () =>
        world.users.manager.post(`/plans/${planId}/actions`, {
          groupingId,
          references: ['2.9'],
          description: 'Nameless owner',
          targetDate: null,
          leadOwners: [{ kind: 'person', userId: world.users.hub.userId }],
        }),
      );
      expectProblem(reply, 400, 'REQUEST.INVALID');
      expect(reply.body.errors).toContainEqual(expect.objectContaining({ field: 'leadOwners.0.name' }));
    });

    it('refuses an If-Match that is not an ETag', async () => {
      const reply = await refused(action, () =>
        world.users.hub.post(`/actions/${actionId}/progress`, progress('Audit tool piloted'), { 'if-match': 'yesterday' }),
      );
      expectProblem(reply, 400, 'REQUEST.INVALID');
      expect(reply.body.errors).toEqual([expect.objectContaining({ field: 'If-Match' })]);
    });
  });

  describe('401: nobody known is asking', () => {
    it.each([
      ['no token', null],
      ['an unknown token', 'not-a-token-anyone-was-given'],
    ])('refuses a write with %s and asks for a bearer token', async (_, token) => {
      const stranger = client(world.url, token);
      const reply = await refused(action, () => stranger.post(`/actions/${actionId}/progress`, progress('Audit tool piloted')));
      expectProblem(reply, 401, 'AUTH.UNAUTHENTICATED');
      expect(reply.headers.get('www-authenticate')).toMatch(/^Bearer/);
    });

    it('stops taking a replaced token at once, and takes the new one', async () => {
      const added = await created(world.admin.post('/users', { name: 'Board secretary', role: 'viewer' }));
      const { userId, token: first } = added.body;
      const replaced = await created(world.admin.post(`/users/${userId}/token`));
      expectProblem(await client(world.url, first).get('/users/me'), 401, 'AUTH.UNAUTHENTICATED');
      expect(await client(world.url, replaced.body.token).get('/users/me')).toMatchObject({ status: 200, body: { userId } });
    });
  });

  describe('403: the user may not do this', () => {
    it.each(['viewer', 'auditor'] as const)('refuses any write by the %s as read-only', async (person) => {
      const reply = await refused(action, () => world.users[person].post(`/actions/${actionId}/progress`, progress('Looks fine to me')));
      expectProblem(reply, 403, 'AUTH.READ_ONLY');
    });

    it("refuses a plan created by an action owner (the plan decider's rule)", async () => {
      const reply = await refused(planIds, () => world.users.hub.post('/plans', planRequest));
      expectProblem(reply, 403, 'PLAN.NOT_PLAN_MANAGER');
    });

    it('refuses progress on an action by an owner of other actions', async () => {
      const reply = await refused(action, () => world.users.lac.post(`/actions/${actionId}/progress`, progress('Not mine to report')));
      expectProblem(reply, 403, 'ACTION.NOT_OWNER');
    });

    it.each(['manager', 'hub'] as const)('refuses a decision recorded by the %s, who does not sit on the panel', async (person) => {
      const reply = await refused(panel, () =>
        world.users[person].post(`/panels/${panelId}/decisions`, {
          actionId: challengedId,
          outcome: 'signed off',
          rationale: 'Looks done',
        }),
      );
      expectProblem(reply, 403, 'PANEL.NOT_PRESENT');
    });

    it('refuses a user added by anyone but an admin', async () => {
      const users = async () => (await world.users.manager.get('/users')).body.length;
      const reply = await refused(users, () => world.users.manager.post('/users', { name: 'Someone', role: 'plan manager' }));
      expectProblem(reply, 403, 'AUTH.ROLE');
    });
  });

  describe('404: there is no such thing', () => {
    it.each([
      ['action', 'ACTION.NOT_FOUND'],
      ['plan', 'PLAN.NOT_FOUND'],
      ['panel', 'PANEL.NOT_FOUND'],
    ])('answers an unknown %s', async (kind, code) => {
      expectProblem(await world.users.manager.get(`/${kind}s/${randomUUID()}`), 404, code);
    });

    it('refuses progress on an unknown action and does not start its stream', async () => {
      const unknown = `/actions/${randomUUID()}`;
      expectProblem(await world.users.hub.post(`${unknown}/progress`, progress('Into the void')), 404, 'ACTION.NOT_FOUND');
      expectProblem(await world.users.hub.get(unknown), 404, 'ACTION.NOT_FOUND');
    });
  });

  describe('409: two writers at the same moment', () => {
    it('answers 201 or 409 to twenty updates sent at once, and stores only what it answered 201 for', async () => {
      // A client of our own, since the raw requests need the token itself: a deputy may update any action.
      const deputy = (await created(world.admin.post('/users', { name: 'Deputy YOT Performance Manager', role: 'plan manager' }))).body;
      const before = (await progressOf(actionId)).length;
      const replies = await pipelined(
        world.url,
        deputy.token,
        Array.from({ length: 20 }, (_, n) => ({ path: `/actions/${actionId}/progress`, body: progress(`Concurrent update ${n}`) })),
      );
      expect(replies).toHaveLength(20);
      const stored = replies.filter((reply) => reply.status === 201);
      const clashed = replies.filter((reply) => reply.status !== 201);
      expect(clashed.length).toBeGreaterThan(0);
      for (const reply of clashed) expectProblem(reply, 409, 'REQUEST.CONFLICT');
      expect((await progressOf(actionId)).length - before).toBe(stored.length);
    });
  });

  describe('412: If-Match names a version that is no longer current', () => {
    it('refuses a command made on an old read, and takes one made on the current read', async () => {
      const { hub } = world.users;
      const old = (await action()).etag;
      await created(hub.post(`/actions/${actionId}/progress`, progress('Audit tool piloted')));

      const stale = await refused(action, () =>
        hub.post(`/actions/${actionId}/progress`, progress('Based on an old read'), { 'if-match': old }),
      );
      expectProblem(stale, 412, 'REQUEST.STALE');

      const current = await action();
      const taken = await hub.post(`/actions/${actionId}/progress`, progress('Based on the current read'), { 'if-match': current.etag });
      expect(taken.status).toBe(201);
      expect(taken.body.version).toBe(current.version + 1);
      expect(taken.headers.get('etag')).toBe(`"${current.version + 1}"`);
    });
  });

  describe('422: a rule of the domain refuses', () => {
    it('refuses a submission relying on evidence the action does not have', async () => {
      const reply = await refused(action, () =>
        world.users.hub.post(`/actions/${actionId}/submission`, { evidenceIds: ['never-attached'] }),
      );
      expectProblem(reply, 422, 'ACTION.UNKNOWN_EVIDENCE');
    });

    it('refuses backdated progress without a reason', async () => {
      const reply = await refused(action, () =>
        world.users.hub.post(`/actions/${actionId}/progress`, { ...progress('Audit completed'), asOf: yesterday() }),
      );
      expectProblem(reply, 422, 'ACTION.BACKDATING_REASON_REQUIRED');
    });

    it("refuses a decision when only the chair is present and the plan's quorum is two", async () => {
      const { manager, chair } = world.users;
      await created(manager.post(`/panels/${panelId}/attendance`, { present: [chair.userId] }));
      const reply = await refused(panel, () =>
        chair.post(`/panels/${panelId}/decisions`, { actionId: challengedId, outcome: 'signed off', rationale: 'Audit shows impact' }),
      );
      expectProblem(reply, 422, 'PANEL.QUORUM_NOT_MET');
    });

    it('refuses a decision recorded by a member who leads the action', async () => {
      const { manager, chair, ian, david } = world.users;
      await created(manager.post(`/panels/${panelId}/attendance`, { present: [chair.userId, ian.userId, david.userId] }));
      const reply = await refused(panel, () =>
        david.post(`/panels/${panelId}/decisions`, { actionId: challengedId, outcome: 'signed off', rationale: 'I am satisfied' }),
      );
      expectProblem(reply, 422, 'PANEL.CONFLICT_OF_INTEREST');
    });

    it('refuses to table an action not submitted for sign-off', async () => {
      const reply = await refused(panel, () => world.users.manager.post(`/panels/${panelId}/agenda`, { actionId }));
      expectProblem(reply, 422, 'PANEL.ACTION_NOT_SUBMITTED');
    });
  });

  describe('Idempotency-Key: a retry gets the first answer and stores nothing new', () => {
    it('creates a plan once however often it is sent', async () => {
      const key = { 'idempotency-key': randomUUID() };
      const first = await created(world.users.manager.post('/plans', planRequest, key));
      const retry = await created(world.users.manager.post('/plans', planRequest, key));
      expect(first.body).toMatchObject({ replayed: false });
      expect(retry.body).toMatchObject({ id: first.body.id, version: first.body.version, replayed: true });
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      expect(first.headers.get('idempotent-replayed')).toBeNull();
      expect((await planIds()).filter((id: string) => id === first.body.id)).toHaveLength(1);
    });

    it('records a progress update once however often it is sent', async () => {
      const key = { 'idempotency-key': randomUUID() };
      const before = (await progressOf(actionId)).length;
      const first = await created(world.users.hub.post(`/actions/${actionId}/progress`, progress('Sent twice on a bad line'), key));
      const retry = await created(world.users.hub.post(`/actions/${actionId}/progress`, progress('Sent twice on a bad line'), key));
      expect(retry.body).toMatchObject({ version: first.body.version, position: first.body.position, replayed: true });
      expect((await progressOf(actionId)).length).toBe(before + 1);
    });

    it('refuses the same key with a different request', async () => {
      const key = { 'idempotency-key': randomUUID() };
      await created(world.users.hub.post(`/actions/${actionId}/progress`, progress('First wording'), key));
      const reply = await refused(action, () => world.users.hub.post(`/actions/${actionId}/progress`, progress('Second wording'), key));
      expectProblem(reply, 422, 'REQUEST.IDEMPOTENCY_KEY_REUSED');
    });
  });

  describe('read-your-writes', () => {
    it('answers a command with its position and version, and the next read shows it under that ETag', async () => {
      const written = await created(world.users.hub.post(`/actions/${actionId}/progress`, progress('Read straight back')));
      expect(written.body).toMatchObject({ id: actionId, version: expect.any(Number), position: expect.any(Number) });
      expect(written.body.position).toBeGreaterThan(0);
      expect(written.headers.get('etag')).toBe(`"${written.body.version}"`);

      const read = await world.users.hub.get(`/actions/${actionId}`);
      expect(read.headers.get('etag')).toBe(`"${written.body.version}"`);
      expect(read.body.progress.at(-1).commentary).toBe('Read straight back');
    });
  });

  describe('who acted', () => {
    it('records each update as by the user who sent it, in the role they acted in', async () => {
      const { hub, manager } = world.users;
      await created(hub.post(`/actions/${actionId}/progress`, progress('Reported by the owner')));
      await created(manager.post(`/actions/${actionId}/progress`, progress('Reported by the plan manager')));
      const updates = await progressOf(actionId);
      expect(updates.find((update) => update.commentary === 'Reported by the owner')?.by).toEqual({ id: hub.userId, role: 'action owner' });
      expect(updates.find((update) => update.commentary === 'Reported by the plan manager')?.by).toEqual({
        id: manager.userId,
        role: 'plan manager',
      });
    });
  });

  describe('actions resulting from a panel meeting', () => {
    const resulting = (groupingId: string) => ({
      groupingId,
      references: ['2.6'],
      description: 'Re-audit assessments in six months',
      targetDate: 'Sep-21',
      leadOwners: [{ kind: 'person', name: people.hub.name, userId: world.users.hub.userId }],
    });
    const groupingOf = async () => (await world.users.manager.get(`/actions/${actionId}`)).body.groupingId as string;

    it('lets a member of the panel raise one, recorded as raised at that meeting', async () => {
      const { ian } = world.users;
      const raised = await created(ian.post(`/panels/${panelId}/actions`, resulting(await groupingOf())));
      expect((await ian.get(`/actions/${raised.body.id}`)).body).toMatchObject({ planId, raisedAtPanel: panelId, references: ['2.6'] });
    });

    it('refuses someone who does not sit on the panel', async () => {
      const actionsInPlan = async () => (await world.users.manager.get(`/plans/${planId}`)).body.actions.length;
      const reply = await refused(actionsInPlan, () => world.users.hub.post(`/panels/${panelId}/actions`, resulting('any')));
      expectProblem(reply, 403, 'PANEL.NOT_A_MEMBER');
    });
  });
});
