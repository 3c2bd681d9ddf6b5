import { runBuilt } from '@actionplans/testing';
import { created, startWorld, type Reply } from './support/api-world';

/**
 * A council entering the HMIP plan it has kept on paper since January 2021: every command may say
 * when what it records happened, and where that is written down; the plan then answers for days
 * before it was typed in, and its history shows both moments and the source.
 */
const people = {
  manager: { name: 'YOT Performance Manager', role: 'plan manager' },
  owner: { name: 'Service Manager Evidence Based Hub and YOT', role: 'action owner' },
  chair: { name: 'Suzanne Joyner', role: 'panel member' },
  member: { name: 'Ian Atkinson', role: 'panel member' },
};
const submitted = 'HMIP action plan as submitted to the Youth Justice Board, 11 January 2021';
const minutes = 'minutes of the CYPS evidence challenge panel, 14 June 2022';
const paper = 'YOT HMIP action plan v0.9, 15 July 2021';
const today = () => new Date().toISOString().slice(0, 10);
const daysFromToday = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe('effective dates over HTTP', () => {
  let world: Awaited<ReturnType<typeof startWorld<keyof typeof people>>>;
  let planId: string;
  let groupingId: string;
  let actionId: string;
  const refusal = (reply: Reply) => [reply.status, reply.body.code];

  beforeAll(async () => {
    world = await startWorld('effective-dates', people);
    const { manager, owner } = world.users;
    planId = (
      await created(
        manager.post('/plans', {
          kind: 'inspection',
          title: 'YOT HMIP Inspection Action Plan',
          source: { body: 'HMIP', date: '2020-11-18' },
          effective: { at: '2021-01-11', source: submitted },
        }),
      )
    ).body.id;
    groupingId = (
      await created(
        manager.post(`/plans/${planId}/groupings`, {
          kind: 'recommendation',
          references: ['2'],
          title: 'Improve the quality of assessment',
          effective: { at: '2021-01-11', source: submitted },
        }),
      )
    ).body.createdId;
    actionId = (
      await created(
        manager.post(`/plans/${planId}/actions`, {
          groupingId,
          references: ['2.1'],
          description: 'Audit assessments',
          targetDate: 'Mar-21',
          leadOwners: [{ kind: 'person', name: people.owner.name, userId: owner.userId }],
          effective: { at: '2021-01-11T10:30:00+00:00', source: submitted },
        }),
      )
    ).body.id;
  });

  afterAll(() => world?.stop());

  it('answers the plan as at a day before it was typed in on the effective basis, and 404 on the recorded basis', async () => {
    const effective = await world.users.manager.get(`/plans/${planId}?asAt=2021-02-01&basis=effective`);
    expect([effective.status, effective.body.basis, effective.body.actions.map((a: { references: string[] }) => a.references)]).toEqual([
      200,
      'effective',
      [['2.1']],
    ]);
    const recorded = await world.users.manager.get(`/plans/${planId}?asAt=2021-02-01&basis=recorded`);
    expect(refusal(recorded)).toEqual([404, 'PLAN.NOT_FOUND']);
  });

  it('refuses an effective date in the future', async () => {
    const reply = await world.users.manager.post(`/plans/${planId}/groupings`, {
      kind: 'recommendation',
      references: ['3'],
      title: 'Court disposals',
      effective: { at: daysFromToday(2) },
    });
    expect(refusal(reply)).toEqual([422, 'EFFECTIVE.IN_FUTURE']);
    expect(reply.body.detail).toBe(`effective.at: ${daysFromToday(2)} is in the future: record it once it has happened`);
  });

  it('refuses an effective date before the plan began', async () => {
    const reply = await world.users.manager.post(`/plans/${planId}/actions`, {
      groupingId,
      references: ['2.2'],
      description: 'Review the assessment policy',
      targetDate: 'Apr-21',
      leadOwners: [{ kind: 'role', name: 'Head of Service' }],
      effective: { at: '2021-01-10', source: submitted },
    });
    expect(refusal(reply)).toEqual([422, 'EFFECTIVE.BEFORE_PLAN']);
  });

  it('refuses an effective date before the action began', async () => {
    const reply = await world.users.manager.patch(`/actions/${actionId}`, {
      description: 'Audit assessments quarterly',
      reason: 'agreed at the board',
      effective: { at: '2021-01-11T10:00:00Z', source: submitted },
    });
    expect(refusal(reply)).toEqual([422, 'EFFECTIVE.BEFORE_ACTION']);
  });

  it('refuses an owner past-dating, and keeps their backdated progress with asOf', async () => {
    const { owner } = world.users;
    const pastDated = await owner.post(`/actions/${actionId}/progress`, {
      commentary: 'Audit tool drafted',
      assessment: 'on track',
      asOf: '2021-02-01',
      effective: { at: '2021-02-01', source: 'my notes' },
    });
    expect(refusal(pastDated)).toEqual([403, 'EFFECTIVE.NOT_PERMITTED']);
    await created(
      owner.post(`/actions/${actionId}/progress`, {
        commentary: 'Audit tool drafted',
        assessment: 'on track',
        asOf: daysFromToday(-1),
        backdatingReason: 'reported at the team meeting',
      }),
    );
  });

  it('refuses a decision effective before its meeting, and one for a meeting still to come', async () => {
    const { manager, chair, member } = world.users;
    const schedule = async (date: string) =>
      (
        await created(
          manager.post('/panels', { planId, title: 'Evidence challenge panel', date, chair: chair.userId, members: [member.userId] }),
        )
      ).body.id as string;
    const past = await schedule(today());
    const attended = await world.admin.post(`/panels/${past}/attendance`, {
      present: [chair.userId],
      effective: { at: daysFromToday(-1), source: minutes },
    });
    expect(refusal(attended)).toEqual([422, 'EFFECTIVE.BEFORE_MEETING']);

    const ahead = await schedule(daysFromToday(7));
    const evidenceId = (
      await created(
        world.users.owner.post(`/actions/${actionId}/evidence`, {
          title: 'Audit tool',
          kind: 'audit',
          link: 'https://rotherham.example/2.1',
        }),
      )
    ).body.createdId;
    await created(world.users.owner.post(`/actions/${actionId}/submission`, { evidenceIds: [evidenceId] }));
    await created(manager.post(`/panels/${ahead}/agenda`, { actionId }));
    await created(manager.post(`/panels/${ahead}/attendance`, { present: [chair.userId, member.userId] }));
    const early = await chair.post(`/panels/${ahead}/decisions`, { actionId, outcome: 'signed off', rationale: 'Audit seen' });
    expect(refusal(early)).toEqual([422, 'EFFECTIVE.IN_FUTURE']);
  });

  it('answers 400 naming effective.at for a date that never happened, and effective.source when a past one has none', async () => {
    const { manager } = world.users;
    const bad = await manager.post(`/plans/${planId}/groupings`, {
      kind: 'theme',
      references: ['4'],
      title: 'Out-of-court disposals',
      effective: { at: '2021-02-30' },
    });
    expect([bad.status, bad.body.errors.map((e: { field: string }) => e.field)]).toEqual([400, ['effective.at']]);
    const unsourced = await manager.post(`/plans/${planId}/groupings`, {
      kind: 'theme',
      references: ['4'],
      title: 'Out-of-court disposals',
      effective: { at: '2021-02-01' },
    });
    expect([unsourced.status, unsourced.body.errors]).toEqual([
      400,
      [{ field: 'effective.source', problem: 'is required when effective.at is before today: name the paper or minutes it is taken from' }],
    ]);
  });

  it('records a sign-off from the paper: complete, saying so, with both moments and the source in the history', async () => {
    const { manager } = world.users;
    const signOffId = (
      await created(
        manager.post(`/plans/${planId}/actions`, {
          groupingId,
          references: ['2.3'],
          description: 'Hold workshops for staff',
          targetDate: 'Mar-21',
          leadOwners: [{ kind: 'team', name: 'CYPS Training' }],
          effective: { at: '2021-01-11', source: submitted },
        }),
      )
    ).body.id;
    const byOwner = await world.users.owner.post(`/actions/${signOffId}/sign-off-from-paper`, {
      effective: { at: '2021-07-15', source: paper },
    });
    expect(refusal(byOwner)).toEqual([403, 'ACTION.NOT_PLAN_MANAGER']);
    await created(manager.post(`/actions/${signOffId}/sign-off-from-paper`, { effective: { at: '2021-07-15', source: paper } }));
    // One plan manager's word is a proposal (ADR 33): a second officer, here an admin, confirms it.
    expect((await manager.get(`/actions/${signOffId}`)).body.stage).toBe('open');
    await created(world.admin.post(`/actions/${signOffId}/proposed-sign-off/confirmation`, {}));

    const view = (await manager.get(`/actions/${signOffId}`)).body;
    expect([view.stage, view.status.status, view.status.reason, view.signedOffFromPaper]).toEqual([
      'complete',
      'complete',
      `signed off, as recorded in ${paper}`,
      expect.objectContaining({ source: paper, at: '2021-07-15T00:00:00.000Z' }),
    ]);
    const summary = (await manager.get(`/plans/${planId}/summary`)).body.summary;
    expect(summary.complete).toBe(1);
    const asAt = async (day: string) =>
      (await manager.get(`/plans/${planId}?asAt=${day}&basis=effective`)).body.actions.find(
        (a: { actionId: string }) => a.actionId === signOffId,
      ).status.status;
    expect([await asAt('2021-07-14'), await asAt('2021-07-15')]).toEqual(['off track', 'complete']);

    const entries = (await manager.get(`/actions/${signOffId}/history`)).body.entries;
    expect(entries.map((entry: Record<string, unknown>) => [entry.what, entry.happenedAt, entry.source])).toEqual([
      ['raised 2.3: Hold workshops for staff (target Mar-21)', '2021-01-11T00:00:00.000Z', submitted],
      [`proposed, for a second plan manager to confirm: signed off, as recorded in ${paper}`, '2021-07-15T00:00:00.000Z', paper],
      ['confirmed the proposed sign-off', expect.stringMatching(new RegExp(`^${today()}`)), null],
      [`signed off, as recorded in ${paper}`, '2021-07-15T00:00:00.000Z', paper],
    ]);
    expect(entries.every((entry: { recordedAt: string }) => entry.recordedAt.startsWith(today()))).toBe(true);

    const printed = runBuilt('cli', ['history', signOffId], { DATA_DIR: world.dir });
    expect(printed.stdout.trim().split('\n')[3]).toMatch(
      new RegExp(
        `^2021-07-15 \\(recorded ${today()} \\d\\d:\\d\\d\\) {2}\\S+ \\(admin\\) {2}signed off, as recorded in ${paper.replace(/[.]/g, '\\.')} \\[source: ${paper.replace(/[.]/g, '\\.')}\\]$`,
      ),
    );
  });

  it('dates a decision on its meeting day when the meeting has passed', async () => {
    const { manager, chair, member, owner } = world.users;
    const decidedId = (
      await created(
        manager.post(`/plans/${planId}/actions`, {
          groupingId,
          references: ['2.4'],
          description: 'Train staff in the new assessment tool',
          targetDate: 'Jun-22',
          leadOwners: [{ kind: 'person', name: people.owner.name, userId: owner.userId }],
          effective: { at: '2021-01-11', source: submitted },
        }),
      )
    ).body.id;
    const at = { effective: { at: '2022-06-01', source: minutes } };
    const evidenceId = (
      await created(
        manager.post(`/actions/${decidedId}/evidence`, {
          title: 'Training register',
          kind: 'document',
          link: 'https://rotherham.example/2.4',
          ...at,
        }),
      )
    ).body.createdId;
    await created(manager.post(`/actions/${decidedId}/submission`, { evidenceIds: [evidenceId], ...at }));
    const panelId = (
      await created(
        manager.post('/panels', {
          planId,
          title: 'Evidence challenge panel',
          date: '2022-06-14',
          chair: chair.userId,
          members: [member.userId],
          ...at,
        }),
      )
    ).body.id;
    await created(manager.post(`/panels/${panelId}/agenda`, { actionId: decidedId, ...at }));
    await created(
      manager.post(`/panels/${panelId}/attendance`, {
        present: [chair.userId, member.userId],
        effective: { at: '2022-06-14', source: minutes },
      }),
    );
    await created(chair.post(`/panels/${panelId}/decisions`, { actionId: decidedId, outcome: 'signed off', rationale: 'Register seen' }));
    const outcome = (await manager.get(`/actions/${decidedId}`)).body.panelOutcomes[0];
    expect(outcome.at).toBe('2022-06-14T00:00:00.000Z');
  });
});
