import { notCountedOf } from './plan-summary.model';

describe('what the plan summary says it leaves out', () => {
  it('says how many actions are not counted and why, and which statuses show them', () => {
    expect(notCountedOf({ duplicate: 9, withdrawn: 0 })).toEqual({
      text: '9 actions are not counted: 9 duplicates of other actions.',
      statuses: ['duplicate'],
    });
    expect(notCountedOf({ duplicate: 1, withdrawn: 2 })).toEqual({
      text: '3 actions are not counted: 1 duplicate of another action and 2 withdrawn.',
      statuses: ['duplicate', 'withdrawn'],
    });
  });

  it('says nothing when every action counts', () => {
    expect(notCountedOf({ duplicate: 0, withdrawn: 0 })).toBeNull();
  });
});
