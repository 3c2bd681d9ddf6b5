import { created, startWorld, type Reply } from './support/api-world';

/**
 * A minuted meeting of the children's services evidence challenge panel, over HTTP against the
 * built app: the January meeting's agenda (two actions and a progress report), attendance with
 * apologies and a guest, a declaration that leaves one item inquorate, notes, decisions, resulting
 * actions and draft minutes, approved as a correct record at the next meeting (ADR 30).
 */
const people = {
  manager: { name: 'Head of Performance', role: 'plan manager' },
  owner: { name: 'Head of SEND', role: 'action owner' },
  chair: { name: 'Sally Joyner', role: 'panel member' },
  health: { name: 'Ian Atkinson', role: 'panel member' },
  police: { name: 'Dawn McWilliams', role: 'panel member' },
  education: { name: 'Paul Smith', role: 'panel member' },
};
const paper = 'Children and Young People’s Plan, as agreed by the partnership board';
const JANUARY = '2022-01-12';
const today = () => new Date().toISOString().slice(0, 10);
const refusal = (reply: Reply) => [reply.status, reply.body?.code];

describe('a minuted meeting, from agenda to approved minutes', () => {
  let world: Awaited<ReturnType<typeof startWorld<keyof typeof people>>>;
  let planId: string;
  let january: string;
  let february: string;
  const actions: Record<'audit' | 'training', string> = { audit: '', training: '' };
  let reportId: string;

  beforeAll(async () => {
    world = await startWorld('minuted-meeting', people);
    const { manager, owner, chair, health, police, education } = world.users;
    const before = { effective: { at: '2021-12-01', source: paper } };
    planId = (
      await created(
        manager.post('/plans', {
          kind: 'statutory plan',
          title: 'Children and Young People’s Plan',
          source: { body: 'CYP Partnership', date: '2021-12-01' },
          quorum: 3,
          ...before,
        }),
      )
    ).body.id;
    const groupingId = (
      await created(manager.post(`/plans/${planId}/groupings`, { kind: 'priority', references: ['2'], title: 'SEND', ...before }))
    ).body.createdId;
    await created(
      manager.post(`/plans/${planId}/activation`, { submittedTo: 'CYP Partnership Board', submittedOn: '2021-12-01', ...before }),
    );
    const submitted = { effective: { at: '2022-01-05', source: 'Submission to the panel, 5 January 2022' } };
    for (const [key, reference, description] of [
      ['audit', '2.3', 'Audit EHC plans quarterly'],
      ['training', '2.4', 'Train SENCOs in the new assessment tool'],
    ] as const) {
      actions[key] = (
        await created(
          manager.post(`/plans/${planId}/actions`, {
            groupingId,
            references: [reference],
            description,
            targetDate: 'Mar-22',
            leadOwners: [{ kind: 'person', name: people.owner.name, userId: owner.userId }],
            ...before,
          }),
        )
      ).body.id;
      const evidenceId = (
        await created(
          manager.post(`/actions/${actions[key]}/evidence`, {
            title: `${reference} evidence`,
            kind: 'report',
            link: `https://council.example/${reference}`,
            ...submitted,
          }),
        )
      ).body.createdId;
      await created(manager.post(`/actions/${actions[key]}/submission`, { evidenceIds: [evidenceId], ...submitted }));
    }
    const meeting = (date: string, extra: object = {}) =>
      manager.post('/panels', {
        planId,
        title: 'Children’s services evidence challenge panel',
        date,
        chair: chair.userId,
        members: [health.userId, police.userId, education.userId],
        ...extra,
      });
    january = (await created(meeting(JANUARY, before))).body.id;
    february = (await created(meeting(today()))).body.id;
  }, 120_000);
  afterAll(() => world?.stop());

  const minutesOf = async (panelId: string) => (await world.users.manager.get(`/panels/${panelId}/minutes`)).body;

  it('takes an agenda of actions and a progress report, and attendance with apologies and a guest', async () => {
    const { manager, chair, health, police, education } = world.users;
    await created(manager.post(`/panels/${january}/agenda`, { actionId: actions.audit }));
    await created(manager.post(`/panels/${january}/agenda`, { actionId: actions.training }));
    reportId = (
      await created(manager.post(`/panels/${january}/items`, { kind: 'progress report', title: 'SEND WSOA progress report', planId }))
    ).body.createdId;
    const guest = { name: 'Sam Patel', role: 'Head of Service, Remedi' };
    // Past-dated, so the plan manager takes it from the sign-in sheet.
    await created(
      manager.post(`/panels/${january}/attendance`, {
        present: [chair.userId, health.userId, police.userId],
        apologies: [education.userId],
        guests: [guest],
        effective: { at: JANUARY, source: 'Minutes of 12 January 2022' },
      }),
    );
    const apologiesPresent = await chair.post(`/panels/${january}/attendance`, { present: [chair.userId], apologies: [chair.userId] });
    expect(refusal(apologiesPresent)).toEqual([422, 'PANEL.APOLOGIES_FROM_PRESENT']);
    const minutes = await minutesOf(january);
    expect([minutes.present, minutes.apologies, minutes.guests, minutes.items.map((item: any) => [item.kind, item.title])]).toEqual([
      [chair.userId, health.userId, police.userId],
      [education.userId],
      [guest],
      [
        ['action', '2.3'],
        ['action', '2.4'],
        ['progress report', 'SEND WSOA progress report'],
      ],
    ]);
  });

  it('leaves a member who declared an interest out of the quorum: item 2.3 is inquorate, 2.4 is decided by the three', async () => {
    const { chair, police } = world.users;
    const reason = 'Her team delivered the audit';
    await created(police.post(`/panels/${january}/declarations`, { itemId: actions.audit, memberId: police.userId, reason }));
    expect(
      refusal(await police.post(`/panels/${january}/declarations`, { itemId: actions.audit, memberId: police.userId, reason })),
    ).toEqual([409, 'PANEL.ALREADY_DECLARED']);
    const byDeclared = await police.post(`/panels/${january}/decisions`, {
      actionId: actions.audit,
      outcome: 'signed off',
      rationale: 'Audit seen',
    });
    expect(refusal(byDeclared)).toEqual([422, 'PANEL.INTEREST_DECLARED']);
    const inquorate = await chair.post(`/panels/${january}/decisions`, {
      actionId: actions.audit,
      outcome: 'signed off',
      rationale: 'Audit seen',
    });
    expect([...refusal(inquorate), inquorate.body.detail]).toEqual([
      422,
      'PANEL.QUORUM_NOT_MET',
      'the panel is not quorate: 3 needed, 2 present and not conflicted',
    ]);
    // A plan manager entering it from the minutes names the member who took it: it needs the minutes as its source, and the member's rules apply.
    const entered = { actionId: actions.audit, outcome: 'signed off', rationale: 'Audit seen', decidedBy: chair.userId };
    const unsourced = await world.users.manager.post(`/panels/${january}/decisions`, entered);
    expect(refusal(unsourced)).toEqual([422, 'EFFECTIVE.REQUIRED']);
    const fromMinutes = await world.users.manager.post(`/panels/${january}/decisions`, {
      ...entered,
      effective: { at: JANUARY, source: 'Minutes of 12 January 2022' },
    });
    expect(refusal(fromMinutes)).toEqual([422, 'PANEL.QUORUM_NOT_MET']);
    await created(
      chair.post(`/panels/${january}/decisions`, {
        actionId: actions.training,
        outcome: 'signed off',
        rationale: 'Register of 40 SENCOs trained',
      }),
    );
    const minutes = await minutesOf(january);
    const [audit, training] = minutes.items;
    expect([audit.declarations, audit.decision, training.decision.countedTowardsQuorum, training.decision.effectiveOn]).toEqual([
      [{ memberId: police.userId, reason }],
      null,
      [chair.userId, world.users.health.userId, police.userId],
      JANUARY,
    ]);
  });

  it('minutes notes and resulting actions, and amends the draft before approval', async () => {
    const { chair, health } = world.users;
    await created(
      chair.post(`/panels/${january}/notes`, { itemId: actions.audit, notes: 'Inquorate after a declaration: carried to February.' }),
    );
    await created(chair.post(`/panels/${january}/notes`, { itemId: reportId, notes: 'Noted: 52 of 75 actions complete.' }));
    await created(chair.post(`/panels/${january}/notes`, { itemId: reportId, notes: 'Noted: 52 of 75 actions complete (69.3%).' }));
    const groupingId = (await world.users.manager.get(`/plans/${planId}`)).body.groupings[0].groupingId;
    const raised = (
      await created(
        health.post(`/panels/${january}/actions`, {
          groupingId,
          references: ['2.9'],
          description: 'Re-audit EHC plans rated inadequate',
          targetDate: 'Jun-22',
          leadOwners: [{ kind: 'role', name: 'Head of SEND' }],
        }),
      )
    ).body.id;
    await created(
      chair.post(`/panels/${january}/resulting-actions`, {
        itemId: reportId,
        text: 'Re-audit the inadequate plans',
        forWhom: 'Head of SEND',
        actionId: raised,
      }),
    );
    await created(chair.post(`/panels/${january}/resulting-actions`, { text: 'Circulate the terms of reference', forWhom: 'Panel clerk' }));
    const elsewhere = await chair.post(`/panels/${january}/resulting-actions`, { text: 'x', forWhom: 'y', actionId: actions.audit });
    expect(refusal(elsewhere)).toEqual([422, 'PANEL.ACTION_NOT_RAISED_HERE']);
    const minutes = await minutesOf(january);
    const report = minutes.items[2];
    expect([
      minutes.status,
      report.notes,
      report.resultingActions.map((action: any) => [action.text, action.forWhom, action.actionId]),
    ]).toEqual(['draft', 'Noted: 52 of 75 actions complete (69.3%).', [['Re-audit the inadequate plans', 'Head of SEND', raised]]]);
    expect(minutes.otherResultingActions.map((action: any) => action.forWhom)).toEqual(['Panel clerk']);
  });

  it('approves the minutes as a correct record at the next meeting, on both meetings, and refuses changing them after', async () => {
    const { chair, health, police } = world.users;
    await created(chair.post(`/panels/${february}/attendance`, { present: [chair.userId, health.userId, police.userId] }));
    const atItself = await chair.post(`/panels/${january}/minutes/approval`, { approvedAt: january, proposedBy: health.userId });
    expect(refusal(atItself)).toEqual([422, 'PANEL.MINUTES_NOT_LATER']);
    const earlier = await chair.post(`/panels/${february}/minutes/approval`, { approvedAt: january, proposedBy: health.userId });
    expect(refusal(earlier)).toEqual([422, 'PANEL.MINUTES_NOT_LATER']);
    await created(
      chair.post(`/panels/${january}/minutes/approval`, { approvedAt: february, proposedBy: health.userId, secondedBy: police.userId }),
    );
    expect(refusal(await chair.post(`/panels/${january}/minutes/approval`, { approvedAt: february, proposedBy: health.userId }))).toEqual([
      409,
      'PANEL.ALREADY_APPROVED',
    ]);
    const amended = await chair.post(`/panels/${january}/notes`, { itemId: reportId, notes: 'Changed after approval' });
    expect(refusal(amended)).toEqual([409, 'PANEL.ALREADY_APPROVED']);
    const approved = await minutesOf(january);
    expect([approved.status, approved.approval]).toEqual([
      'approved',
      expect.objectContaining({ approvedAt: february, approvedOn: today(), proposedBy: health.userId, secondedBy: police.userId }),
    ]);
    expect(approved.items[2].notes).toBe('Noted: 52 of 75 actions complete (69.3%).');
    // The minutes process carries the approval to February's own record.
    const deadline = Date.now() + 10_000;
    let carried: unknown[] = [];
    while (Date.now() < deadline && carried.length === 0) {
      carried = (await minutesOf(february)).approvedMinutesOf;
      if (carried.length === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(carried).toEqual([{ minutesOf: january, minutesDate: JANUARY, proposedBy: health.userId, secondedBy: police.userId }]);
  });
});
