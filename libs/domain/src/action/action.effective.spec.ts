import { spec } from '../../../testing/src/decider-spec';
import type { Actor } from '../decider';
import type { DomainError } from '../domain-error';
import { readEffective, type Effective } from '../effective';
import { defaultStatusLabels, evolvePlan, initialPlanState } from '../plan/plan.state';
import { readTargetDate } from '../target-date';
import { actionDecider } from './action.decider';
import type { ActionEvent, Owner } from './action.events';
import { statusOf } from './action.status';

// A council enters its HMIP plan in June 2022; the plan began on 11 January 2021, when it was submitted.
const now = '2022-06-20T09:30:00.000Z';
const planBegan = '2021-01-11T00:00:00.000Z';
const actionBegan = '2021-01-11T00:00:00.000Z';
const manager: Actor = { userId: 'u-manager', role: 'plan manager' };
const owner: Actor = { userId: 'u-training', role: 'action owner' };
const cypsTraining: Owner = { kind: 'team', name: 'CYPS Training', userId: 'u-training' };
const minutes = 'minutes of the evidence challenge panel, 14 June 2022';
const on = (at: string, source: string | null = minutes) => readEffective(at, source) as Effective;

const raised: ActionEvent = {
  type: 'ActionRaised',
  data: {
    actionId: 'a-2.3',
    planId: 'p-hmip',
    groupingId: 'g-2',
    references: ['2.3'],
    description: 'Hold workshops for staff',
    leadOwners: [cypsTraining],
    supportingOwners: [],
    targetDate: readTargetDate('Mar-21'),
    evidenceRequired: null,
  },
};
const hmip = [
  {
    type: 'PlanCreated' as const,
    data: {
      planId: 'p-hmip',
      kind: 'inspection' as const,
      title: 'HMIP',
      source: { body: 'HMIP', date: '2020-12-17', judgement: null },
      statusLabels: defaultStatusLabels(),
      quorum: 2,
      warningDays: 14,
    },
  },
  {
    type: 'GroupingAdded' as const,
    data: { groupingId: 'g-2', parentId: null, kind: 'recommendation' as const, references: ['2'], title: 'T' },
  },
].reduce(evolvePlan, initialPlanState);
const given = (...events: ActionEvent[]) => spec(actionDecider).given(events);
const refusal = (events: ActionEvent[], command: Parameters<typeof actionDecider.decide>[0]) =>
  actionDecider.decide(command, events.reduce(actionDecider.evolve, actionDecider.initialState)) as DomainError;

describe('raising an action on an effective date', () => {
  const raise = {
    type: 'RaiseAction' as const,
    actor: manager,
    now,
    actionId: 'a-2.3',
    planId: 'p-hmip',
    groupingId: 'g-2',
    references: ['2.3'],
    description: 'Hold workshops for staff',
    leadOwners: [cypsTraining],
    targetDate: 'Mar-21',
    facts: { plan: hmip, planBegan, unknownUsers: [] },
  };
  it('raises it on the day the plan began', () =>
    given()
      .when({ ...raise, effective: on('2021-01-11') })
      .then([raised]));
  it('refuses a day before its plan began', () => {
    const refused = refusal([], { ...raise, effective: on('2021-01-10') });
    expect([refused.code, refused.message]).toEqual([
      'EFFECTIVE.BEFORE_PLAN',
      'effective.at: 2021-01-10 is before the plan it concerns began (2021-01-11)',
    ]);
  });
  it('refuses a day in the future', () =>
    given()
      .when({ ...raise, effective: on('2022-06-21') })
      .thenRefuses('EFFECTIVE.IN_FUTURE'));
  it('says there is no such plan before anything about dates', () =>
    given()
      .when({ ...raise, effective: on('2030-01-01'), facts: { plan: initialPlanState, planBegan: null, unknownUsers: [] } })
      .thenRefuses('PLAN.NOT_FOUND'));
});

describe('commands on an action, effective-dated', () => {
  const amend = { type: 'AmendAction' as const, actor: manager, now, began: actionBegan, description: 'Hold workshops', reason: 'typo' };
  it('refuses a day before the action began', () =>
    given(raised)
      .when({ ...amend, effective: on('2020-12-31') })
      .thenRefuses('EFFECTIVE.BEFORE_ACTION'));
  it('accepts a past day from a plan manager', () =>
    given(raised)
      .when({ ...amend, effective: on('2021-02-01') })
      .thenAppends('ActionAmended'));
});

describe('progress with an effective date', () => {
  const progress = {
    type: 'UpdateProgress' as const,
    actor: owner,
    now,
    began: actionBegan,
    commentary: 'Workshops held',
    assessment: 'on track' as const,
    asOf: '2022-06-14',
    facts: { scheme: null },
  };
  it('keeps owners backdating with asOf, as before', () =>
    given(raised)
      .when({ ...progress, backdatingReason: 'reported late' })
      .thenAppends('ProgressUpdated'));
  it('refuses an owner giving an earlier effective day', () =>
    given(raised)
      .when({ ...progress, effective: on('2022-06-14') })
      .thenRefuses('EFFECTIVE.NOT_PERMITTED'));
  it('judges asOf against the effective day: the same day needs no backdating reason', () =>
    expect(
      given(raised)
        .when({ ...progress, actor: manager, effective: on('2022-06-14') })
        .events()[0].data,
    ).toMatchObject({ asOf: '2022-06-14', backdatingReason: null }));
  it('refuses an asOf after the effective day, naming both', () => {
    const refused = refusal([raised], { ...progress, actor: manager, asOf: '2022-06-15', effective: on('2022-06-14') });
    expect([refused.code, refused.message]).toEqual([
      'ACTION.AS_OF_IN_FUTURE',
      'asOf: progress given on 2022-06-14 cannot be reported as of a later day',
    ]);
  });
  it('needs a backdating reason for an asOf before the effective day', () =>
    given(raised)
      .when({ ...progress, actor: manager, asOf: '2022-06-01', effective: on('2022-06-14') })
      .thenRefuses('ACTION.BACKDATING_REASON_REQUIRED'));
});

describe('record-sign-off-from-paper', () => {
  const paper = '15 July 2021 version 0.9 of the plan';
  const signOff = {
    type: 'RecordSignOffFromPaper' as const,
    actor: manager,
    now,
    began: actionBegan,
    source: paper,
    effective: on('2021-07-15', paper),
  };
  const recorded: ActionEvent = { type: 'SignOffRecordedFromPaper', data: { source: paper } };
  const stateAfter = (...events: ActionEvent[]) => events.reduce(actionDecider.evolve, actionDecider.initialState);
  it('proposes the sign-off from the paper, for a second plan manager to confirm', () =>
    given(raised)
      .when(signOff)
      .then([{ type: 'SignOffProposed', data: { signOff: recorded, proposedBy: manager.userId, effective: on('2021-07-15', paper) } }]));
  it('makes the action complete, saying where the sign-off is recorded', () =>
    expect(statusOf(stateAfter(raised, recorded), '2022-06-20')).toEqual({
      status: 'complete',
      reason: `signed off, as recorded in ${paper}`,
    }));
  it('refuses an action owner', () =>
    given(raised)
      .when({ ...signOff, actor: owner })
      .thenRefuses('ACTION.NOT_PLAN_MANAGER'));
  it('refuses a panel member', () =>
    given(raised)
      .when({ ...signOff, actor: { userId: 'u-chair', role: 'panel member' } })
      .thenRefuses('ACTION.NOT_PLAN_MANAGER'));
  it('refuses an action signed off already', () => given(raised, recorded).when(signOff).thenRefuses('ACTION.ALREADY_SIGNED_OFF'));
  it('refuses a withdrawn action', () =>
    given(raised, { type: 'ActionWithdrawn', data: { reason: 'superseded' } })
      .when(signOff)
      .thenRefuses('ACTION.WITHDRAWN'));
  it('refuses a duplicate, naming what it duplicates', () => {
    const refused = refusal(
      [raised, { type: 'ActionLinked', data: { kind: 'duplicate of', targetActionId: 'a-6.1', note: null } }],
      signOff,
    );
    expect([refused.code, refused.message]).toEqual([
      'ACTION.DUPLICATE',
      'the action is a duplicate of a-6.1: it is not counted, so sign off a-6.1 instead',
    ]);
  });
  it('refuses a sign-off without a source', () =>
    given(raised)
      .when({ ...signOff, source: ' ' })
      .thenRefuses('ACTION.REQUIRED'));
  it('refuses a sign-off without the day it was given', () =>
    given(raised)
      .when({ ...signOff, effective: undefined })
      .thenRefuses('EFFECTIVE.REQUIRED'));
  it('refuses a paper dated before the action began', () =>
    given(raised)
      .when({ ...signOff, effective: on('2020-12-01', paper) })
      .thenRefuses('EFFECTIVE.BEFORE_ACTION'));
  it('can be reopened like any sign-off', () =>
    given(raised, recorded)
      .when({ type: 'ReopenAction', actor: manager, now, reason: 'impact not sustained' })
      .thenAppends('ActionReopened'));
});
