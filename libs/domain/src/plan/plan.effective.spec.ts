import { spec } from '../../../testing/src/decider-spec';
import type { Actor } from '../decider';
import { readEffective, type Effective } from '../effective';
import { planDecider } from './plan.decider';
import type { PlanEvent } from './plan.events';
import { defaultStatusLabels } from './plan.state';

const now = '2022-06-20T09:30:00.000Z';
const manager: Actor = { userId: 'u-manager', role: 'plan manager' };
const on = (at: string) => readEffective(at, 'HMIP action plan, as submitted') as Effective;
const created: PlanEvent = {
  type: 'PlanCreated',
  data: {
    planId: 'p-hmip',
    kind: 'inspection',
    title: 'YOT HMIP Inspection Action Plan',
    source: { body: 'HMIP', date: '2020-11-18', judgement: null },
    statusLabels: defaultStatusLabels(),
    quorum: 2,
    warningDays: 14,
  },
};
const given = (...events: PlanEvent[]) => spec(planDecider).given(events);
const activate = {
  type: 'ActivatePlan' as const,
  actor: manager,
  now,
  began: '2021-01-11T00:00:00.000Z',
  submittedTo: 'YJB',
  submittedOn: '2021-01-11',
};

describe('a plan entered with its real dates', () => {
  it('is created on a past day by a plan manager', () =>
    given()
      .when({
        type: 'CreatePlan',
        actor: manager,
        now,
        effective: on('2021-01-11'),
        planId: 'p-hmip',
        kind: 'inspection',
        title: 'YOT HMIP Inspection Action Plan',
        source: { body: 'HMIP', date: '2020-11-18', judgement: null },
      })
      .thenAppends('PlanCreated'));
  it('refuses to create it in the future', () =>
    given()
      .when({
        type: 'CreatePlan',
        actor: manager,
        now,
        effective: on('2030-01-01'),
        planId: 'p-hmip',
        kind: 'inspection',
        title: 'HMIP',
        source: { body: 'HMIP', date: '2020-11-18', judgement: null },
      })
      .thenRefuses('EFFECTIVE.IN_FUTURE'));
  it('activates it on the day it began', () =>
    given(created)
      .when({ ...activate, effective: on('2021-01-11') })
      .thenAppends('PlanActivated'));
  it('refuses anything before the plan began', () =>
    given(created)
      .when({ ...activate, effective: on('2021-01-10') })
      .thenRefuses('EFFECTIVE.BEFORE_PLAN'));
  it('lets an admin past-date as a plan manager may', () =>
    given(created)
      .when({ ...activate, actor: { userId: 'u-admin', role: 'admin' }, effective: on('2021-02-01') })
      .thenAppends('PlanActivated'));
});
