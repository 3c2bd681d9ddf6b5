import { RATING_SCHEMES, initialPlanState, readTargetDate, type CanonicalStatus, type PlanState } from '@actionplans/domain';
import { summarise } from './plan.view';
import { disagreementOf, elapsed, longDay, type Ratable } from './rating.view';

const hmip = RATING_SCHEMES['hmip-four-bucket'];
const plan: PlanState = { ...initialPlanState, planId: 'p', stage: 'active', ratingScheme: hmip, defaultBasis: 'rating' };
const action = (status: CanonicalStatus, rating: string | null, due = '2021-03-31'): Ratable => ({
  status: { status, reason: status === 'on track' ? "the owner's assessment as of 2021-07-01" : status },
  rating: rating ? { category: rating, authority: null } : null,
  targetDate: readTargetDate(due),
});

describe('a summary on the rating basis', () => {
  const actions = [
    action('off track', 'on-track'),
    action('complete', 'completed'),
    action('complete', null),
    action('not started', null),
    action('on track', 'may-exceed'),
    action('duplicate', 'on-track'),
    action('withdrawn', null),
  ];
  it("shows exactly the scheme's rows in order, zero rows included, counting an unrated action by its computed status", () => {
    const summary = summarise(plan, actions);
    expect(summary.basis).toBe('rating');
    expect(summary.byStatus.map(({ label, count, percent }) => [label, count, percent])).toEqual([
      ['Action may exceed original target date', 1, 20],
      ['Action progressing and on track', 1, 20],
      ['Action completed', 2, 40],
      ['Action planned but not started', 1, 20],
    ]);
    expect(summary).toMatchObject({ counted: 5, complete: 2, percentComplete: 40, notCounted: { duplicate: 1, withdrawn: 1 } });
  });
  it('counts the computed status in the same rows on the computed basis', () =>
    expect(summarise(plan, actions, 'computed').byStatus.map(({ count }) => count)).toEqual([1, 1, 2, 1]));
  it('gives percentages to one decimal place', () =>
    expect(summarise(plan, [action('complete', null), action('complete', null), action('on track', null)]).byStatus[2].percent).toBe(66.7));
});

describe('a disagreement between rating and computed status', () => {
  it('says how far past its target date an action rated on track is', () =>
    expect(disagreementOf(hmip, action('off track', 'on-track', '31/01/2023'), '2023-05-31')?.why).toBe(
      'rated Action progressing and on track, 4 months past its target date of 31 January 2023',
    ));
  it('names the authority of a moderated rating', () =>
    expect(
      disagreementOf(
        hmip,
        { ...action('on track', 'may-exceed'), rating: { category: 'may-exceed', authority: 'the Youth Justice Board' } },
        '2021-03-01',
      )?.why,
    ).toBe(
      "rated Action may exceed original target date (on the authority of the Youth Justice Board), but the owner's assessment as of 2021-07-01 (Action progressing and on track)",
    ));
  it('is none when the rating falls in the category the computed status counts in, or there is no rating', () => {
    expect(disagreementOf(hmip, action('awaiting sign-off', 'on-track'), '2021-03-01')).toBeNull();
    expect(disagreementOf(hmip, action('off track', null), '2021-05-01')).toBeNull();
    expect(disagreementOf(hmip, action('duplicate', 'on-track'), '2021-05-01')).toBeNull();
  });
  it('writes days and spans as board papers do', () => {
    expect(longDay('2023-01-31')).toBe('31 January 2023');
    expect(elapsed('2023-01-31', '2023-02-28')).toBe('28 days');
    expect(elapsed('2023-01-31', '2023-03-01')).toBe('1 month');
    expect(elapsed('2022-01-31', '2023-05-31')).toBe('16 months');
  });
});
