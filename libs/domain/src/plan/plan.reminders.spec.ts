import { spec } from '../../../testing/src/decider-spec';
import type { Actor } from '../decider';
import type { ReminderPolicy } from '../reminders/reminder-policy';
import { planDecider } from './plan.decider';
import type { PlanEvent } from './plan.events';
import { defaultStatusLabels } from './plan.state';

const now = '2021-01-05T10:00:00.000Z';
const manager: Actor = { userId: 'u-manager', role: 'plan manager' };
const defaults: ReminderPolicy = { beforeDays: [14, 7, 1], chaseEveryDays: 7, escalateAfterDays: 14, updateRequestDaysBefore: 7 };
const source = { body: 'Ofsted/CQC', date: '2020-11-19', judgement: null };
const createdBefore: PlanEvent = {
  type: 'PlanCreated',
  data: {
    planId: 'p-wsoa',
    kind: 'statutory plan',
    title: 'SEND Written Statement of Action',
    source,
    statusLabels: defaultStatusLabels(),
    quorum: 2,
    warningDays: 14,
  },
};
const created: PlanEvent = { ...createdBefore, data: { ...createdBefore.data, reminderPolicy: defaults } };
const amended = (data: Extract<PlanEvent, { type: 'PlanAmended' }>['data']): PlanEvent => ({ type: 'PlanAmended', data });

const given = (...events: PlanEvent[]) => spec(planDecider).given(events);
const stateOf = (...events: PlanEvent[]) => events.reduce(planDecider.evolve, planDecider.initialState);
const policyOf = (...events: PlanEvent[]) => stateOf(...events).reminderPolicy;

describe('reminder policy at creation', () => {
  const create = {
    type: 'CreatePlan' as const,
    actor: manager,
    now,
    planId: 'p-wsoa',
    kind: 'statutory plan' as const,
    title: 'SEND Written Statement of Action',
    source,
  };
  const recorded = (reminderPolicy: Partial<ReminderPolicy>) =>
    (
      given()
        .when({ ...create, reminderPolicy })
        .events()[0].data as { reminderPolicy?: ReminderPolicy }
    ).reminderPolicy;
  it('records the defaults when none is given: 14, 7 and 1 days before, weekly chase, escalation after 14 days, updates 7 days ahead', () =>
    given().when(create).then([created]));
  it('fills the settings not given with the defaults', () =>
    expect(recorded({ chaseEveryDays: 14, beforeDays: [28] })).toEqual({ ...defaults, chaseEveryDays: 14, beforeDays: [28] }));
  it('ignores settings left undefined', () => expect(recorded({ chaseEveryDays: undefined, beforeDays: undefined })).toEqual(defaults));
  it('lists the days before a date furthest first', () => expect(recorded({ beforeDays: [1, 30, 7] })?.beforeDays).toEqual([30, 7, 1]));
  it('accepts every bound', () => {
    given()
      .when({ ...create, reminderPolicy: { beforeDays: [365, 0], chaseEveryDays: 1, escalateAfterDays: 0, updateRequestDaysBefore: 0 } })
      .thenAppends('PlanCreated');
    given()
      .when({ ...create, reminderPolicy: { beforeDays: [], chaseEveryDays: 90, escalateAfterDays: 365, updateRequestDaysBefore: 90 } })
      .thenAppends('PlanCreated');
  });
  it.each<[string, Partial<ReminderPolicy>]>([
    ['a repeated day before', { beforeDays: [7, 14, 7] }],
    ['a negative day before', { beforeDays: [-1] }],
    ['more than a year before', { beforeDays: [366] }],
    ['part of a day before', { beforeDays: [1.5] }],
    ['days before that are not a list', { beforeDays: 7 as unknown as number[] }],
    ['no chase interval', { chaseEveryDays: 0 }],
    ['a chase interval over 90 days', { chaseEveryDays: 91 }],
    ['a chase every 2.5 days', { chaseEveryDays: 2.5 }],
    ['escalation before the date', { escalateAfterDays: -1 }],
    ['escalation over a year late', { escalateAfterDays: 366 }],
    ['an update request after the meeting', { updateRequestDaysBefore: -1 }],
    ['an update request over 90 days ahead', { updateRequestDaysBefore: 91 }],
    ['a setting it does not know', { chaseEvery: 7 } as Partial<ReminderPolicy>],
    ['a setting that is not a number', { escalateAfterDays: '14' as unknown as number }],
  ])('refuses %s', (_, reminderPolicy) =>
    given()
      .when({ ...create, reminderPolicy })
      .thenRefuses('PLAN.INVALID_REMINDER_POLICY'),
  );
  it('folds the policy recorded into the plan', () =>
    expect(policyOf({ ...created, data: { ...created.data, reminderPolicy: { ...defaults, chaseEveryDays: 14 } } }).chaseEveryDays).toBe(
      14,
    ));
  it('gives a plan created before reminder policies existed the defaults', () => expect(policyOf(createdBefore)).toEqual(defaults));
});

describe('amending the reminder policy', () => {
  const amend = { type: 'AmendPlan' as const, actor: manager, now, reason: 'The board wants earlier warning' };
  it('records only the settings that change', () =>
    given(created)
      .when({ ...amend, reminderPolicy: { chaseEveryDays: 7, escalateAfterDays: 21, beforeDays: [1, 14, 7] } })
      .then([amended({ reminderPolicy: { escalateAfterDays: 21 }, reason: amend.reason })]));
  it('records new days before a date furthest first', () =>
    given(created)
      .when({ ...amend, reminderPolicy: { beforeDays: [7, 28] } })
      .then([amended({ reminderPolicy: { beforeDays: [28, 7] }, reason: amend.reason })]));
  it('refuses a policy amendment that changes nothing', () =>
    given(created)
      .when({ ...amend, reminderPolicy: { beforeDays: [1, 7, 14] } })
      .thenRefuses('PLAN.NOTHING_TO_AMEND'));
  it('keeps the settings not amended', () =>
    expect(
      policyOf(
        created,
        amended({ reminderPolicy: { chaseEveryDays: 14 }, reason: 'x' }),
        amended({ reminderPolicy: { beforeDays: [28] }, reason: 'y' }),
      ),
    ).toEqual({ ...defaults, chaseEveryDays: 14, beforeDays: [28] }));
  it('amends the defaults of a plan created before reminder policies existed', () =>
    expect(policyOf(createdBefore, amended({ reminderPolicy: { escalateAfterDays: 28 }, reason: 'x' }))).toEqual({
      ...defaults,
      escalateAfterDays: 28,
    }));
  it('refuses an invalid setting', () =>
    given(created)
      .when({ ...amend, reminderPolicy: { chaseEveryDays: 0 } })
      .thenRefuses('PLAN.INVALID_REMINDER_POLICY'));
});

describe('board dates', () => {
  const amend = { type: 'AmendPlan' as const, actor: manager, now, reason: 'Improvement Board dates for 2021' };
  const set = amended({ boardDates: ['2021-02-10', '2021-05-12'], reason: amend.reason });
  it('sets the dates in order, each once', () =>
    given(created)
      .when({ ...amend, boardDates: ['2021-05-12', '2021-02-10', '2021-05-12'] })
      .then([set]));
  it('keeps a board date already held', () =>
    given(created)
      .when({ ...amend, boardDates: ['2020-12-09'] })
      .thenAppends('PlanAmended'));
  it('holds the dates on the plan, a later list replacing the earlier', () => {
    expect(stateOf(created, set).boardDates).toEqual(['2021-02-10', '2021-05-12']);
    expect(stateOf(created, set, amended({ boardDates: ['2021-06-09'], reason: 'moved' })).boardDates).toEqual(['2021-06-09']);
    expect(stateOf(created, set, amended({ quorum: 3, reason: 'x' })).boardDates).toEqual(['2021-02-10', '2021-05-12']);
  });
  it('clears the dates', () =>
    given(created, set)
      .when({ ...amend, boardDates: [] })
      .then([amended({ boardDates: [], reason: amend.reason })]));
  it('refuses the same dates again', () =>
    given(created, set)
      .when({ ...amend, boardDates: ['2021-05-12', '2021-02-10'] })
      .thenRefuses('PLAN.NOTHING_TO_AMEND'));
  it('starts with none', () => expect(stateOf(created).boardDates).toEqual([]));
  it.each(['2021-02-29', '10/02/2021', '2021-2-10', '', 'Feb-21'])('refuses %p', (date) =>
    given(created)
      .when({ ...amend, boardDates: ['2021-05-12', date] })
      .thenRefuses('PLAN.INVALID_BOARD_DATE'),
  );
});

describe('the pack schedule (ADR 37)', () => {
  const amend = { type: 'AmendPlan' as const, actor: manager, now, reason: 'The board wants its pack a week ahead' };
  const weekAhead = { daysBefore: 7, board: 'Improvement Board' };
  const set = amended({ packSchedule: weekAhead, reason: amend.reason });
  it('sets it with the board named as typed, trimmed', () =>
    given(created)
      .when({ ...amend, packSchedule: { daysBefore: 7, board: '  Improvement Board ' } })
      .then([set]));
  it('holds it on the plan until turned off with null', () => {
    expect(stateOf(created).packSchedule).toBeNull();
    expect(stateOf(created, set).packSchedule).toEqual(weekAhead);
    expect(stateOf(created, set, amended({ quorum: 3, reason: 'x' })).packSchedule).toEqual(weekAhead);
    expect(stateOf(created, set, amended({ packSchedule: null, reason: 'no more' })).packSchedule).toBeNull();
  });
  it('records turning it off, and refuses the same schedule again as no change', () => {
    given(created, set)
      .when({ ...amend, packSchedule: null })
      .then([amended({ packSchedule: null, reason: amend.reason })]);
    given(created, set)
      .when({ ...amend, packSchedule: { ...weekAhead } })
      .thenRefuses('PLAN.NOTHING_TO_AMEND');
    given(created)
      .when({ ...amend, packSchedule: null })
      .thenRefuses('PLAN.NOTHING_TO_AMEND');
  });
  it.each([
    [{ daysBefore: 0, board: 'Board' }, /daysBefore must be a whole number of days from 1 to 90/],
    [{ daysBefore: 91, board: 'Board' }, /daysBefore/],
    [{ daysBefore: 2.5, board: 'Board' }, /daysBefore/],
    [{ daysBefore: 7, board: ' ' }, /board names the board or committee/],
    [{ daysBefore: 7, board: 'x'.repeat(201) }, /board/],
    [{ daysBefore: 7, board: 'Board', cover: 'x' }, /"cover" is not a setting/],
    ['weekly', /give daysBefore and board/],
  ])('refuses %p, saying what is wrong', (packSchedule, message) =>
    given(created)
      .when({ ...amend, packSchedule: packSchedule as never })
      .thenRefuses('PLAN.INVALID_PACK_SCHEDULE', message),
  );
});
