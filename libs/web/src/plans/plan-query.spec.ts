import { planPageQuery, queryString } from './plan-query';

const TODAY = '2023-05-31';

describe('reading the plan page’s query', () => {
  it('reads a day typed in the three fields, the bases, the day compared with and the filters', () => {
    const query = planPageQuery(
      {
        'asAt-day': '15',
        'asAt-month': '7',
        'asAt-year': '2021',
        history: 'recorded',
        basis: 'rating',
        'compareWith-day': '20',
        'compareWith-month': '1',
        'compareWith-year': '2021',
        status: ['off track', 'at risk'],
        owner: 'Head of SEND',
        lateness: 'overdue',
      },
      TODAY,
    );
    expect(query).toMatchObject({
      asAt: '2021-07-15',
      history: 'recorded',
      statusBasis: 'rating',
      compareWith: '2021-01-20',
      filters: { statuses: ['off track', 'at risk'], owner: 'Head of SEND', lateness: 'overdue' },
      errors: [],
    });
  });

  it('shows today on the effective basis and the plan’s own counting when nothing is asked', () => {
    expect(planPageQuery({}, TODAY)).toMatchObject({ asAt: undefined, history: 'effective', statusBasis: undefined, errors: [] });
  });

  it.each([
    [{ 'asAt-day': '15', 'asAt-month': '', 'asAt-year': '2021' }, 'asAt-month', 'The day to show the plan as at must include a month'],
    [{ 'asAt-day': '31', 'asAt-month': '4', 'asAt-year': '2014' }, 'asAt-day', 'The day to show the plan as at must be a real date'],
    [
      { 'asAt-day': '1', 'asAt-month': '6', 'asAt-year': '2023' },
      'asAt-day',
      'The day to show the plan as at must be today or in the past',
    ],
    [
      { 'compareWith-day': 'x', 'compareWith-month': '1', 'compareWith-year': '21' },
      'compareWith-day',
      'The day to compare with must be a real date',
    ],
  ])('says beside its field what is wrong with a day that cannot be shown (%j)', (raw, field, text) => {
    const query = planPageQuery(raw, TODAY);
    expect(query.errors).toEqual([{ field, text }]);
    expect(query.asAt ?? query.compareWith).toBeUndefined();
  });

  it('ignores a basis or lateness it does not know, rather than guessing', () => {
    expect(planPageQuery({ basis: 'gut feeling', lateness: 'very' }, TODAY)).toMatchObject({
      statusBasis: undefined,
      filters: { lateness: undefined },
    });
  });

  it('writes a view back as a query string, repeating a field chosen more than once', () => {
    expect(queryString({ status: ['off track', 'at risk'], owner: undefined, lateness: 'overdue' })).toBe(
      '?status=off+track&status=at+risk&lateness=overdue',
    );
    expect(queryString({})).toBe('');
  });
});
