import { spec } from '../../../testing/src/decider-spec';
import type { Actor } from '../decider';
import { initialPlanState } from '../plan/plan.state';
import { RATING_SCHEMES } from '../plan/rating-scheme';
import { readStartDate, readTargetDate } from '../target-date';
import { actionDecider } from './action.decider';
import type { ActionEvent } from './action.events';
import { statusOf } from './action.status';

const now = '2023-05-31T09:00:00.000Z';
const manager: Actor = { userId: 'u-manager', role: 'plan manager' };
const owner: Actor = { userId: 'u-head', role: 'action owner' };
const brag = RATING_SCHEMES['send-wsoa-brag'];
const raised: ActionEvent = {
  type: 'ActionRaised',
  data: {
    actionId: 'a-1.1',
    planId: 'p-wsoa',
    groupingId: 'g-1',
    references: ['1.1'],
    description: 'Audit EHC plans monthly',
    leadOwners: [{ kind: 'person', name: 'Head of SEND', userId: 'u-head' }],
    supportingOwners: [],
    targetDate: readTargetDate('31/01/2023'),
    evidenceRequired: null,
  },
};
const submitted: ActionEvent[] = [
  {
    type: 'EvidenceAttached',
    data: { evidenceId: 'e', title: 'Audit', kind: 'document', link: 'https://x', file: null, restricted: false },
  },
  { type: 'SubmittedForSignOff', data: { evidenceIds: ['e'], note: '', answers: {} } },
];
const signedOff: ActionEvent = {
  type: 'PanelOutcomeRecorded',
  data: { panelId: 'panel-1', decisionId: 'd-1', outcome: 'signed off', rationale: 'Audits show impact', challengePoints: [] },
};
const given = (...events: ActionEvent[]) => spec(actionDecider).given(events);
const stateOf = (...events: ActionEvent[]) => events.reduce(actionDecider.evolve, actionDecider.initialState);
const update = {
  type: 'UpdateProgress' as const,
  actor: owner,
  now,
  commentary: 'Audits running monthly',
  assessment: 'on track' as const,
  asOf: '2023-05-31',
  facts: { scheme: brag },
};
const moderate = {
  type: 'ModerateRating' as const,
  actor: manager,
  now,
  rating: 'Action complete',
  authority: 'the SEND Executive Board',
  reason: 'Board meeting of 31 May 2023',
  facts: { scheme: brag },
};

describe('a rating proposed with a progress update', () => {
  it('records the category key, found by label or key whatever the case', () => {
    given(raised)
      .when({ ...update, rating: 'action on track' })
      .then([
        {
          type: 'ProgressUpdated',
          data: { commentary: update.commentary, assessment: 'on track', asOf: '2023-05-31', backdatingReason: null, rating: 'on-track' },
        },
      ]);
    expect(
      stateOf(
        raised,
        ...given(raised)
          .when({ ...update, rating: 'SOME-CONCERNS' })
          .events(),
      ).rating,
    ).toBe('some-concerns');
  });
  it('records no rating when none is proposed, and keeps the last one standing', () => {
    const rated = given(raised)
      .when({ ...update, rating: 'on-track' })
      .events();
    const unrated = given(raised, ...rated)
      .when(update)
      .events();
    expect(unrated[0].data).not.toHaveProperty('rating');
    expect(stateOf(raised, ...rated, ...unrated).rating).toBe('on-track');
  });
  it("refuses a category the plan's scheme does not have, listing the plan's", () => {
    const outcome = actionDecider.decide({ ...update, rating: 'Purple' }, stateOf(raised));
    expect(outcome).toMatchObject({
      code: 'RATING.UNKNOWN_CATEGORY',
      message: expect.stringContaining('"Purple" is not a category of the plan\'s scheme send-wsoa-brag: use "complete", "on-track"'),
    });
  });
  it('refuses a rating that says complete without a panel sign-off, even while awaiting one', () => {
    given(raised)
      .when({ ...update, rating: 'complete' })
      .thenRefuses('RATING.COMPLETE_WITHOUT_SIGN_OFF');
    given(raised, ...submitted)
      .when({ ...update, rating: 'Action complete' })
      .thenRefuses('RATING.COMPLETE_WITHOUT_SIGN_OFF');
  });
});

describe('moderate-rating', () => {
  it("records the plan manager's rating with the authority and reason", () =>
    given(raised, ...submitted, signedOff)
      .when(moderate)
      .then([{ type: 'RatingModerated', data: { rating: 'complete', authority: 'the SEND Executive Board', reason: moderate.reason } }]));
  it("stands over the owner's rating", () => {
    const owners = given(raised)
      .when({ ...update, rating: 'on-track' })
      .events();
    const moderated = given(raised, ...owners)
      .when({ ...moderate, rating: 'some-concerns' })
      .events();
    expect(stateOf(raised, ...owners, ...moderated).rating).toBe('some-concerns');
  });
  it('refuses complete before the panel has signed the action off', () =>
    given(raised, ...submitted)
      .when(moderate)
      .thenRefuses('RATING.COMPLETE_WITHOUT_SIGN_OFF'));
  it('refuses an unknown category', () =>
    given(raised)
      .when({ ...moderate, rating: 'blue-ish' })
      .thenRefuses('RATING.UNKNOWN_CATEGORY'));
  it('refuses anyone but a plan manager', () =>
    given(raised)
      .when({ ...moderate, actor: owner, rating: 'on-track' })
      .thenRefuses('ACTION.NOT_PLAN_MANAGER'));
  it('needs an authority and a reason', () => {
    given(raised)
      .when({ ...moderate, rating: 'on-track', authority: ' ' })
      .thenRefuses('ACTION.REQUIRED');
    given(raised)
      .when({ ...moderate, rating: 'on-track', reason: '' })
      .thenRefuses('ACTION.REQUIRED');
  });
  it('refuses an action never raised, or withdrawn', () => {
    given().when(moderate).thenRefuses('ACTION.NOT_FOUND');
    given(raised, { type: 'ActionWithdrawn', data: { reason: 'merged' } })
      .when({ ...moderate, rating: 'on-track' })
      .thenRefuses('ACTION.WITHDRAWN');
  });
});

describe('start dates', () => {
  it('reads a start month as its first day, keeping the text', () => {
    expect(readStartDate('To commence January 2021')).toMatchObject({
      raw: 'To commence January 2021',
      precision: 'month',
      starts: '2021-01-01',
    });
    expect(readStartDate('Q2 2021')).toMatchObject({ starts: '2021-04-01' });
    expect(readStartDate('14/06/2022')).toMatchObject({ starts: '2022-06-14' });
    expect(readStartDate('Ongoing')).toMatchObject({ starts: null });
  });
  it('records a start date raised with the action, and amends or clears it', () => {
    const raise = given()
      .when({
        type: 'RaiseAction',
        actor: manager,
        now,
        planId: 'p-wsoa',
        actionId: 'a-1.1',
        groupingId: 'g-1',
        references: ['1.1'],
        description: 'Audit EHC plans',
        leadOwners: [{ kind: 'person', name: 'Head of SEND' }],
        targetDate: 'Mar-23',
        startDate: 'To commence January 2023',
        facts: {
          plan: {
            ...initialPlanState,
            stage: 'draft',
            groupings: new Map([['g-1', { parentId: null, kind: 'area', references: ['1'], title: 'EHCPs' }]]),
          },
          unknownUsers: [],
        },
      })
      .events();
    expect(raise[0].data).toMatchObject({ startDate: { raw: 'To commence January 2023', starts: '2023-01-01' } });
    const amend = { type: 'AmendAction' as const, actor: manager, now, reason: 'delayed by the board' };
    expect(
      given(raised)
        .when({ ...amend, startDate: 'Sep-23' })
        .events()[0].data,
    ).toMatchObject({ startDate: { starts: '2023-09-01' } });
    expect(
      given(raised)
        .when({ ...amend, startDate: null })
        .events()[0].data,
    ).toMatchObject({ startDate: null });
  });
  it('makes an action with no progress not due to start before its start date, and not started from that day', () => {
    const later: ActionEvent = {
      ...raised,
      data: { ...raised.data, targetDate: readTargetDate('Dec-23'), startDate: readStartDate('To commence June 2023') },
    };
    expect(statusOf(stateOf(later), '2023-05-31')).toEqual({
      status: 'not due to start',
      reason: 'due to start 2023-06-01, no progress reported yet',
    });
    expect(statusOf(stateOf(later), '2023-06-01').status).toBe('not started');
    const progressed: ActionEvent = {
      type: 'ProgressUpdated',
      data: { commentary: 'early', assessment: 'on track', asOf: '2023-05-01', backdatingReason: null },
    };
    expect(statusOf(stateOf(later, progressed), '2023-05-31').status).toBe('on track');
  });
  it('never hides lateness behind a start date', () => {
    const odd = { ...raised, data: { ...raised.data, startDate: readStartDate('Dec-23') } } as ActionEvent;
    expect(statusOf(stateOf(odd), '2023-05-31').status).toBe('off track');
  });
});
