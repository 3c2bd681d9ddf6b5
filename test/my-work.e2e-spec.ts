import { created, startWorld } from './support/api-world';

/**
 * `GET /me/work` over the built app: each person's own list, built by the people in a plan doing
 * their jobs over HTTP (an action sent back by the panel included).
 */
const people = {
  manager: { name: 'YOT Performance Manager', role: 'plan manager' },
  owner: { name: 'CYPS Training lead', role: 'action owner' },
  chair: { name: 'Suzanne Joyner', role: 'panel member' },
  member: { name: 'Ian Atkinson', role: 'panel member' },
  deputy: { name: 'Deputy Performance Manager', role: 'plan manager' },
  lead: { name: 'Head of Service', role: 'action owner' },
};
const BOARD = 'Youth Justice Management Board';
const DAY = 86_400_000;
const day = (n: number) => new Date(Date.now() + n * DAY).toISOString().slice(0, 10);

describe('my work', () => {
  let world: Awaited<ReturnType<typeof startWorld<keyof typeof people>>>;
  const ids: Record<'overdue' | 'soon' | 'revised' | 'back', string> = { overdue: '', soon: '', revised: '', back: '' };
  let panelId = '';
  let revisionId = '';
  let planId = '';
  let groupingId = '';

  beforeAll(async () => {
    world = await startWorld('my-work', people);
    const { manager, owner, chair, member } = world.users;
    planId = (
      await created(
        manager.post('/plans', {
          kind: 'inspection',
          title: 'YOT HMIP Inspection Action Plan',
          source: { body: 'HMIP', date: '2020-12-17' },
        }),
      )
    ).body.id;
    groupingId = (
      await created(
        manager.post(`/plans/${planId}/groupings`, { kind: 'recommendation', references: ['2'], title: 'Looked after children' }),
      )
    ).body.createdId;
    await created(manager.post(`/plans/${planId}/activation`, { submittedTo: 'Youth Justice Board', submittedOn: day(0) }));
    const targets = { overdue: -3, soon: 5, revised: 100, back: 100 };
    for (const [n, [key, target]] of Object.entries(targets).entries()) {
      ids[key as keyof typeof ids] = (
        await created(
          manager.post(`/plans/${planId}/actions`, {
            groupingId,
            references: [`2.${n + 1}`],
            description: `Action 2.${n + 1}`,
            targetDate: day(target),
            leadOwners: [{ kind: 'role', name: 'CYPS Training lead', userId: owner.userId }],
          }),
        )
      ).body.id;
    }
    revisionId = (
      await created(owner.post(`/actions/${ids.revised}/target-date-revisions`, { proposed: day(150), reason: 'Auditors booked late' }))
    ).body.createdId;
    await created(owner.post(`/actions/${ids.back}/progress`, { commentary: 'Workshops held', assessment: 'on track', asOf: day(0) }));
    const evidenceId = (
      await created(
        owner.post(`/actions/${ids.back}/evidence`, { title: 'Registers', kind: 'document', link: 'https://council.example/registers' }),
      )
    ).body.createdId;
    await created(owner.post(`/actions/${ids.back}/submission`, { evidenceIds: [evidenceId] }));
    panelId = (
      await created(
        manager.post('/panels', { planId, title: 'Evidence challenge panel', date: day(0), chair: chair.userId, members: [member.userId] }),
      )
    ).body.id;
    await created(chair.post(`/panels/${panelId}/agenda`, { actionId: ids.back }));
    await created(chair.post(`/panels/${panelId}/attendance`, { present: [chair.userId, member.userId] }));
    await created(
      chair.post(`/panels/${panelId}/decisions`, {
        actionId: ids.back,
        outcome: 'more evidence required',
        rationale: 'Impact not yet shown',
        challengePoints: ['Show the re-audit results'],
      }),
    );
  }, 60_000);
  afterAll(() => world?.stop());

  it('gives the owner their actions, most pressing first, with what each asks of them', async () => {
    const { status, body } = await world.users.owner.get('/me/work');
    expect(status).toBe(200);
    expect(body.actions.map((line: { actionId: string; category: string }) => [line.actionId, line.category])).toEqual([
      [ids.overdue, 'overdue'],
      [ids.soon, 'due soon'],
      [ids.revised, 'awaiting update'],
      [ids.back, 'sent back'],
    ]);
    const [overdue, , revised, back] = body.actions;
    expect(overdue).toMatchObject({
      planTitle: 'YOT HMIP Inspection Action Plan',
      references: ['2.1'],
      ownedAs: 'lead',
      targetDate: { due: day(-3) },
      status: { status: 'off track' },
      asks: [
        {
          kind: 'overdue',
          says: `past its target date of ${day(-3)} by 3 days: report progress, ask for a new date or submit it for sign-off`,
        },
        { kind: 'awaiting update', says: `a progress update is asked for before the panel meeting on ${day(0)}` },
      ],
    });
    expect(revised.updateRequestedFor).toEqual({ kind: 'panel', id: panelId, date: day(0) });
    expect(back).toMatchObject({ challengePoints: ['Show the re-audit results'], latestProgress: { commentary: 'Workshops held' } });
    expect(body.counts).toEqual({ overdue: 1, 'due soon': 1, 'awaiting update': 1, 'sent back': 1, 'in hand': 0, done: 0 });
    expect(body.panels).toEqual([]);
  });

  it('gives panel members the meetings they sit on', async () => {
    const { body } = await world.users.member.get('/me/work');
    expect(body.panels).toEqual([
      expect.objectContaining({ panelId, date: day(0), seat: 'member', tabled: 1, undecided: 0, upcoming: true }),
    ]);
    expect(body.actions).toEqual([]);
  });

  it("gives the plan's manager the revisions waiting for approval, until approved", async () => {
    const { manager } = world.users;
    expect((await manager.get('/me/work')).body.revisions).toEqual([
      expect.objectContaining({
        revisionId,
        actionId: ids.revised,
        proposed: expect.objectContaining({ due: day(150) }),
        reason: 'Auditors booked late',
      }),
    ]);
    await created(manager.post(`/actions/${ids.revised}/target-date-revisions/${revisionId}/approval`, {}));
    expect((await manager.get('/me/work')).body.revisions).toEqual([]);
  });

  /** ADR 33 and ADR 31, over HTTP: what one plan manager types in waits in a second one's list, and signed off, for the board. */
  describe('what waits for a second officer, and for the board', () => {
    let paper = '';
    let entered = '';
    const workOf = async (who: keyof typeof people) => (await world.users[who].get('/me/work')).body;

    beforeAll(async () => {
      const { manager, lead, chair, member } = world.users;
      const raise = async (reference: string) =>
        (
          await created(
            manager.post(`/plans/${planId}/actions`, {
              groupingId,
              references: [reference],
              description: `Action ${reference}`,
              targetDate: day(100),
              leadOwners: [{ kind: 'role', name: 'Head of Service', userId: lead.userId }],
            }),
          )
        ).body.id as string;
      paper = await raise('2.10');
      await created(manager.post(`/actions/${paper}/sign-off-from-paper`, { effective: { at: day(0), source: 'YJB paper, July' } }));

      entered = await raise('2.11');
      const evidenceId = (
        await created(lead.post(`/actions/${entered}/evidence`, { title: 'Protocol', kind: 'policy', link: 'https://council.example/p' }))
      ).body.createdId;
      await created(lead.post(`/actions/${entered}/submission`, { evidenceIds: [evidenceId] }));
      const minuted = (
        await created(
          manager.post('/panels', { planId, title: 'Minuted panel', date: day(0), chair: chair.userId, members: [member.userId] }),
        )
      ).body.id as string;
      await created(manager.post(`/panels/${minuted}/agenda`, { actionId: entered }));
      await created(manager.post(`/panels/${minuted}/attendance`, { present: [chair.userId, member.userId] }));
      await created(
        manager.post(`/panels/${minuted}/decisions`, {
          actionId: entered,
          outcome: 'signed off',
          rationale: 'Protocol adopted',
          decidedBy: chair.userId,
          effective: { at: day(0), source: 'Minutes of the panel' },
        }),
      );
    }, 60_000);

    it('asks a second plan manager to confirm a sign-off from a paper, and tells its proposer it waits, until confirmed', async () => {
      const waiting = [
        expect.objectContaining({ planId, count: 1, signOffs: [expect.objectContaining({ actionId: paper, kind: 'from paper' })] }),
      ];
      expect((await workOf('deputy')).signOffsToConfirm).toEqual(waiting);
      expect(await workOf('manager')).toMatchObject({ signOffsToConfirm: [], signOffsProposed: waiting });
      // The owner is neither asked nor told; nor is anyone who does not manage plans.
      expect(await workOf('lead')).toMatchObject({ signOffsToConfirm: [], signOffsProposed: [] });
      expect((await workOf('chair')).signOffsToConfirm).toEqual([]);

      await created(world.users.deputy.post(`/actions/${paper}/proposed-sign-off/confirmation`, {}));
      expect((await workOf('deputy')).signOffsToConfirm).toEqual([]);
      expect((await workOf('manager')).signOffsProposed).toEqual([]);
    });

    it('asks the chair named in the minutes, and plan managers but the one who entered it, to confirm an entered decision, until answered', async () => {
      const [entry] = (await workOf('chair')).decisionEntries;
      expect(entry).toMatchObject({ actionId: entered, meetingTitle: 'Minuted panel', outcome: 'signed off', takenByYou: true });
      expect((await workOf('deputy')).decisionEntries).toEqual([expect.objectContaining({ actionId: entered, takenByYou: false })]);
      expect((await workOf('manager')).decisionEntries).toEqual([]);
      expect((await workOf('member')).decisionEntries).toEqual([]);

      await created(
        world.users.chair.post(`/panels/${entry.panelId}/decisions/${entry.decisionId}/rejection`, { reason: 'The minutes defer it' }),
      );
      expect((await workOf('chair')).decisionEntries).toEqual([]);
      expect((await workOf('deputy')).decisionEntries).toEqual([]);
    });

    it("asks the plan's manager to record the board's approval to close an action signed off, until recorded", async () => {
      const { manager } = world.users;
      expect(
        (
          await manager.patch(`/plans/${planId}`, {
            approvalToClose: BOARD,
            completeAt: 'approval to close',
            reason: 'Board approves closure',
          })
        ).status,
      ).toBe(200);
      expect((await workOf('manager')).approvalsToClose).toEqual([
        expect.objectContaining({
          planId,
          body: BOARD,
          count: 1,
          actions: [expect.objectContaining({ actionId: paper, references: ['2.10'] })],
        }),
      ]);
      expect((await workOf('lead')).approvalsToClose).toEqual([]);

      await created(manager.post(`/actions/${paper}/approval-to-close`, { authority: 'minute 6', effective: { at: day(0) } }));
      expect((await workOf('manager')).approvalsToClose).toEqual([]);
    });
  });

  it('asks for a token', async () => {
    const { status, body } = await world.anonymous.get('/me/work');
    expect({ status, code: body.code }).toEqual({ status: 401, code: 'AUTH.UNAUTHENTICATED' });
  });
});
