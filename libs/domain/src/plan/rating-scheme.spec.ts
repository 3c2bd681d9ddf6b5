import { spec } from '../../../testing/src/decider-spec';
import type { Actor } from '../decider';
import { planDecider } from './plan.decider';
import type { PlanEvent } from './plan.events';
import { evolvePlan, initialPlanState, ratingSchemeOf } from './plan.state';
import { RATING_SCHEMES, ratingCategoryFor, type RatingScheme } from './rating-scheme';

const now = '2023-06-01T10:00:00.000Z';
const manager: Actor = { userId: 'u-manager', role: 'plan manager' };
const given = (...events: PlanEvent[]) => spec(planDecider).given(events);
const stateOf = (...events: PlanEvent[]) => events.reduce(evolvePlan, initialPlanState);

const create = {
  type: 'CreatePlan' as const,
  actor: manager,
  now,
  planId: 'p-wsoa',
  kind: 'written statement of action',
  title: 'SEND Written Statement of Action',
  source: { body: 'Ofsted and CQC', date: '2022-12-05', judgement: null },
};
const brag = RATING_SCHEMES['send-wsoa-brag'];
const created = (data: Partial<Extract<PlanEvent, { type: 'PlanCreated' }>['data']> = {}): PlanEvent => ({
  type: 'PlanCreated',
  data: { ...(given().when(create).events()[0].data as Extract<PlanEvent, { type: 'PlanCreated' }>['data']), ...data },
});
/** The BRAG scheme with one category's counted states replaced. */
const bragWith = (key: string, counts: RatingScheme['categories'][number]['counts']): RatingScheme => ({
  name: 'board table',
  categories: brag.categories.map((category) => (category.key === key ? { ...category, counts } : category)),
});

describe('a plan chooses its rating scheme', () => {
  it('records a ready-made scheme chosen by name in full, with its default basis', () =>
    expect(
      given()
        .when({ ...create, ratingScheme: 'send-wsoa-brag', defaultBasis: 'rating' })
        .events()[0].data,
    ).toMatchObject({ ratingScheme: brag, defaultBasis: 'rating' }));
  it('takes a scheme given in full, trimmed', () => {
    const own = { ...brag, name: ' our board table ' };
    expect(
      given()
        .when({ ...create, ratingScheme: own })
        .events()[0].data,
    ).toMatchObject({ ratingScheme: { ...brag, name: 'our board table' } });
  });
  it('refuses a preset it does not know', () =>
    given()
      .when({ ...create, ratingScheme: 'traffic-lights' })
      .thenRefuses('RATING.UNKNOWN_SCHEME'));
  it('refuses a scheme that leaves a counted state out, naming it', () => {
    const outcome = planDecider.decide({ ...create, ratingScheme: bragWith('not-due-to-start', ['not started']) }, initialPlanState);
    expect(outcome).toMatchObject({ code: 'RATING.STATE_COUNTED_TWICE' });
    const missing = planDecider.decide(
      { ...create, ratingScheme: { name: 'four rows', categories: brag.categories.slice(0, 4) } },
      initialPlanState,
    );
    expect(missing).toMatchObject({ code: 'RATING.STATE_NOT_COUNTED', message: expect.stringContaining('"not due to start"') });
  });
  it('refuses a state counted by two categories, naming both', () =>
    expect(
      planDecider.decide({ ...create, ratingScheme: bragWith('on-track', ['on track', 'awaiting sign-off', 'at risk']) }, initialPlanState),
    ).toMatchObject({
      code: 'RATING.STATE_COUNTED_TWICE',
      message: expect.stringContaining('"on-track", "some-concerns"'),
    }));
  it('refuses a state that is not counted, such as duplicate', () =>
    given()
      .when({ ...create, ratingScheme: bragWith('complete', ['complete', 'duplicate']) })
      .thenRefuses('RATING.UNKNOWN_STATE'));
  it('refuses two categories with one label', () =>
    given()
      .when({
        ...create,
        ratingScheme: { name: 'x', categories: brag.categories.map((c, i) => (i === 1 ? { ...c, label: 'action COMPLETE' } : c)) },
      })
      .thenRefuses('RATING.CATEGORY_REPEATED'));
  it('refuses a colour boards do not use', () =>
    given()
      .when({ ...create, ratingScheme: { name: 'x', categories: brag.categories.map((c) => ({ ...c, colour: 'pink' as never })) } })
      .thenRefuses('RATING.INVALID_CATEGORY'));
  it('refuses a default basis that is neither rating nor computed', () =>
    given()
      .when({ ...create, defaultBasis: 'effective' as never })
      .thenRefuses('RATING.INVALID_BASIS'));
  it('amends the scheme and basis, and refuses an amendment repeating them', () => {
    const amend = { type: 'AmendPlan' as const, actor: manager, now, reason: 'board adopted the HMIP legend' };
    given(created())
      .when({ ...amend, ratingScheme: 'hmip-four-bucket', defaultBasis: 'rating' })
      .then([
        { type: 'PlanAmended', data: { ratingScheme: RATING_SCHEMES['hmip-four-bucket'], defaultBasis: 'rating', reason: amend.reason } },
      ]);
    given(created({ ratingScheme: brag, defaultBasis: 'rating' }))
      .when({ ...amend, ratingScheme: 'send-wsoa-brag', defaultBasis: 'rating' })
      .thenRefuses('PLAN.NOTHING_TO_AMEND');
  });
  it('finds the scheme unchanged when it is named again after the plan was read back from the store, keys sorted', () => {
    const amend = { type: 'AmendPlan' as const, actor: manager, now, reason: 'settings checked' };
    // The stores keep data as canonical JSON: every object's keys in order, not as the scheme was written.
    const sorted = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(sorted)
        : value && typeof value === 'object'
          ? Object.fromEntries(
              Object.keys(value)
                .sort()
                .map((key) => [key, sorted((value as Record<string, unknown>)[key])]),
            )
          : value;
    const stored = sorted(brag) as RatingScheme;
    expect(Object.keys(stored.categories[0])).not.toEqual(Object.keys(brag.categories[0]));
    given(created({ ratingScheme: stored }))
      .when({ ...amend, ratingScheme: 'send-wsoa-brag' })
      .thenRefuses('PLAN.NOTHING_TO_AMEND');
  });
  it('each ready-made scheme counts every state exactly once', () => {
    for (const name of Object.keys(RATING_SCHEMES))
      given()
        .when({ ...create, ratingScheme: name })
        .thenAppends('PlanCreated');
  });
});

describe('a plan without a scheme', () => {
  it('folds to one row per status under its own labels, not due to start counted as not started, on the computed basis', () => {
    const old: PlanEvent = created({ statusLabels: { complete: 'Action completed', 'not started': 'Action planned but not started' } });
    delete (old.data as { defaultBasis?: unknown }).defaultBasis;
    const state = stateOf(old);
    expect(state.defaultBasis).toBe('computed');
    expect(ratingSchemeOf(state).categories.map((c) => [c.key, c.label, c.counts])).toEqual([
      ['complete', 'Action completed', ['complete']],
      ['awaiting sign-off', 'awaiting sign-off', ['awaiting sign-off']],
      ['on track', 'on track', ['on track']],
      ['at risk', 'at risk', ['at risk']],
      ['off track', 'off track', ['off track']],
      ['not started', 'Action planned but not started', ['not started', 'not due to start']],
    ]);
  });
});

describe('ratingCategoryFor', () => {
  it('finds a category by key or label, whatever the case', () => {
    expect(ratingCategoryFor(brag, 'SOME-CONCERNS')?.key).toBe('some-concerns');
    expect(ratingCategoryFor(brag, ' action in progress with some concerns ')?.key).toBe('some-concerns');
    expect(ratingCategoryFor(brag, 'purple')).toBeNull();
  });
});

describe('open vocabularies', () => {
  it('takes any plan and grouping kind of up to 100 characters, and refuses a blank or longer one', () => {
    given().when(create).thenAppends('PlanCreated');
    given()
      .when({ ...create, kind: ' ' })
      .thenRefuses('PLAN.INVALID_KIND');
    given()
      .when({ ...create, kind: 'x'.repeat(101) })
      .thenRefuses('PLAN.INVALID_KIND');
    const add = { type: 'AddGrouping' as const, actor: manager, now, groupingId: 'g-1', parentId: null, references: ['1'], title: 'EHCPs' };
    given(created())
      .when({ ...add, kind: 'sub-action' })
      .thenAppends('GroupingAdded');
    given(created())
      .when({ ...add, kind: '' })
      .thenRefuses('PLAN.INVALID_KIND');
  });
  it.each([
    ['JANUARY 2022', '2022-01'],
    ['2022-01', '2022-01'],
    ['14 June 2022', '2022-06-14'],
    ['2022-06-14', '2022-06-14'],
  ])('reads a source date written %p as %p', (date, read) =>
    expect(
      given()
        .when({ ...create, source: { ...create.source, date } })
        .events()[0].data,
    ).toMatchObject({ source: { date: read } }),
  );
  it.each(['2022-13', 'sometime', 'To commence January 2021'])('refuses a source date %p', (date) =>
    given()
      .when({ ...create, source: { ...create.source, date } })
      .thenRefuses('PLAN.INVALID_SOURCE_DATE'),
  );
});
