import type { PlanReport } from './plan-reports';
import { summaryTable, toCsv } from './report-export';

const counts = (...figures: Array<[string, string, number, number]>) =>
  figures.map(([status, label, count, percent]) => ({ status, label, count, percent }));

/** A summary with only the parts the export reads. */
const summary = (
  plan: ReturnType<typeof counts>,
  groupings: Array<{ groupingId: string; title: string; byStatus: ReturnType<typeof counts> }>,
) =>
  ({
    byStatus: plan,
    byGrouping: groupings.map(({ groupingId, title, byStatus }) => ({ groupingId, references: ['1'], title, summary: { byStatus } })),
  }) as unknown as PlanReport['summary'];

const january = summary(counts(['complete', 'Action complete', 1, 25], ['on-track', 'Action on track', 3, 75]), [
  {
    groupingId: 'g1',
    title: 'EHC plans',
    byStatus: counts(['complete', 'Action complete', 1, 25], ['on-track', 'Action on track', 3, 75]),
  },
]);
const may = summary(counts(['complete', 'Action complete', 3, 60], ['on-track', 'Action on track', 2, 40]), [
  {
    groupingId: 'g1',
    title: 'EHC plans',
    byStatus: counts(['complete', 'Action complete', 2, 66.7], ['on-track', 'Action on track', 1, 33.3]),
  },
  {
    groupingId: 'g2',
    title: 'Transitions',
    byStatus: counts(['complete', 'Action complete', 1, 50], ['on-track', 'Action on track', 1, 50]),
  },
]);

describe('the summary as a spreadsheet', () => {
  it('states the day and both bases on every row, so a row copied elsewhere keeps its meaning', () => {
    const { header, rows } = summaryTable({ summary: january, asAt: '2023-01-31', basis: 'effective', statusBasis: 'rating' });
    expect(toCsv(header, rows).split('\n').slice(0, 2)).toEqual([
      'grouping,status,label,count,percent,as at,basis,status basis',
      'whole plan,complete,Action complete,1,25.0,2023-01-31,effective,rating',
    ]);
    expect(rows.every((row) => row.slice(-3).join() === '2023-01-31,effective,rating')).toBe(true);
  });

  it('puts two days side by side under headers naming each, blank where a grouping did not exist yet', () => {
    const { header, rows } = summaryTable(
      { summary: january, asAt: '2023-01-31', basis: 'effective', statusBasis: 'rating' },
      { asAt: '2023-05-31', report: { summary: may } },
    );
    expect(header).toEqual([
      'grouping',
      'status',
      'label',
      'count 2023-01-31',
      'percent 2023-01-31',
      'count 2023-05-31',
      'percent 2023-05-31',
      'basis',
      'status basis',
    ]);
    expect(rows).toEqual([
      ['whole plan', 'complete', 'Action complete', 1, '25.0', 3, '60.0', 'effective', 'rating'],
      ['whole plan', 'on-track', 'Action on track', 3, '75.0', 2, '40.0', 'effective', 'rating'],
      ['1 EHC plans', 'complete', 'Action complete', 1, '25.0', 2, '66.7', 'effective', 'rating'],
      ['1 EHC plans', 'on-track', 'Action on track', 3, '75.0', 1, '33.3', 'effective', 'rating'],
      ['1 Transitions', 'complete', 'Action complete', '', '', 1, '50.0', 'effective', 'rating'],
      ['1 Transitions', 'on-track', 'Action on track', '', '', 1, '50.0', 'effective', 'rating'],
    ]);
  });

  it('leaves the second day blank when the plan did not exist then', () => {
    const { rows } = summaryTable(
      { summary: may, asAt: '2023-05-31', basis: 'effective', statusBasis: 'computed' },
      { asAt: '2020-01-31', report: null },
    );
    expect(rows[0]).toEqual(['whole plan', 'complete', 'Action complete', 3, '60.0', '', '', 'effective', 'computed']);
  });
});
