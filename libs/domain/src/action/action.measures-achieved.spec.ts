import { spec } from '../../../testing/src/decider-spec';
import type { Actor } from '../decider';
import type { MeasureAchievement } from '../measure/measure.status';
import { RATING_SCHEMES, type RatingScheme } from '../plan/rating-scheme';
import { resolveRatingScheme } from '../plan/rating-scheme.rules';
import { DomainError } from '../domain-error';
import { readTargetDate } from '../target-date';
import { actionDecider } from './action.decider';
import type { ActionEvent } from './action.events';

// The SEND board's "Action complete, impact measures achieved and approval to close obtained".
const brag = RATING_SCHEMES['send-wsoa-brag'];
const scheme: RatingScheme = {
  ...brag,
  categories: brag.categories.map((c) => (c.key === 'complete' ? { ...c, requiresMeasuresAchieved: true } : c)),
};
const now = '2023-07-31T09:00:00.000Z';
const manager: Actor = { userId: 'u-manager', role: 'plan manager' };
const raised: ActionEvent = {
  type: 'ActionRaised',
  data: {
    actionId: 'a-1.3.1',
    planId: 'p-wsoa',
    groupingId: 'g-1.3',
    references: ['1.3.1'],
    description: 'Develop a new agreed EHCP template',
    leadOwners: [{ kind: 'person', name: 'Vicki Ingram' }],
    supportingOwners: [],
    targetDate: readTargetDate('April 2022'),
    evidenceRequired: null,
  },
};
const signedOff: ActionEvent = {
  type: 'PanelOutcomeRecorded',
  data: { panelId: 'panel-1', decisionId: 'd-1', outcome: 'signed off', rationale: 'Template in use', challengePoints: [] },
};
const ehcp = (status: MeasureAchievement['status'], provisional = false): MeasureAchievement => ({
  measureId: 'm-ehcp',
  name: 'EHC plans audited rated as good or better',
  status,
  provisional,
});
const timeliness: MeasureAchievement = {
  measureId: 'm-reviews',
  name: 'Review recommendations actioned in time',
  status: 'achieved',
  provisional: false,
};
const moderate = (measures: MeasureAchievement[]) => ({
  type: 'ModerateRating' as const,
  actor: manager,
  now,
  rating: 'complete',
  authority: 'the SEND Executive Board',
  reason: 'Board of 31 July 2023',
  facts: { scheme, measures },
});
const given = (...events: ActionEvent[]) => spec(actionDecider).given(events);

describe('a category that requires the action’s measures achieved', () => {
  it('refuses a rating into it while a measure is not achieved, naming the measure and its status', () => {
    const state = [raised, signedOff].reduce(actionDecider.evolve, actionDecider.initialState);
    const refused = actionDecider.decide(moderate([ehcp('amber'), timeliness]), state);
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toMatchObject({ code: 'RATING.MEASURES_NOT_ACHIEVED' });
    expect((refused as DomainError).message).toContain('"EHC plans audited rated as good or better" (m-ehcp) is amber');
    expect((refused as DomainError).message).not.toContain('m-reviews');
  });
  it('refuses one achieved only on a provisional figure', () =>
    given(raised, signedOff)
      .when(moderate([ehcp('achieved', true)]))
      .thenRefuses('RATING.MEASURES_NOT_ACHIEVED'));
  it('accepts the rating once every measure is achieved, and an action with no measures', () => {
    given(raised, signedOff)
      .when(moderate([ehcp('achieved'), timeliness]))
      .thenAppends('RatingModerated');
    given(raised, signedOff).when(moderate([])).thenAppends('RatingModerated');
  });
  it('still refuses complete without a sign-off first, whatever the measures', () =>
    given(raised)
      .when(moderate([ehcp('red')]))
      .thenRefuses('RATING.COMPLETE_WITHOUT_SIGN_OFF'));
  it('holds an owner’s proposed rating to it too, in a category not saying complete; other categories do not ask', () => {
    const greenNeedsMeasures: RatingScheme = {
      ...brag,
      categories: brag.categories.map((c) => (c.key === 'on-track' ? { ...c, requiresMeasuresAchieved: true } : c)),
    };
    const update = {
      type: 'UpdateProgress' as const,
      actor: { userId: 'u-vingram', role: 'action owner' as const },
      now,
      commentary: 'Template agreed',
      assessment: 'on track' as const,
      asOf: '2023-07-31',
      facts: { scheme: greenNeedsMeasures, measures: [ehcp('red')] },
    };
    const owned: ActionEvent = {
      ...raised,
      data: { ...(raised.data as object), leadOwners: [{ kind: 'person', name: 'Vicki Ingram', userId: 'u-vingram' }] },
    } as ActionEvent;
    given(owned)
      .when({ ...update, rating: 'on-track' })
      .thenRefuses('RATING.MEASURES_NOT_ACHIEVED');
    given(owned)
      .when({ ...update, rating: 'some-concerns' })
      .thenAppends('ProgressUpdated');
  });
});

describe('requiresMeasuresAchieved on a scheme', () => {
  it('is kept when true and left out when false, so schemes stored before read back the same', () => {
    const resolved = resolveRatingScheme({
      ...brag,
      categories: brag.categories.map((c, i) => ({ ...c, requiresMeasuresAchieved: i === 0 })),
    }) as RatingScheme;
    expect(resolved.categories[0].requiresMeasuresAchieved).toBe(true);
    expect('requiresMeasuresAchieved' in resolved.categories[1]).toBe(false);
  });
  it('refuses anything but true or false', () =>
    expect(
      resolveRatingScheme({ ...brag, categories: brag.categories.map((c) => ({ ...c, requiresMeasuresAchieved: 'yes' as never })) }),
    ).toMatchObject({ code: 'RATING.INVALID_CATEGORY', message: expect.stringContaining('requiresMeasuresAchieved') }));
});
