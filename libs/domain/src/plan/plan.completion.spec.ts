import { spec } from '../../../testing/src/decider-spec';
import type { Actor } from '../decider';
import { planDecider } from './plan.decider';
import type { PlanEvent } from './plan.events';
import { completionRuleOf, defaultStatusLabels, evolvePlan, initialPlanState } from './plan.state';
import { RATING_SCHEMES } from './rating-scheme';
import { resolveRatingScheme } from './rating-scheme.rules';

const now = '2023-07-20T09:00:00.000Z';
const manager: Actor = { userId: 'u-manager', role: 'plan manager' };
const board = "Children's Improvement Board";
const yjmb = 'Youth Justice Management Board';

const create = (extra: Record<string, unknown> = {}) => ({
  type: 'CreatePlan' as const,
  actor: manager,
  now,
  planId: 'p-wsoa',
  kind: 'written statement of action',
  title: 'SEND WSOA',
  source: { body: 'Ofsted/CQC', date: '2023-01-10', judgement: null },
  ...extra,
});
const created: PlanEvent = {
  type: 'PlanCreated',
  data: {
    planId: 'p-wsoa',
    kind: 'written statement of action',
    title: 'SEND WSOA',
    source: { body: 'Ofsted/CQC', date: '2023-01-10', judgement: null },
    statusLabels: defaultStatusLabels(),
    quorum: 2,
    warningDays: 14,
    reminderPolicy: { beforeDays: [14, 7, 1], chaseEveryDays: 7, escalateAfterDays: 28, updateRequestDaysBefore: 7 },
  },
};
const amend = (extra: Record<string, unknown>) => ({ type: 'AmendPlan' as const, actor: manager, now, reason: 'Board asked', ...extra });

describe('two-step completion in plan settings', () => {
  it('a plan created without them records exactly what it did before, and its sign-off completes an action', () => {
    const events = planDecider.decide(create(), initialPlanState) as PlanEvent[];
    expect(Object.keys(events[0].data)).not.toEqual(expect.arrayContaining(['approvalToClose']));
    expect(Object.keys(events[0].data)).not.toEqual(expect.arrayContaining(['delegatedSignOff']));
    expect(completionRuleOf(events.reduce(evolvePlan, initialPlanState))).toEqual({ approvalToClose: null, completeAt: 'panel sign-off' });
  });

  it('names the approving body and the delegated bodies at creation, trimmed', () => {
    const events = planDecider.decide(
      create({
        approvalToClose: ` ${board} `,
        delegatedSignOff: [` ${yjmb}`],
        ratingScheme: { ...RATING_SCHEMES['send-wsoa-brag'], completeAt: 'approval to close' },
      }),
      initialPlanState,
    ) as PlanEvent[];
    const state = events.reduce(evolvePlan, initialPlanState);
    expect(state.delegatedSignOff).toEqual([yjmb]);
    expect(completionRuleOf(state)).toEqual({ approvalToClose: board, completeAt: 'approval to close' });
  });

  it('amends them with a reason, and null stops requiring approval', () => {
    spec(planDecider)
      .given([created])
      .when(amend({ approvalToClose: board, delegatedSignOff: [yjmb] }))
      .then([{ type: 'PlanAmended', data: { approvalToClose: board, delegatedSignOff: [yjmb], reason: 'Board asked' } }]);
    const requiring: PlanEvent = { type: 'PlanAmended', data: { approvalToClose: board, reason: 'x' } };
    spec(planDecider)
      .given([created, requiring])
      .when(amend({ approvalToClose: null }))
      .then([{ type: 'PlanAmended', data: { approvalToClose: null, reason: 'Board asked' } }]);
    expect(
      [created, requiring, { type: 'PlanAmended', data: { approvalToClose: null, reason: 'x' } } as PlanEvent].reduce(
        evolvePlan,
        initialPlanState,
      ).approvalToClose,
    ).toBeNull();
  });

  it('refuses an amendment that names the same bodies again', () =>
    spec(planDecider)
      .given([created, { type: 'PlanAmended', data: { delegatedSignOff: [yjmb], reason: 'x' } }])
      .when(amend({ delegatedSignOff: [yjmb] }))
      .thenRefuses('PLAN.NOTHING_TO_AMEND'));

  it('refuses a blank approving body and a body named twice', () => {
    spec(planDecider)
      .given([])
      .when(create({ approvalToClose: '  ' }))
      .thenRefuses('PLAN.INVALID_APPROVAL_TO_CLOSE');
    spec(planDecider)
      .given([created])
      .when(amend({ delegatedSignOff: [yjmb, yjmb.toUpperCase()] }))
      .thenRefuses('PLAN.INVALID_DELEGATED_SIGN_OFF');
  });

  it('a scheme says which step counts as complete, and refuses any other step', () => {
    expect(resolveRatingScheme({ ...RATING_SCHEMES['cyp-rag'], completeAt: 'approval to close' })).toMatchObject({
      completeAt: 'approval to close',
    });
    expect(resolveRatingScheme({ ...RATING_SCHEMES['cyp-rag'], completeAt: 'board noted' as never })).toMatchObject({
      code: 'RATING.INVALID_COMPLETE_AT',
    });
    expect(resolveRatingScheme(RATING_SCHEMES['cyp-rag'])).not.toHaveProperty('completeAt');
  });

  it('completeAt sets the step on the plan’s own scheme when no scheme is given', () => {
    const events = planDecider.decide(
      amend({ completeAt: 'approval to close' }),
      [created, { type: 'PlanAmended', data: { approvalToClose: board, reason: 'x' } } as PlanEvent].reduce(evolvePlan, initialPlanState),
    ) as PlanEvent[];
    const state = [created, { type: 'PlanAmended', data: { approvalToClose: board, reason: 'x' } } as PlanEvent, ...events].reduce(
      evolvePlan,
      initialPlanState,
    );
    expect(completionRuleOf(state)).toEqual({ approvalToClose: board, completeAt: 'approval to close' });
    expect(state.ratingScheme?.categories.map((c) => c.key)).toEqual([
      'complete',
      'awaiting sign-off',
      'on track',
      'at risk',
      'off track',
      'not started',
    ]);
    spec(planDecider)
      .given([created])
      .when(amend({ completeAt: 'never' }))
      .thenRefuses('RATING.INVALID_COMPLETE_AT');
  });
});
