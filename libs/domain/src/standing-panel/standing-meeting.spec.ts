import { spec } from '../../../testing/src/decider-spec';
import type { Actor } from '../decider';
import type { DecisionFacts, PanelCommand, PanelPerson, StandingMeetingFacts } from '../panel/panel.commands';
import { panelDecider } from '../panel/panel.decider';
import type { PanelEvent } from '../panel/panel.events';
import { quorumFor } from './standing-meeting';

// A meeting of the children's services evidence challenge panel, which serves three plans.
const now = '2023-05-10T15:00:00.000Z';
const manager: Actor = { userId: 'u-plan-manager', role: 'plan manager' };
const [chair, vice, member] = ['u-sjoyner', 'u-iatkinson', 'u-dmcwilliams'].map((userId): Actor => ({ userId, role: 'panel member' }));
const people: PanelPerson[] = [chair, vice, member].map(({ userId, role }) => ({ userId, role, disabled: false }));
const servedPlans = ['p-hmip', 'p-peer-review', 'p-yjs'];
const standingPanel: StandingMeetingFacts['standingPanel'] = {
  planIds: servedPlans,
  chair: chair.userId,
  members: [vice.userId, member.userId],
};
const scheduleFacts: StandingMeetingFacts = { standingPanel, planExists: true, unknownUsers: [], people };
const schedule: PanelCommand = {
  type: 'ScheduleStandingPanelMeeting',
  actor: manager,
  now,
  panelId: 'm-2023-05-10',
  standingPanelId: 'sp-cs-ecp',
  title: "Children's services evidence challenge panel, May 2023",
  date: '2023-05-10',
  facts: scheduleFacts,
};
const scheduled: PanelEvent = {
  type: 'PanelScheduled',
  data: {
    panelId: 'm-2023-05-10',
    planId: 'p-hmip',
    title: "Children's services evidence challenge panel, May 2023",
    date: '2023-05-10',
    chair: chair.userId,
    members: [vice.userId, member.userId, chair.userId],
    standingPanelId: 'sp-cs-ecp',
  },
};
const submitted = (planId: string) => ({ planId, references: ['1.1'], version: 5, stage: 'submitted' as const });
const table = (actionId: string, planId: string, served = servedPlans): PanelCommand => ({
  type: 'TableAction',
  actor: manager,
  now,
  actionId,
  facts: { action: submitted(planId), servedPlans: served },
});
const tabledOf = (actionId: string, planId: string): PanelEvent => ({
  type: 'ActionTabled',
  data: { actionId, references: ['1.1'], submittedVersion: 5, planId },
});
const present: PanelEvent = { type: 'AttendanceRecorded', data: { present: [chair.userId, vice.userId] } };
const decisionFacts = (planId: string, quorum: number, quorumFrom?: DecisionFacts['quorumFrom']): DecisionFacts => ({
  action: {
    planId,
    stage: 'submitted',
    evidenceConsidered: [{ evidenceId: 'e-1', sha256: null, title: 'Audit report' }],
    ownerUserIds: [],
    submittedBy: 'u-owner',
  },
  quorum,
  ...(quorumFrom ? { quorumFrom } : {}),
  members: people,
});
const decide = (actionId: string, planId: string, quorum: number, quorumFrom?: DecisionFacts['quorumFrom']): PanelCommand => ({
  type: 'DecideOnAction',
  actor: chair,
  now,
  decisionId: `d-${actionId}`,
  actionId,
  outcome: 'signed off',
  rationale: 'Evidence of impact seen',
  facts: decisionFacts(planId, quorum, quorumFrom),
});
const given = (...events: PanelEvent[]) => spec(panelDecider).given(events);

describe("scheduling a standing panel's meeting", () => {
  it("takes the panel's first plan, chair and members when none are named", () => given().when(schedule).then([scheduled]));
  it('may be scheduled under another plan the panel serves', () =>
    expect(
      (
        given()
          .when({ ...schedule, planId: 'p-yjs' })
          .events()[0].data as { planId: string }
      ).planId,
    ).toBe('p-yjs'));
  it('refuses a plan the panel does not serve', () =>
    given()
      .when({ ...schedule, planId: 'p-send' })
      .thenRefuses('PANEL.PLAN_NOT_SERVED'));
  it('refuses a standing panel that does not exist', () =>
    given()
      .when({ ...schedule, facts: { ...scheduleFacts, standingPanel: null } })
      .thenRefuses('PANEL.UNKNOWN_STANDING_PANEL'));
  it('still seats only panel members', () =>
    given()
      .when({ ...schedule, facts: { ...scheduleFacts, people: people.map((person) => ({ ...person, role: 'viewer' as const })) } })
      .thenRefuses('PANEL.ROLE_CANNOT_SIT'));
});

describe("tabling at a standing panel's meeting", () => {
  it('tables actions of every plan the panel serves, recording each one’s plan', () => {
    given(scheduled)
      .when(table('a-hmip', 'p-hmip'))
      .then([tabledOf('a-hmip', 'p-hmip')]);
    given(scheduled)
      .when(table('a-yjs', 'p-yjs'))
      .then([tabledOf('a-yjs', 'p-yjs')]);
  });
  it('refuses an action of a plan the panel does not serve', () =>
    given(scheduled).when(table('a-send', 'p-send')).thenRefuses('PANEL.OTHER_PLAN'));
  it('refuses a plan the panel has stopped serving by the time of tabling', () =>
    given(scheduled)
      .when(table('a-yjs', 'p-yjs', ['p-hmip']))
      .thenRefuses('PANEL.OTHER_PLAN'));
  it("keeps a meeting of one plan to that plan's actions", () => {
    const single: PanelEvent = { type: 'PanelScheduled', data: { ...scheduled.data, standingPanelId: undefined } };
    delete (single.data as { standingPanelId?: string }).standingPanelId;
    given(single).when(table('a-yjs', 'p-yjs')).thenRefuses('PANEL.OTHER_PLAN');
  });
  it("reads an old meeting's tabled action as of the meeting's plan", () => {
    const old: PanelEvent = { type: 'ActionTabled', data: { actionId: 'a-hmip', references: ['1.1'], submittedVersion: 5 } };
    const state = [scheduled, old].reduce(panelDecider.evolve, panelDecider.initialState);
    expect(state.tabled.get('a-hmip')?.planId).toBe('p-hmip');
  });
});

describe("deciding at a standing panel's meeting", () => {
  it('signs off actions of two plans at one meeting', () => {
    given(scheduled, tabledOf('a-hmip', 'p-hmip'), tabledOf('a-yjs', 'p-yjs'), present)
      .when(decide('a-yjs', 'p-yjs', 2))
      .thenAppends('PanelDecisionRecorded');
    given(scheduled, tabledOf('a-hmip', 'p-hmip'), tabledOf('a-yjs', 'p-yjs'), present)
      .when(decide('a-hmip', 'p-hmip', 2))
      .thenAppends('PanelDecisionRecorded');
  });
  it('refuses an action not tabled as not tabled, whatever its plan', () =>
    given(scheduled, present)
      .when(decide('a-peer', 'p-peer-review', 2))
      .thenRefuses('PANEL.NOT_TABLED'));
  it('records which quorum applied, and whose: the panel’s, or the plan’s own', () => {
    const dataOf = (quorumFrom: DecisionFacts['quorumFrom']) =>
      given(scheduled, tabledOf('a-yjs', 'p-yjs'), present)
        .when(decide('a-yjs', 'p-yjs', 1, quorumFrom))
        .events()[0].data;
    // A quorum below the minimum is recorded as the two it needed.
    expect(dataOf('standing panel')).toMatchObject({ quorum: { needed: 2, from: 'standing panel' } });
    expect(dataOf('plan')).toMatchObject({ quorum: { needed: 2, from: 'plan' } });
  });
  it('records no quorum at a meeting of one plan, as before', () => {
    const oneplan: PanelEvent = {
      type: 'PanelScheduled',
      data: { ...(scheduled.data as object), standingPanelId: undefined },
    } as PanelEvent;
    const data = given(oneplan, tabledOf('a-hmip', 'p-hmip'), present)
      .when(decide('a-hmip', 'p-hmip', 2, 'plan'))
      .events()[0].data;
    expect(data).not.toHaveProperty('quorum');
  });
  it('is not quorate when the quorum it is given is more than those present', () =>
    given(scheduled, tabledOf('a-yjs', 'p-yjs'), present)
      .when(decide('a-yjs', 'p-yjs', 3))
      .thenRefuses('PANEL.QUORUM_NOT_MET'));
});

describe('the quorum of a meeting', () => {
  const panel = { quorum: 3 };
  it("is the standing panel's when the action's plan took the default", () =>
    expect(quorumFor({ quorum: 2, quorumSetByPlan: false }, panel)).toEqual({ quorum: 3, from: 'standing panel' }));
  it("is the plan's own when the plan set one, lower or higher", () => {
    expect(quorumFor({ quorum: 2, quorumSetByPlan: true }, panel)).toEqual({ quorum: 2, from: 'plan' });
    expect(quorumFor({ quorum: 4, quorumSetByPlan: true }, panel)).toEqual({ quorum: 4, from: 'plan' });
  });
  it("is the plan's at a meeting of one plan", () =>
    expect(quorumFor({ quorum: 2, quorumSetByPlan: false }, null)).toEqual({ quorum: 2, from: 'plan' }));
});
