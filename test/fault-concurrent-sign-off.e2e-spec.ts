import { join } from 'node:path';
import { SqliteEventStore } from '@actionplans/event-store';
import { created, startWorld, type Reply } from './support/api-world';
import { firedTogether } from './support/simultaneous-requests';

/**
 * Fault: fifty members of a panel record its decision on one action at the same instant, each on
 * a connection of their own. Exactly one decision is recorded and carried to the action; every
 * other request is refused with 409 and a problem saying why, and leaves nothing behind.
 */
const people = {
  manager: { name: 'YOT Performance Manager', role: 'plan manager' },
  owner: { name: 'Service Manager Evidence Based Hub and YOT', role: 'action owner' },
  chair: { name: 'Suzanne Joyner', role: 'panel member' },
  ian: { name: 'Ian Atkinson', role: 'panel member' },
  david: { name: 'David McWilliams', role: 'panel member' },
};
const DECISIONS = 50;
const today = () => new Date().toISOString().slice(0, 10);

describe('fifty sign-off decisions on one action at once', () => {
  let world: Awaited<ReturnType<typeof startWorld<keyof typeof people>>>;
  let actionId: string;
  let panelId: string;

  beforeAll(async () => {
    world = await startWorld('fault-sign-off', people, { RATE_LIMIT: '0' });
    const { manager, owner, chair, ian, david } = world.users;
    const planId = (
      await created(
        manager.post('/plans', {
          kind: 'inspection',
          title: 'HMIP inspection of youth offending services',
          source: { body: 'HMIP', date: '2020-11-18', judgement: 'Requires improvement' },
          quorum: 2,
        }),
      )
    ).body.id;
    const groupingId = (
      await created(manager.post(`/plans/${planId}/groupings`, { kind: 'recommendation', references: ['2'], title: 'Improve assessment' }))
    ).body.createdId;
    await created(manager.post(`/plans/${planId}/activation`, { submittedTo: 'Youth Justice Board', submittedOn: '2021-01-15' }));
    actionId = (
      await created(
        manager.post(`/plans/${planId}/actions`, {
          groupingId,
          references: ['2.1'],
          description: 'Audit assessments',
          targetDate: 'Mar-21',
          leadOwners: [{ kind: 'person', name: people.owner.name, userId: owner.userId }],
        }),
      )
    ).body.id;
    await created(
      owner.post(`/actions/${actionId}/evidence`, {
        title: 'Audit of assessments',
        kind: 'audit',
        link: 'https://rotherham.example/yot/2.1/audit',
      }),
    );
    const evidenceIds = (await owner.get(`/actions/${actionId}`)).body.evidence.map(
      (evidence: { evidenceId: string }) => evidence.evidenceId,
    );
    await created(owner.post(`/actions/${actionId}/submission`, { evidenceIds }));
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
    await created(chair.post(`/panels/${panelId}/agenda`, { actionId }));
    await created(chair.post(`/panels/${panelId}/attendance`, { present: [chair.userId, ian.userId, david.userId] }));
  });
  afterAll(() => world?.stop());

  it('records exactly one, carries it to the action once, and answers every other with 409', async () => {
    const members = [world.users.chair, world.users.ian, world.users.david];
    const replies = await firedTogether(
      world.url,
      Array.from({ length: DECISIONS }, (_, n) => ({
        path: `/panels/${panelId}/decisions`,
        token: members[n % members.length].token!,
        body: { actionId, outcome: 'signed off', rationale: `Evidence of impact seen (decision ${n})` },
      })),
    );

    const recorded = replies.filter((reply) => reply.status === 201);
    const refused = replies.filter((reply) => reply.status !== 201);
    const codes = count(refused.map((reply) => `${reply.status} ${reply.body?.code}`));
    console.log(`${DECISIONS} decisions sent together: ${recorded.length} recorded, refused ${JSON.stringify(codes)}`);
    expect(recorded).toHaveLength(1);
    for (const reply of refused) expectConflict(reply);

    expect((await world.users.owner.get(`/actions/${actionId}`)).body).toMatchObject({ stage: 'complete', status: { status: 'complete' } });
    await world.halt();
    const store = new SqliteEventStore({ file: join(world.dir, 'events.db') });
    try {
      const decisions = (await store.readStream(`panel-${panelId}`)).filter((event) => event.type === 'PanelDecisionRecorded');
      const outcomes = (await store.readStream(`action-${actionId}`)).filter((event) => event.type === 'PanelOutcomeRecorded');
      expect(decisions.map((event) => (event.data as { decisionId: string }).decisionId)).toEqual([recorded[0].body.createdId]);
      expect(outcomes.map((event) => (event.data as { decisionId: string }).decisionId)).toEqual([recorded[0].body.createdId]);
    } finally {
      await store.close();
    }
  });
});

/**
 * A loser that read the meeting before the winner was stored is refused at the append
 * (REQUEST.CONFLICT), one that read it after by the rule (PANEL.ALREADY_DECIDED): both 409.
 */
function expectConflict(reply: Reply): void {
  expect({ status: reply.status, type: reply.headers.get('content-type'), code: reply.body.code, bodyStatus: reply.body.status }).toEqual({
    status: 409,
    type: expect.stringMatching(/^application\/problem\+json/),
    code: expect.stringMatching(/^(REQUEST\.CONFLICT|PANEL\.ALREADY_DECIDED)$/),
    bodyStatus: 409,
  });
}

const count = (values: string[]) =>
  values.reduce<Record<string, number>>((counts, value) => ({ ...counts, [value]: (counts[value] ?? 0) + 1 }), {});
