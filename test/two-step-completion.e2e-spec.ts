import { created, startWorld, type Reply } from './support/api-world';

/**
 * A SEND written statement of action whose scheme counts an action complete only once the
 * Children's Improvement Board approves closure after the panel's sign-off, and which lets the
 * Youth Justice Management Board take the sign-off in the panel's place.
 */
const people = {
  manager: { name: 'SEND Performance Manager', role: 'plan manager' },
  deputy: { name: 'Deputy Performance Manager', role: 'plan manager' },
  owner: { name: 'Head of SEND', role: 'action owner' },
  chair: { name: 'Suzanne Joyner', role: 'panel member' },
  member: { name: 'Designated Clinical Officer', role: 'panel member' },
  board: { name: 'Board member', role: 'viewer' },
};
const BOARD = "Children's Improvement Board";
const YJMB = 'Youth Justice Management Board';
const today = () => new Date().toISOString().slice(0, 10);
const refusal = (reply: Reply) => [reply.status, reply.body?.code];
const rows = (summary: { byStatus: Array<{ label: string; count: number }> }) => summary.byStatus.map(({ label, count }) => [label, count]);

describe('two-step completion and delegated sign-off, over HTTP', () => {
  let world: Awaited<ReturnType<typeof startWorld<keyof typeof people>>>;
  let planId: string;
  let groupingId: string;

  const raise = async (reference: string, lead = world.users.owner) =>
    (
      await created(
        world.users.manager.post(`/plans/${planId}/actions`, {
          groupingId,
          references: [reference],
          description: `Action ${reference}`,
          targetDate: '31/12/2099',
          leadOwners: [{ kind: 'person', name: 'Lead', userId: lead.userId }],
        }),
      )
    ).body.id as string;
  const submit = async (actionId: string, owner = world.users.owner) => {
    const { manager } = world.users;
    const evidenceId = (
      await created(manager.post(`/actions/${actionId}/evidence`, { title: 'Audit', kind: 'audit', link: 'https://send.example/audit' }))
    ).body.createdId;
    await created(owner.post(`/actions/${actionId}/submission`, { evidenceIds: [evidenceId] }));
  };
  const panelSignsOff = async (actionId: string) => {
    const { manager, chair, member } = world.users;
    const panelId = (
      await created(
        manager.post('/panels', {
          planId,
          title: 'Evidence challenge panel',
          date: today(),
          chair: chair.userId,
          members: [member.userId],
        }),
      )
    ).body.id;
    await created(manager.post(`/panels/${panelId}/agenda`, { actionId }));
    await created(manager.post(`/panels/${panelId}/attendance`, { present: [chair.userId, member.userId] }));
    await created(chair.post(`/panels/${panelId}/decisions`, { actionId, outcome: 'signed off', rationale: 'Impact measures achieved' }));
  };
  const approval = { authority: 'minute 6', effective: { at: today(), source: `minutes of the ${BOARD}` } };

  beforeAll(async () => {
    world = await startWorld('two-step-completion', people);
    const { manager } = world.users;
    planId = (
      await created(
        manager.post('/plans', {
          kind: 'written statement of action',
          title: 'SEND Written Statement of Action',
          source: { body: 'Ofsted and CQC', date: '2022-01', judgement: null },
          ratingScheme: 'send-wsoa-brag',
          completeAt: 'approval to close',
          approvalToClose: BOARD,
          delegatedSignOff: [YJMB],
        }),
      )
    ).body.id;
    groupingId = (
      await created(manager.post(`/plans/${planId}/groupings`, { kind: 'priority area', references: ['1'], title: 'EHC plans' }))
    ).body.createdId;
  });

  afterAll(async () => {
    await world?.stop();
  });

  it('counts an action complete only once the named board approves closure after the panel signs it off', async () => {
    const { manager, owner, board } = world.users;
    const plan = (await board.get(`/plans/${planId}`)).body;
    expect([plan.approvalToClose, plan.delegatedSignOff, plan.ratingScheme.completeAt]).toEqual([BOARD, [YJMB], 'approval to close']);

    const actionId = await raise('1.1');
    await submit(actionId);
    expect(refusal(await manager.post(`/actions/${actionId}/approval-to-close`, approval))).toEqual([422, 'ACTION.NOT_SIGNED_OFF']);

    await panelSignsOff(actionId);
    const signedOff = (await board.get(`/actions/${actionId}`)).body;
    expect([signedOff.stage, signedOff.status.status, signedOff.status.awaitingApprovalToClose]).toEqual([
      'complete',
      'awaiting sign-off',
      { body: BOARD },
    ]);
    expect(signedOff.status.reason).toBe(`signed off by the evidence challenge panel, awaiting approval to close by ${BOARD}`);
    const waiting = (await board.get(`/plans/${planId}/summary?basis=computed`)).body.summary;
    expect(rows(waiting)).toEqual([
      ['Action complete', 0],
      ['Action on track', 1],
      ['Action in progress with some concerns', 0],
      ['Action at significant risk / no progress', 0],
      ['Action not due to start', 0],
    ]);
    // A rating saying complete waits for the approval too.
    const early = await manager.post(`/actions/${actionId}/rating-moderations`, {
      rating: 'complete',
      authority: BOARD,
      reason: 'Signed off',
    });
    expect(refusal(early)).toEqual([422, 'RATING.COMPLETE_WITHOUT_APPROVAL']);

    expect(refusal(await owner.post(`/actions/${actionId}/approval-to-close`, approval))).toEqual([403, 'ACTION.NOT_PLAN_MANAGER']);
    await created(manager.post(`/actions/${actionId}/approval-to-close`, approval));
    const closed = (await board.get(`/actions/${actionId}`)).body;
    expect(closed.status.status).toBe('complete');
    expect(closed.approvalToClose).toMatchObject({
      body: BOARD,
      authority: 'minute 6',
      source: `minutes of the ${BOARD}`,
      by: { id: manager.userId, role: 'plan manager' },
      at: expect.stringMatching(new RegExp(`^${today()}`)),
    });
    expect(refusal(await manager.post(`/actions/${actionId}/approval-to-close`, approval))).toEqual([
      409,
      'ACTION.ALREADY_APPROVED_TO_CLOSE',
    ]);
    const history = JSON.stringify((await board.get(`/actions/${actionId}/history`)).body);
    expect(history).toContain(`recorded approval to close by ${BOARD} on the authority of minute 6`);
    expect(rows((await board.get(`/plans/${planId}/summary?basis=computed`)).body.summary)[0]).toEqual(['Action complete', 1]);

    // Reopened, the action is signed off and approved again: the approval does not outlive the sign-off.
    await created(manager.post(`/actions/${actionId}/reopening`, { reason: 'Audit found the offer out of date' }));
    const reopened = (await board.get(`/actions/${actionId}`)).body;
    expect([reopened.stage, reopened.approvalToClose]).toEqual(['open', null]);
  });

  it("takes a delegated body's sign-off in the panel's place, only from a body the plan names and a recorder not conflicted", async () => {
    const { manager, deputy, board } = world.users;
    const actionId = await raise('1.2');
    await submit(actionId);
    const signOff = { body: 'Scrutiny Commission', authority: 'item 4', rationale: 'Audit seen', effective: { at: today() } };
    expect(refusal(await manager.post(`/actions/${actionId}/delegated-sign-off`, signOff))).toEqual([422, 'ACTION.NOT_DELEGATED_BODY']);
    await created(manager.post(`/actions/${actionId}/delegated-sign-off`, { ...signOff, body: 'youth justice management board' }));
    // Typed in by one plan manager, it waits for a second (ADR 33): the manager cannot confirm their own.
    const proposed = (await board.get(`/actions/${actionId}`)).body;
    expect([proposed.stage, proposed.delegatedSignOff, proposed.proposedSignOff]).toEqual([
      'submitted',
      null,
      expect.objectContaining({ kind: 'delegated', body: YJMB, by: expect.objectContaining({ id: manager.userId }) }),
    ]);
    const own = await manager.post(`/actions/${actionId}/proposed-sign-off/confirmation`, {});
    expect(refusal(own)).toEqual([403, 'ACTION.SELF_CONFIRMATION']);
    await created(deputy.post(`/actions/${actionId}/proposed-sign-off/confirmation`, {}));
    const action = (await board.get(`/actions/${actionId}`)).body;
    expect(action.delegatedSignOff).toMatchObject({
      body: YJMB,
      meetingDate: today(),
      authority: 'item 4',
      by: { id: deputy.userId },
      evidenceConsidered: [expect.objectContaining({ title: 'Audit' })],
    });
    expect(action.proposedSignOff).toBeNull();
    expect([action.stage, action.status.status, action.status.reason]).toEqual([
      'complete',
      'awaiting sign-off',
      `signed off by ${YJMB}, awaiting approval to close by ${BOARD}`,
    ]);
    await created(manager.post(`/actions/${actionId}/approval-to-close`, approval));
    expect((await board.get(`/actions/${actionId}`)).body.status.status).toBe('complete');

    // The deputy leads this one, so may not record its sign-off.
    const led = await raise('1.3', deputy);
    await submit(led, deputy);
    const conflicted = await deputy.post(`/actions/${led}/delegated-sign-off`, { ...signOff, body: YJMB });
    expect(refusal(conflicted)).toEqual([422, 'ACTION.CONFLICT_OF_INTEREST']);
    expect(refusal(await manager.post(`/actions/${led}/delegated-sign-off`, { ...signOff, body: YJMB, effective: undefined }))).toEqual([
      400,
      'REQUEST.INVALID',
    ]);
  });

  it('refuses an approval to close dated before the sign-off it follows, recording nothing', async () => {
    const { manager, board } = world.users;
    const actionId = await raise('1.4');
    await submit(actionId);
    await panelSignsOff(actionId);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const early = await manager.post(`/actions/${actionId}/approval-to-close`, {
      authority: 'minute 2',
      effective: { at: yesterday, source: `minutes of the ${BOARD}` },
    });
    expect(refusal(early)).toEqual([422, 'ACTION.APPROVAL_BEFORE_SIGN_OFF']);
    expect(early.body.detail).toContain(`approval to close on ${yesterday} would come before the sign-off it follows, on ${today()}`);
    expect((await board.get(`/actions/${actionId}`)).body.status.awaitingApprovalToClose).toEqual({ body: BOARD });
  });

  it('takes a board approving several actions at once only when every one may be approved, naming each refused', async () => {
    const { manager, owner, board } = world.users;
    const [first, second, notSignedOff] = [await raise('2.1'), await raise('2.2'), await raise('2.3')];
    for (const actionId of [first, second, notSignedOff]) await submit(actionId);
    await panelSignsOff(first);
    await panelSignsOff(second);
    const awaiting = async () =>
      (await Promise.all([first, second].map(async (id) => (await board.get(`/actions/${id}`)).body.status.status))).join();
    const approvals = `/plans/${planId}/approvals-to-close`;
    const batch = { authority: 'minute 9', effective: approval.effective };

    const mixed = await manager.post(approvals, { ...batch, actionIds: [first, notSignedOff, second, 'no-such-action'] });
    expect(refusal(mixed)).toEqual([422, 'PLAN.APPROVALS_TO_CLOSE_REFUSED']);
    expect(mixed.body.errors).toEqual([
      { field: 'actionIds[1]', code: 'ACTION.NOT_SIGNED_OFF', problem: expect.stringMatching(/^action 2\.3: approval to close follows/) },
      { field: 'actionIds[3]', code: 'ACTION.NOT_FOUND', problem: 'action no-such-action: there is no action no-such-action in this plan' },
    ]);
    // All or nothing: the two that could have been approved were not.
    expect(await awaiting()).toBe('awaiting sign-off,awaiting sign-off');
    expect(refusal(await owner.post(approvals, { ...batch, actionIds: [first, second] }))).toEqual([403, 'ACTION.NOT_PLAN_MANAGER']);
    const twice = await manager.post(approvals, { ...batch, actionIds: [first, first] });
    expect([twice.status, twice.body.errors]).toEqual([400, [expect.objectContaining({ field: 'actionIds' })]]);

    const key = { 'Idempotency-Key': `board-${planId}` };
    const approved = await created(manager.post(approvals, { ...batch, actionIds: [first, second] }, key));
    expect(approved.body.approved.map((one: { id: string }) => one.id)).toEqual([first, second]);
    expect(await awaiting()).toBe('complete,complete');
    expect((await board.get(`/actions/${second}`)).body.approvalToClose).toMatchObject({ body: BOARD, authority: 'minute 9' });
    // Sent again (a retry), the same answer comes back and nothing more is stored.
    const retried = await created(manager.post(approvals, { ...batch, actionIds: [first, second] }, key));
    expect([retried.headers.get('idempotent-replayed'), retried.body.approved.map((one: { version: number }) => one.version)]).toEqual([
      'true',
      approved.body.approved.map((one: { version: number }) => one.version),
    ]);
    const again = await manager.post(approvals, { ...batch, actionIds: [first] });
    expect([again.status, again.body.errors[0].code]).toEqual([422, 'ACTION.ALREADY_APPROVED_TO_CLOSE']);
  });

  it('refuses approval to close on a plan that requires none, leaving its sign-off to complete the action', async () => {
    const { manager, board } = world.users;
    const other = (
      await created(manager.post('/plans', { kind: 'inspection', title: 'HMIP', source: { body: 'HMIP', date: '2020-12-17' } }))
    ).body.id;
    const grouping = (await created(manager.post(`/plans/${other}/groupings`, { kind: 'recommendation', references: ['2'], title: 'R2' })))
      .body.createdId;
    const actionId = (
      await created(
        manager.post(`/plans/${other}/actions`, {
          groupingId: grouping,
          references: ['2.3'],
          description: 'Hold workshops',
          targetDate: '31/12/2099',
          leadOwners: [{ kind: 'team', name: 'CYPS Training' }],
        }),
      )
    ).body.id;
    await created(manager.post(`/actions/${actionId}/sign-off-from-paper`, { effective: { at: today(), source: 'Board paper' } }));
    await created(world.users.deputy.post(`/actions/${actionId}/proposed-sign-off/confirmation`, {}));
    expect((await board.get(`/actions/${actionId}`)).body.status.status).toBe('complete');
    expect(refusal(await manager.post(`/actions/${actionId}/approval-to-close`, approval))).toEqual([422, 'ACTION.NO_APPROVAL_TO_CLOSE']);
    expect((await board.get(`/plans/${other}`)).body).toMatchObject({ approvalToClose: null, delegatedSignOff: [] });
  });
});
