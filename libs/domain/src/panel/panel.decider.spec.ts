import { spec } from '../../../testing/src/decider-spec';
import type { Actor } from '../decider';
import { DomainError } from '../domain-error';
import type { Stage } from '../action/action.state';
import type { DecisionFacts, PanelCommand, PanelPerson } from './panel.commands';
import { panelDecider } from './panel.decider';
import type { EvidenceConsidered, PanelEvent } from './panel.events';

// The CYPS Evidence Challenge Panel that signed off the YOT HMIP inspection action plan (seed 001).
const now = '2022-01-12T10:00:00.000Z';
const manager: Actor = { userId: 'u-plan-manager', role: 'plan manager' };
const chair: Actor = { userId: 'u-sjoyner', role: 'panel member' };
const ccg: Actor = { userId: 'u-iatkinson', role: 'panel member' };
const earlyHelp: Actor = { userId: 'u-dmcwilliams', role: 'panel member' };
// Sits on the panel and leads action 19.2, "To establish a triage and outcomes panel".
const yotServiceManager: Actor = { userId: 'u-yot-service-manager', role: 'panel member' };

const scheduled: PanelEvent = {
  type: 'PanelScheduled',
  data: {
    panelId: 'ecp-2022-01-12',
    planId: 'p-hmip',
    title: 'CYPS Evidence Challenge Panel',
    date: '2022-01-12',
    chair: 'u-sjoyner',
    members: ['u-iatkinson', 'u-dmcwilliams', 'u-yot-service-manager', 'u-sjoyner'],
  },
};
const tabled: PanelEvent = { type: 'ActionTabled', data: { actionId: 'a-19.2', references: ['19.2', '21.2'], submittedVersion: 7 } };
const attended = (...present: Actor[]): PanelEvent => ({ type: 'AttendanceRecorded', data: { present: present.map((a) => a.userId) } });
const allPresent = attended(chair, ccg, earlyHelp, yotServiceManager);
const termsOfReference: EvidenceConsidered = {
  evidenceId: 'e-tor',
  sha256: 'b'.repeat(64),
  title: 'Triage and Outcomes Panel terms of reference',
};
const boardMinutes: EvidenceConsidered = { evidenceId: 'e-minutes', sha256: null, title: 'YOT Management Board minutes, 15 March 2021' };
// The directory as it stands when each command is decided: everyone above holds a panel seat.
const seated = (...actors: Actor[]): PanelPerson[] => actors.map(({ userId, role }) => ({ userId, role, disabled: false }));
const panelPeople = seated(chair, ccg, earlyHelp, yotServiceManager);
const given = (...events: PanelEvent[]) => spec(panelDecider).given(events);
const refusal = (events: PanelEvent[], command: PanelCommand) =>
  panelDecider.decide(command, events.reduce(panelDecider.evolve, panelDecider.initialState)) as DomainError;

describe('schedule-panel', () => {
  const schedule = {
    type: 'SchedulePanel' as const,
    actor: manager,
    now,
    panelId: 'ecp-2022-01-12',
    planId: 'p-hmip',
    title: 'CYPS Evidence Challenge Panel',
    date: '2022-01-12',
    chair: 'u-sjoyner',
    members: ['u-iatkinson', 'u-dmcwilliams', 'u-yot-service-manager'],
    facts: { planExists: true, unknownUsers: [], people: panelPeople },
  };
  const membersOf = (command: PanelCommand) => (given().when(command).events()[0].data as { members: string[] }).members;
  it('schedules a meeting, making the chair a member', () => given().when(schedule).then([scheduled]));
  it('does not list the chair twice', () =>
    expect(membersOf({ ...schedule, members: ['u-sjoyner', 'u-iatkinson', 'u-sjoyner'] })).toEqual(['u-sjoyner', 'u-iatkinson']));
  it('accepts a meeting of the chair alone', () => expect(membersOf({ ...schedule, members: [] })).toEqual(['u-sjoyner']));
  it('lets an admin schedule', () =>
    given()
      .when({ ...schedule, actor: { userId: 'u-admin', role: 'admin' } })
      .thenAppends('PanelScheduled'));
  it('refuses anyone who does not manage plans, the chair included', () =>
    given()
      .when({ ...schedule, actor: chair })
      .thenRefuses('PANEL.NOT_PLAN_MANAGER'));
  it('refuses to schedule the same meeting twice', () => given(scheduled).when(schedule).thenRefuses('PANEL.ALREADY_SCHEDULED'));
  it('refuses a meeting without a title', () =>
    given()
      .when({ ...schedule, title: '' })
      .thenRefuses('PANEL.REQUIRED'));
  it('refuses a meeting without a chair', () =>
    given()
      .when({ ...schedule, chair: ' ' })
      .thenRefuses('PANEL.REQUIRED'));
  it('refuses a day that never happened', () =>
    given()
      .when({ ...schedule, date: '2022-02-30' })
      .thenRefuses('PANEL.DATE_UNREADABLE'));
  it('refuses a date not written as a day', () =>
    given()
      .when({ ...schedule, date: '12/01/2022' })
      .thenRefuses('PANEL.DATE_UNREADABLE'));
  it('refuses a plan that does not exist, naming it', () => {
    const refused = refusal([], { ...schedule, facts: { ...schedule.facts, planExists: false } });
    expect([refused.code, refused.message]).toEqual(['PANEL.UNKNOWN_PLAN', 'there is no plan p-hmip']);
  });
  it('refuses members who are not users, naming them', () => {
    const refused = refusal([], { ...schedule, facts: { ...schedule.facts, unknownUsers: ['u-nobody', 'u-gone'] } });
    expect([refused.code, refused.message]).toEqual(['PANEL.UNKNOWN_USER', 'no user u-nobody, u-gone to sit on the panel']);
  });

  describe('separation of duties: only panel members, with enabled accounts, sit on it', () => {
    const viewer: PanelPerson = { userId: 'u-clerk', role: 'viewer', disabled: false };
    const withPeople = (people: PanelPerson[], changes: Partial<typeof schedule> = {}) => ({
      ...schedule,
      ...changes,
      facts: { ...schedule.facts, people },
    });
    it('refuses the probe: a plan manager in the chair with a viewer as the only member, naming both and their roles', () => {
      const refused = refusal([], withPeople([...seated(manager), viewer], { chair: manager.userId, members: [viewer.userId] }));
      expect([refused.code, refused.message]).toEqual([
        'PANEL.ROLE_CANNOT_SIT',
        'only panel members sit on a panel: u-clerk is a viewer, u-plan-manager is a plan manager',
      ]);
    });
    it.each(['admin', 'plan manager', 'action owner', 'auditor', 'viewer'] as const)('refuses a member who is %s', (role) =>
      given()
        .when(withPeople([...panelPeople, { userId: 'u-someone', role, disabled: false }], { members: ['u-someone'] }))
        .thenRefuses('PANEL.ROLE_CANNOT_SIT'),
    );
    it('refuses a disabled panel member, naming them', () => {
      const refused = refusal(
        [],
        withPeople([...panelPeople.filter((p) => p.userId !== ccg.userId), { ...seated(ccg)[0], disabled: true }]),
      );
      expect([refused.code, refused.message]).toEqual(['PANEL.MEMBER_DISABLED', 'a disabled user does not sit on a panel: u-iatkinson']);
    });
    it('tells someone who may not schedule that first, whoever they name', () =>
      given()
        .when({ ...withPeople([viewer], { members: [viewer.userId] }), actor: chair })
        .thenRefuses('PANEL.NOT_PLAN_MANAGER'));
  });
});

describe('table-action', () => {
  const action = { planId: 'p-hmip', references: ['19.2', '21.2'], version: 7, stage: 'submitted' as const };
  const table = { type: 'TableAction' as const, actor: manager, now, actionId: 'a-19.2', facts: { action } };
  it('tables a submitted action with the version submitted', () => given(scheduled).when(table).then([tabled]));
  it('lets the chair table an action', () =>
    given(scheduled)
      .when({ ...table, actor: chair })
      .thenAppends('ActionTabled'));
  it('refuses a member who is not the chair', () =>
    given(scheduled)
      .when({ ...table, actor: ccg })
      .thenRefuses('PANEL.NOT_CHAIR'));
  it('refuses the chair once their role no longer holds a panel seat', () =>
    given(scheduled)
      .when({ ...table, actor: { ...chair, role: 'action owner' } })
      .thenRefuses('PANEL.NOT_CHAIR'));
  it('refuses a meeting that was never scheduled', () => given().when(table).thenRefuses('PANEL.NOT_FOUND'));
  it('refuses an action not submitted for sign-off', () =>
    given(scheduled)
      .when({ ...table, facts: { action: { ...action, stage: 'open' } } })
      .thenRefuses('PANEL.ACTION_NOT_SUBMITTED'));
  it('refuses to table an action twice at one meeting', () => given(scheduled, tabled).when(table).thenRefuses('PANEL.ALREADY_TABLED'));
  it('refuses an action that does not exist, naming it', () => {
    const refused = refusal([scheduled], { ...table, facts: { action: null } });
    expect([refused.code, refused.message]).toEqual(['PANEL.UNKNOWN_ACTION', 'there is no action a-19.2']);
  });
  it('refuses an action of another plan', () => {
    const refused = refusal([scheduled], { ...table, facts: { action: { ...action, planId: 'p-ofsted' } } });
    expect([refused.code, refused.message]).toEqual(['PANEL.OTHER_PLAN', 'action a-19.2 belongs to another plan']);
  });
});

describe('record-attendance', () => {
  const record = {
    type: 'RecordAttendance' as const,
    actor: chair,
    now,
    present: ['u-sjoyner', 'u-iatkinson', 'u-iatkinson'],
    facts: { people: panelPeople },
  };
  it('records who is present, once each', () =>
    given(scheduled)
      .when(record)
      .then([attended(chair, ccg)]));
  it('lets a plan manager record attendance', () =>
    given(scheduled)
      .when({ ...record, actor: manager })
      .thenAppends('AttendanceRecorded'));
  it('refuses a member who is not the chair', () =>
    given(scheduled)
      .when({ ...record, actor: ccg })
      .thenRefuses('PANEL.NOT_CHAIR'));
  it('refuses a meeting that was never scheduled', () => given().when(record).thenRefuses('PANEL.NOT_FOUND'));
  it('refuses, by name, anyone present who is not a member', () => {
    const refused = refusal([scheduled], { ...record, present: ['u-sjoyner', 'u-jlawless', 'u-rjackson'] });
    expect([refused.code, refused.message]).toEqual(['PANEL.NOT_A_MEMBER', 'not a member of this panel: u-jlawless, u-rjackson']);
  });
  it('refuses a member disabled since the meeting was scheduled', () =>
    given(scheduled)
      .when({ ...record, facts: { people: [...seated(chair), { ...seated(ccg)[0], disabled: true }] } })
      .thenRefuses('PANEL.MEMBER_DISABLED'));
  it('refuses a member whose role has since become one that does not sit on a panel', () =>
    given(scheduled)
      .when({ ...record, facts: { people: [...seated(chair), { userId: ccg.userId, role: 'viewer', disabled: false }] } })
      .thenRefuses('PANEL.ROLE_CANNOT_SIT'));
});

describe('decide-on-action (sign-off at the evidence panel)', () => {
  const decide = {
    type: 'DecideOnAction' as const,
    actor: chair,
    now,
    decisionId: 'd-1',
    actionId: 'a-19.2',
    outcome: 'signed off' as const,
    rationale: 'Panel established; terms of reference reviewed and agreed',
    facts: {
      action: {
        planId: 'p-hmip',
        stage: 'submitted' as Stage,
        evidenceConsidered: [termsOfReference, boardMinutes],
        ownerUserIds: ['u-yot-service-manager'],
        submittedBy: 'u-yot-service-manager',
      },
      quorum: 2,
      members: panelPeople,
    },
  };
  const withAction = (changes: Partial<NonNullable<DecisionFacts['action']>>) => ({
    ...decide,
    facts: { ...decide.facts, action: { ...decide.facts.action, ...changes } },
  });
  const signedOff: PanelEvent = {
    type: 'PanelDecisionRecorded',
    data: {
      decisionId: 'd-1',
      actionId: 'a-19.2',
      outcome: 'signed off',
      rationale: 'Panel established; terms of reference reviewed and agreed',
      challengePoints: [],
      deferredTo: null,
      present: ['u-sjoyner', 'u-iatkinson', 'u-dmcwilliams', 'u-yot-service-manager'],
      countedTowardsQuorum: ['u-sjoyner', 'u-iatkinson', 'u-dmcwilliams'],
      evidenceConsidered: [termsOfReference, boardMinutes],
      decidedBy: 'u-sjoyner',
    },
  };
  const ready = [scheduled, tabled, allPresent];
  const dataOf = (command: PanelCommand) =>
    given(...ready)
      .when(command)
      .events()[0].data;

  it('signs off, recording who was present, who counted and which evidence versions', () =>
    given(...ready)
      .when(decide)
      .then([signedOff]));
  it('refuses a meeting that was never scheduled', () => given().when(decide).thenRefuses('PANEL.NOT_FOUND'));
  it('refuses an action not tabled at this meeting', () => given(scheduled, allPresent).when(decide).thenRefuses('PANEL.NOT_TABLED'));
  it('refuses a second decision on one action at one meeting', () =>
    given(...ready, signedOff)
      .when({ ...decide, decisionId: 'd-2' })
      .thenRefuses('PANEL.ALREADY_DECIDED'));
  it('refuses a decision id used already', () =>
    given(...ready, signedOff, { type: 'ActionTabled', data: { actionId: 'a-2.3', references: ['2.3'], submittedVersion: 4 } })
      .when({ ...withAction({ ownerUserIds: [] }), actionId: 'a-2.3' })
      .thenRefuses('PANEL.DECISION_EXISTS'));
  it('refuses an action no longer submitted', () =>
    given(...ready)
      .when(withAction({ stage: 'withdrawn' }))
      .thenRefuses('PANEL.ACTION_NOT_SUBMITTED'));
  it('refuses a member who is absent', () =>
    given(scheduled, tabled, attended(chair, ccg, earlyHelp))
      .when({ ...withAction({ ownerUserIds: [], submittedBy: null }), actor: yotServiceManager })
      .thenRefuses('PANEL.NOT_PRESENT'));
  it('refuses a plan manager who does not sit on the panel', () =>
    given(...ready)
      .when({ ...decide, actor: manager })
      .thenRefuses('PANEL.NOT_PRESENT'));
  it('refuses any decision before attendance is recorded', () => given(scheduled, tabled).when(decide).thenRefuses('PANEL.NOT_PRESENT'));
  it('goes by the attendance recorded last', () =>
    given(...ready, attended(chair, earlyHelp, yotServiceManager))
      .when({ ...decide, actor: ccg })
      .thenRefuses('PANEL.NOT_PRESENT'));
  it('refuses a member signing off an action they lead', () =>
    given(...ready)
      .when({ ...decide, actor: yotServiceManager })
      .thenRefuses('PANEL.CONFLICT_OF_INTEREST'));
  it('does not count a present owner towards the quorum', () => {
    const refused = refusal([scheduled, tabled, attended(chair, yotServiceManager)], decide);
    expect([refused.code, refused.message]).toEqual([
      'PANEL.QUORUM_NOT_MET',
      'the panel is not quorate: 2 needed, 1 present and not conflicted',
    ]);
  });
  it('refuses the member who submitted the action, though they no longer own it', () => {
    const refused = refusal(ready, { ...withAction({ ownerUserIds: [], submittedBy: earlyHelp.userId }), actor: earlyHelp });
    expect([refused.code, refused.message]).toEqual([
      'PANEL.CONFLICT_OF_INTEREST',
      'a member does not decide an action they submitted for sign-off',
    ]);
  });
  it('does not count the submitter towards the quorum', () =>
    expect(dataOf(withAction({ submittedBy: earlyHelp.userId }))).toMatchObject({ countedTowardsQuorum: ['u-sjoyner', 'u-iatkinson'] }));
  it('refuses a supporting owner as it refuses a lead: both are linked owners', () =>
    given(...ready)
      .when({ ...withAction({ ownerUserIds: ['u-lead', ccg.userId] }), actor: ccg })
      .thenRefuses('PANEL.CONFLICT_OF_INTEREST'));
  it('refuses a present member whose role no longer holds a panel seat', () => {
    const refused = refusal(ready, { ...decide, actor: { ...chair, role: 'plan manager' } });
    expect([refused.code, refused.message, refused.forbids]).toEqual([
      'PANEL.ROLE_CANNOT_DECIDE',
      'only a panel member decides for the panel, not a plan manager',
      true,
    ]);
  });
  it('does not count a present member disabled or moved to another role since attendance was taken', () => {
    const members = [...seated(chair, earlyHelp), { ...seated(ccg)[0], disabled: true }];
    const refused = refusal([scheduled, tabled, attended(chair, ccg, yotServiceManager)], {
      ...decide,
      facts: { ...decide.facts, members },
    });
    expect([refused.code, refused.message]).toEqual([
      'PANEL.QUORUM_NOT_MET',
      'the panel is not quorate: 2 needed, 1 present and not conflicted',
    ]);
  });
  it('needs two present and not conflicted even when the plan says one: nobody signs off alone', () => {
    const refused = refusal([scheduled, tabled, attended(chair, yotServiceManager)], { ...decide, facts: { ...decide.facts, quorum: 1 } });
    expect([refused.code, refused.message]).toEqual([
      'PANEL.QUORUM_NOT_MET',
      'the panel is not quorate: 2 needed, 1 present and not conflicted',
    ]);
  });
  it("takes the plan's quorum as given", () =>
    given(...ready)
      .when({ ...decide, facts: { ...decide.facts, quorum: 4 } })
      .thenRefuses('PANEL.QUORUM_NOT_MET'));
  it('is quorate with exactly the quorum present and not conflicted', () =>
    given(scheduled, tabled, attended(chair, ccg, yotServiceManager))
      .when(decide)
      .thenAppends('PanelDecisionRecorded'));
  it('refuses a decision without a rationale', () =>
    given(...ready)
      .when({ ...decide, rationale: '  ' })
      .thenRefuses('PANEL.REQUIRED'));
  it('refuses "more evidence required" without a challenge point', () =>
    given(...ready)
      .when({ ...decide, outcome: 'more evidence required', challengePoints: [' '] })
      .thenRefuses('PANEL.CHALLENGE_POINTS_REQUIRED'));
  it('keeps the challenge points the owner must answer', () =>
    expect(
      dataOf({ ...decide, outcome: 'more evidence required', challengePoints: [' Show the TOR in use at a panel ', ''] }),
    ).toMatchObject({ challengePoints: ['Show the TOR in use at a panel'] }));
  it('keeps challenge points only when asking for more evidence', () =>
    expect(dataOf({ ...decide, outcome: 'not accepted', challengePoints: ['Show the TOR in use'] })).toMatchObject({
      challengePoints: [],
    }));
  it('refuses a sign-off that considered no evidence', () =>
    given(...ready)
      .when(withAction({ evidenceConsidered: [] }))
      .thenRefuses('PANEL.NO_EVIDENCE'));
  it('accepts "not accepted" with no evidence considered', () =>
    given(...ready)
      .when({ ...withAction({ evidenceConsidered: [] }), outcome: 'not accepted' })
      .thenAppends('PanelDecisionRecorded'));
  it('defers to a later meeting', () =>
    expect(dataOf({ ...decide, outcome: 'deferred', deferredTo: 'ecp-2022-02-09' })).toMatchObject({
      outcome: 'deferred',
      deferredTo: 'ecp-2022-02-09',
    }));
  it('refuses a later meeting on anything but a deferral', () =>
    given(...ready)
      .when({ ...decide, deferredTo: 'ecp-2022-02-09' })
      .thenRefuses('PANEL.NOT_DEFERRED'));
  it('refuses a deferral to this same meeting', () =>
    given(...ready)
      .when({ ...decide, outcome: 'deferred', deferredTo: 'ecp-2022-01-12' })
      .thenRefuses('PANEL.DEFERRED_TO_SAME_PANEL'));
  it('refuses an action that does not exist before any other rule', () =>
    given()
      .when({ ...decide, facts: { ...decide.facts, action: null } })
      .thenRefuses('PANEL.UNKNOWN_ACTION'));
  it('refuses an action of another plan', () =>
    given(...ready)
      .when(withAction({ planId: 'p-ofsted' }))
      .thenRefuses('PANEL.OTHER_PLAN'));
});
