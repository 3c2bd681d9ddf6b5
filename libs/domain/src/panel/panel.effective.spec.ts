import { spec } from '../../../testing/src/decider-spec';
import type { Actor } from '../decider';
import { readEffective, type Effective } from '../effective';
import { meetingDayEffective, panelDecider } from './panel.decider';
import type { PanelCommand } from './panel.commands';
import type { PanelEvent } from './panel.events';

// The panel met on 14 June 2022; its minutes are entered on 20 June.
const now = '2022-06-20T09:30:00.000Z';
const manager: Actor = { userId: 'u-manager', role: 'plan manager' };
const chair: Actor = { userId: 'u-chair', role: 'panel member' };
const on = (at: string) => readEffective(at, 'minutes of 14 June 2022') as Effective;
const scheduled = (date: string): PanelEvent => ({
  type: 'PanelScheduled',
  data: { panelId: 'ecp', planId: 'p-hmip', title: 'Evidence challenge panel', date, chair: 'u-chair', members: ['u-ian', 'u-chair'] },
});
const tabled: PanelEvent = { type: 'ActionTabled', data: { actionId: 'a-19.2', references: ['19.2'], submittedVersion: 4 } };
const present: PanelEvent = { type: 'AttendanceRecorded', data: { present: ['u-chair', 'u-ian'] } };
const seated = ['u-chair', 'u-ian'].map((userId) => ({ userId, role: 'panel member' as const, disabled: false }));
const given = (...events: PanelEvent[]) => spec(panelDecider).given(events);
const decide = (actionBegan: string): PanelCommand => ({
  type: 'DecideOnAction',
  actor: chair,
  now,
  began: '2022-06-01T10:00:00.000Z',
  decisionId: 'd-1',
  actionId: 'a-19.2',
  outcome: 'signed off',
  rationale: 'Panel established',
  facts: {
    action: {
      planId: 'p-hmip',
      stage: 'submitted',
      ownerUserIds: [],
      submittedBy: null,
      evidenceConsidered: [{ evidenceId: 'e-1', sha256: null, title: 'Terms of reference' }],
      began: actionBegan,
    },
    quorum: 2,
    members: seated,
  },
});

describe('a panel meeting entered from its minutes', () => {
  const schedule: PanelCommand = {
    type: 'SchedulePanel',
    actor: manager,
    now,
    panelId: 'ecp',
    planId: 'p-hmip',
    title: 'Evidence challenge panel',
    date: '2022-06-14',
    chair: 'u-chair',
    members: ['u-ian'],
    facts: { planExists: true, unknownUsers: [], planBegan: '2021-01-11T00:00:00.000Z', people: seated },
  };
  it('is scheduled on a past day', () =>
    given()
      .when({ ...schedule, effective: on('2022-06-01') })
      .thenAppends('PanelScheduled'));
  it('refuses a meeting effective before its plan began', () =>
    given()
      .when({ ...schedule, effective: on('2020-12-01') })
      .thenRefuses('EFFECTIVE.BEFORE_PLAN'));
  it('refuses attendance effective before the meeting day', () =>
    given(scheduled('2022-06-14'))
      .when({ type: 'RecordAttendance', actor: manager, now, present: ['u-chair'], facts: { people: seated }, effective: on('2022-06-13') })
      .thenRefuses('EFFECTIVE.BEFORE_MEETING'));
  it('takes a decision on the meeting day, as its minutes say', () =>
    given(scheduled('2022-06-14'), tabled, present).when(decide('2022-01-01T00:00:00.000Z')).thenAppends('PanelDecisionRecorded'));
  it('dates a decision given no effective date on its meeting day, once that day has passed', () => {
    expect(meetingDayEffective('2022-06-14', now)).toEqual({ at: '2022-06-14T00:00:00.000Z', precision: 'day', source: null });
    expect(meetingDayEffective('2022-06-20', now)).toBeUndefined();
  });
  it('refuses a decision of a meeting still to come', () =>
    given(scheduled('2022-06-27'), tabled, present).when(decide('2022-01-01T00:00:00.000Z')).thenRefuses('EFFECTIVE.IN_FUTURE'));
  it('refuses a decision on its meeting day when the action began after it', () =>
    given(scheduled('2022-06-14'), tabled, present).when(decide('2022-06-15T08:00:00.000Z')).thenRefuses('EFFECTIVE.BEFORE_ACTION'));
  it('refuses the chair giving the decision an earlier day of their own', () =>
    given(scheduled('2022-06-14'), tabled, present)
      .when({ ...decide('2022-01-01T00:00:00.000Z'), effective: on('2022-06-14') })
      .thenRefuses('EFFECTIVE.NOT_PERMITTED'));
  it('refuses a decision for a meeting still to come, even given today as its effective date (the probe: a meeting in 2030)', () =>
    given(scheduled('2030-06-14'), tabled, present)
      .when({ ...decide('2022-01-01T00:00:00.000Z'), effective: on('2022-06-20') })
      .thenRefuses('EFFECTIVE.BEFORE_MEETING'));
  it('refuses a decision for a meeting still to come given no effective date', () =>
    given(scheduled('2030-06-14'), tabled, present).when(decide('2022-01-01T00:00:00.000Z')).thenRefuses('EFFECTIVE.IN_FUTURE'));
  it('refuses an admin entering a decision from the minutes: only a panel member present decides', () =>
    given(scheduled('2022-06-14'), tabled, present)
      .when({ ...decide('2022-01-01T00:00:00.000Z'), actor: { userId: 'u-chair', role: 'admin' }, effective: on('2022-06-14') })
      .thenRefuses('PANEL.ROLE_CANNOT_DECIDE'));
});
