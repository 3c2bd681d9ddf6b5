import { eventually } from '@actionplans/testing';
import { created, startWorld, type Client, type Reply } from './support/api-world';

/**
 * The children's services evidence challenge panel, over HTTP against the built app: one standing
 * panel serving an inspection plan, a peer review plan and a youth justice plan. One meeting tables
 * actions of all three, signs off actions of two, refuses an action of a plan it does not serve,
 * takes its quorum from the panel, and a plan with a quorum of its own keeps it; each decision
 * records whose quorum applied, and owners of every tabled action's plan are asked for an update.
 */
const people = {
  manager: { name: "Children's services performance manager", role: 'plan manager', email: 'cs.performance@rotherham.example' },
  owner: { name: 'Service Manager Evidence Based Hub and YOT', role: 'action owner', email: 'evidence.hub@rotherham.example' },
  chair: { name: 'Suzanne Joyner', role: 'panel member' },
  vice: { name: 'Ian Atkinson', role: 'panel member' },
  david: { name: 'David McWilliams', role: 'panel member' },
  police: { name: 'South Yorkshire Police inspector', role: 'panel member' },
  clerk: { name: 'Scrutiny Commission clerk', role: 'viewer' },
};
const today = () => new Date().toISOString().slice(0, 10);

describe("the children's services evidence challenge panel", () => {
  let world: Awaited<ReturnType<typeof startWorld<keyof typeof people>>>;
  const plans = { inspection: '', peerReview: '', youthJustice: '', send: '' };
  const groupings: Record<string, string> = {};
  let standingPanelId = '';
  let meetingId = '';
  const actions = { inspection: '', peerReview: '', youthJustice: '', send: '' };

  const refusal = (reply: Reply) => [reply.status, reply.body?.code];
  const plan = async (kind: string, title: string, body: string, quorum?: number) => {
    const { manager } = world.users;
    const planId = (await created(manager.post('/plans', { kind, title, source: { body, date: '2022-11-18' }, quorum }))).body.id as string;
    groupings[planId] = (
      await created(manager.post(`/plans/${planId}/groupings`, { kind: 'recommendation', references: ['1'], title: 'Leadership' }))
    ).body.createdId;
    await created(
      manager.post(`/plans/${planId}/activation`, { submittedTo: 'Children and Young People Partnership', submittedOn: '2023-01-15' }),
    );
    return planId;
  };
  const submitted = async (planId: string, reference: string) => {
    const { manager, owner } = world.users;
    const actionId = (
      await created(
        manager.post(`/plans/${planId}/actions`, {
          groupingId: groupings[planId],
          references: [reference],
          description: `Action ${reference}`,
          targetDate: 'Mar-27',
          leadOwners: [{ kind: 'person', name: people.owner.name, userId: owner.userId }],
        }),
      )
    ).body.id as string;
    const evidenceId = (
      await created(
        owner.post(`/actions/${actionId}/evidence`, {
          title: `Audit for ${reference}`,
          kind: 'audit',
          link: `https://council.example/evidence/${encodeURIComponent(reference)}`,
        }),
      )
    ).body.createdId;
    await created(owner.post(`/actions/${actionId}/submission`, { evidenceIds: [evidenceId] }));
    return actionId;
  };
  const decide = (as: Client, actionId: string, outcome = 'signed off') =>
    as.post(`/panels/${meetingId}/decisions`, { actionId, outcome, rationale: 'Evidence of change and impact seen' });

  beforeAll(async () => {
    // Reminders go as soon as they are due, so an update request before the meeting is seen at once.
    world = await startWorld('standing-panel', people, { RATE_LIMIT: '0', REMINDER_SETTLE_SECONDS: '0' });
    plans.inspection = await plan('inspection', 'HMIP inspection of youth justice services', 'HMIP');
    plans.peerReview = await plan('peer review', 'LGA peer review of children’s services', 'LGA', 2);
    plans.youthJustice = await plan('youth justice plan', 'Youth justice plan 2023/24', 'Youth Justice Board');
    plans.send = await plan('written statement of action', 'SEND written statement of action', 'Ofsted/CQC');
    actions.inspection = await submitted(plans.inspection, '1.1');
    actions.peerReview = await submitted(plans.peerReview, 'PR-11');
    actions.youthJustice = await submitted(plans.youthJustice, 'YJS AP 4.1');
    actions.send = await submitted(plans.send, '1.1.1');
  }, 180_000);
  afterAll(() => world?.stop());

  it('is established with its members, quorum and the three plans it serves, seating only panel members', async () => {
    const { manager, chair, vice, david, police, clerk } = world.users;
    const panel = {
      name: "Children's services evidence challenge panel",
      termsOfReference: 'A multi-agency panel of senior officers that challenges the evidence of change, outcome and impact.',
      members: [
        { userId: chair.userId, role: 'chair' },
        { userId: vice.userId, role: 'vice-chair' },
        { userId: david.userId, role: 'member' },
        { userId: police.userId, role: 'member' },
      ],
      quorum: 3,
      planIds: [plans.inspection, plans.peerReview, plans.youthJustice],
    };
    expect(refusal(await chair.post('/standing-panels', panel))).toEqual([403, 'STANDING.NOT_PLAN_MANAGER']);
    const withViewer = { ...panel, members: [...panel.members, { userId: clerk.userId, role: 'member' }] };
    expect(refusal(await manager.post('/standing-panels', withViewer))).toEqual([422, 'PANEL.ROLE_CANNOT_SIT']);
    expect(refusal(await manager.post('/standing-panels', { ...panel, quorum: 5 }))).toEqual([422, 'STANDING.INVALID_QUORUM']);
    const badRole = await manager.post('/standing-panels', {
      ...panel,
      members: [{ userId: chair.userId, role: 'president' }, panel.members[1]],
    });
    expect(badRole.status).toBe(400);
    expect(badRole.body.errors.map((error: { field: string }) => error.field)).toContain('members.0.role');

    standingPanelId = (await created(manager.post('/standing-panels', panel))).body.id;
    const shown = await clerk.get(`/standing-panels/${standingPanelId}`);
    expect(shown.body).toMatchObject({
      name: panel.name,
      quorum: 3,
      members: panel.members,
      planIds: panel.planIds,
      history: [{ type: 'StandingPanelEstablished', by: manager.userId }],
    });
    expect((await clerk.get('/standing-panels')).body).toContainEqual(
      expect.objectContaining({
        standingPanelId,
        plans: expect.arrayContaining([{ planId: plans.youthJustice, title: 'Youth justice plan 2023/24' }]),
      }),
    );
  });

  it('runs a meeting that tables actions of all three plans and refuses one of a plan it does not serve', async () => {
    const { manager, chair } = world.users;
    meetingId = (await created(manager.post('/panels', { standingPanelId, title: 'Evidence challenge panel, May', date: today() }))).body
      .id;
    const meeting = (await manager.get(`/panels/${meetingId}`)).body;
    // The panel's chair and members, and its first plan, when the schedule names none.
    expect(meeting).toMatchObject({ standingPanelId, planId: plans.inspection, chair: chair.userId });
    expect(meeting.members).toHaveLength(4);

    for (const actionId of [actions.inspection, actions.peerReview, actions.youthJustice])
      await created(manager.post(`/panels/${meetingId}/agenda`, { actionId }));
    expect(refusal(await manager.post(`/panels/${meetingId}/agenda`, { actionId: actions.send }))).toEqual([422, 'PANEL.OTHER_PLAN']);
    const agenda = (await manager.get(`/panels/${meetingId}`)).body.agenda;
    expect(agenda.map((item: { actionId: string; planId: string }) => [item.actionId, item.planId])).toEqual([
      [actions.inspection, plans.inspection],
      [actions.peerReview, plans.peerReview],
      [actions.youthJustice, plans.youthJustice],
    ]);
  });

  it("needs the panel's quorum for plans that set none, and a plan's own quorum where it set one", async () => {
    const { manager, chair, vice, david } = world.users;
    await created(manager.post(`/panels/${meetingId}/attendance`, { present: [chair.userId, vice.userId] }));
    // The inspection plan took the default quorum: the panel's 3 applies, and two are present.
    const short = await decide(chair, actions.inspection);
    expect(refusal(short)).toEqual([422, 'PANEL.QUORUM_NOT_MET']);
    expect(short.body.detail).toContain('3 needed, 2 present');
    // The peer review plan set its own quorum of 2: two present sign its action off.
    await created(decide(chair, actions.peerReview));

    await created(manager.post(`/panels/${meetingId}/attendance`, { present: [chair.userId, vice.userId, david.userId] }));
    await created(decide(vice, actions.inspection));
    await created(decide(chair, actions.youthJustice, 'deferred'));

    const [inspection, peerReview, youthJustice] = await Promise.all(
      [actions.inspection, actions.peerReview, actions.youthJustice].map(
        async (actionId) => (await manager.get(`/actions/${actionId}`)).body,
      ),
    );
    expect([inspection.stage, peerReview.stage, youthJustice.stage]).toEqual(['complete', 'complete', 'submitted']);
    const agenda = (await manager.get(`/panels/${meetingId}`)).body.agenda;
    expect(agenda.map((item: { decision: { outcome: string } }) => item.decision.outcome)).toEqual([
      'signed off',
      'signed off',
      'deferred',
    ]);
  });

  it('records with each decision whose quorum applied and how many it needed, and the action’s history says so', async () => {
    const { manager } = world.users;
    const agenda = (await manager.get(`/panels/${meetingId}`)).body.agenda;
    expect(agenda.map((item: { decision: { quorum: unknown } }) => item.decision.quorum)).toEqual([
      { needed: 3, from: 'standing panel' },
      { needed: 2, from: 'plan' },
      { needed: 3, from: 'standing panel' },
    ]);
    const outcomeLine = async (actionId: string) =>
      (await manager.get(`/actions/${actionId}/history`)).body.entries.find(
        (entry: { type: string }) => entry.type === 'PanelOutcomeRecorded',
      )?.what;
    await eventually('the outcomes carried to the actions', async () => (await outcomeLine(actions.peerReview)) !== undefined);
    expect(await outcomeLine(actions.peerReview)).toBe('evidence challenge panel: signed off, quorum of 2 (the plan’s own)');
    await eventually('the inspection outcome', async () => (await outcomeLine(actions.inspection)) !== undefined);
    expect(await outcomeLine(actions.inspection)).toBe('evidence challenge panel: signed off, quorum of 3 (the standing panel’s)');
  });

  it('lists its meetings by standing panel, by each plan it serves, and by day, refusing a day that is not one', async () => {
    const { clerk, manager, chair } = world.users;
    const single = (
      await created(
        manager.post('/panels', { planId: plans.send, title: 'SEND panel', date: '2023-03-01', chair: chair.userId, members: [] }),
      )
    ).body.id;
    const ids = async (query: string) => (await clerk.get(`/panels?${query}`)).body.map((line: { panelId: string }) => line.panelId);
    expect(await ids(`standingPanel=${standingPanelId}`)).toEqual([meetingId]);
    expect(await ids(`plan=${plans.youthJustice}`)).toEqual([meetingId]);
    expect(await ids(`plan=${plans.send}`)).toEqual([single]);
    expect(await ids(`from=2023-01-01&to=2023-12-31`)).toEqual([single]);
    expect(await ids(`from=${today()}`)).toEqual([meetingId]);
    expect(await ids('order=oldest')).toEqual([single, meetingId]);
    expect(await ids('')).toEqual([meetingId, single]);
    const line = (await clerk.get(`/panels?plan=${plans.peerReview}`)).body[0];
    expect(line).toMatchObject({
      standingPanelId,
      tabled: 3,
      decided: 3,
      planIds: [plans.inspection, plans.peerReview, plans.youthJustice],
    });

    const bad = await clerk.get('/panels?from=2023-02-30');
    expect(refusal(bad)).toEqual([400, 'REQUEST.INVALID']);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'from' })]);
    const worse = await clerk.get('/panels?to=yesterday&order=sideways');
    expect(worse.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['order', 'to']);
  });

  it('keeps every change with its reason, and tables no more of a plan it has stopped serving', async () => {
    const { manager, police } = world.users;
    await created(
      manager.post(`/standing-panels/${standingPanelId}/plans`, {
        planId: plans.send,
        reason: 'The SEND WSOA comes to this panel from June',
      }),
    );
    await created(
      manager.post(`/standing-panels/${standingPanelId}/plans/removal`, {
        planId: plans.youthJustice,
        reason: 'The YJS board signs off its own plan',
      }),
    );
    expect((await manager.put(`/standing-panels/${standingPanelId}`, { quorum: 2, reason: 'Terms of reference reviewed' })).status).toBe(
      200,
    );
    const members = (await manager.get(`/standing-panels/${standingPanelId}`)).body.members.filter(
      (member: { userId: string }) => member.userId !== police.userId,
    );
    expect((await manager.put(`/standing-panels/${standingPanelId}/members`, { members, reason: 'The inspector retired' })).status).toBe(
      200,
    );

    const another = await submitted(plans.youthJustice, 'YJS AP 4.2');
    expect(refusal(await manager.post(`/panels/${meetingId}/agenda`, { actionId: another }))).toEqual([422, 'PANEL.OTHER_PLAN']);
    await created(manager.post(`/panels/${meetingId}/agenda`, { actionId: actions.send }));

    const panel = (await manager.get(`/standing-panels/${standingPanelId}`)).body;
    expect(panel).toMatchObject({ quorum: 2, planIds: [plans.inspection, plans.peerReview, plans.send] });
    expect(panel.members).toHaveLength(3);
    expect(panel.history.map((change: { type: string; change: { reason?: string } }) => [change.type, change.change.reason])).toEqual([
      ['StandingPanelEstablished', undefined],
      ['StandingPanelStartedServingPlan', 'The SEND WSOA comes to this panel from June'],
      ['StandingPanelStoppedServingPlan', 'The YJS board signs off its own plan'],
      ['StandingPanelAmended', 'Terms of reference reviewed'],
      ['StandingPanelMembersChanged', 'The inspector retired'],
    ]);
    expect(panel.meetings.map((meeting: { panelId: string }) => meeting.panelId)).toEqual([meetingId]);
  });

  it('asks the owners of open actions of each plan it tabled an action of for an update before the meeting', async () => {
    const { manager, owner } = world.users;
    // The peer review plan is not the meeting's own plan (the inspection plan is), but the meeting tabled its action.
    const open = (
      await created(
        manager.post(`/plans/${plans.peerReview}/actions`, {
          groupingId: groupings[plans.peerReview],
          references: ['PR-12'],
          description: 'Action PR-12',
          targetDate: 'Mar-27',
          leadOwners: [{ kind: 'person', name: people.owner.name, userId: owner.userId }],
        }),
      )
    ).body.id as string;
    const updateRequests = async () =>
      ((await manager.get(`/actions/${open}/history`)).body.entries as Array<{ type: string; what: string }>)
        .filter((entry) => entry.type === 'ReminderSent')
        .map((entry) => entry.what);
    await eventually('an update request for the open action of the peer review plan', async () => (await updateRequests()).length > 0);
    expect(await updateRequests()).toEqual([expect.stringContaining(`update request (update before panel meeting on ${today()})`)]);
    expect((await updateRequests())[0]).toMatch(/^reminded Service Manager Evidence Based Hub and YOT: /);
  });
});
