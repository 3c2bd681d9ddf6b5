import { measureDecider, type Actor, type MeasureEvent } from '@actionplans/domain';
import type { Sheet } from '../sheet';
import { checkActuals, describeActualsProblem, type MeasureCandidate } from './actuals-import';

const now = '2023-07-20T10:00:00.000Z';
const owner: Actor = { userId: 'u-jday', role: 'action owner' };
const defined = (measureId: string, name: string, userId = 'u-jday'): MeasureEvent => ({
  type: 'MeasureDefined',
  data: {
    measureId,
    planId: 'p-wsoa',
    name,
    unit: '%',
    direction: 'higher',
    baseline: { value: 52.5, date: '2021-06-30' },
    targets: [{ value: 75, by: '2023-06-30' }],
    tolerance: { amberWithin: 5 },
    frequency: 'quarterly',
    source: null,
    owner: { kind: 'person', name: 'Julie Day', userId },
    groupingIds: [],
    actionIds: [],
  },
});
const candidate = (...events: MeasureEvent[]): MeasureCandidate => {
  const state = events.reduce(measureDecider.evolve, measureDecider.initialState);
  return { measureId: state.measureId!, name: state.details!.name, state, version: events.length };
};
const measures = [
  candidate(defined('m-ehcp', 'EHC plans audited rated as good or better'), {
    type: 'ActualRecorded',
    data: { period: 'Q4 2021/22', periodEnd: '2022-03-31', value: 58, provisional: false, note: null },
  }),
  candidate(defined('m-timely', 'EHCPs issued within 20 weeks')),
  candidate(defined('m-other', 'Mediations and tribunals', 'u-someone-else')),
];
const sheet = (...lines: string[][]): Sheet => ({ rows: lines.map((cells, i) => ({ row: i + 1, cells })) });
const HEADER = ['Measure', 'Period', 'Period end', 'Value', 'Provisional', 'Note'];

describe('a file of figures for measures', () => {
  it('reads every good row into a figure to record, naming a measure by id or by name', () => {
    const { figures, problems } = checkActuals(
      sheet(
        HEADER,
        ['ehc plans audited rated as good or better', 'Q1 2022/23', '2022-06-30', '61%', 'yes', 'sample part audited'],
        ['m-timely', 'Q1 2022/23', '2022-06-30', '1,204', '', ''],
        ['', '', '', '', '', ''],
      ),
      measures,
      owner,
      now,
    );
    expect(problems).toEqual([]);
    expect(figures.map((f) => [f.row, f.measureId, f.command.value, f.command.provisional, f.command.note])).toEqual([
      [2, 'm-ehcp', 61, true, 'sample part audited'],
      [3, 'm-timely', 1204, false, null],
    ]);
  });

  it('reports every bad row by row, column and value, as the measure itself would refuse it', () => {
    const { figures, problems } = checkActuals(
      sheet(
        HEADER,
        ['No such measure', 'Q1 2022/23', '2022-06-30', '61', '', ''],
        ['m-ehcp', 'Q4 2021/22', '2022-03-31', '60', '', ''],
        ['m-ehcp', 'Q1 2022/23', '2022-06-31', 'sixty', 'maybe', ''],
        ['m-timely', 'Q2 2022/23', '2022-09-30', '64', '', ''],
        ['m-timely', 'q2 2022/23', '2022-09-30', '65', '', ''],
        ['m-other', 'Q1 2022/23', '2022-06-30', '10', '', ''],
        ['m-timely', 'Q3 2023/24', '2023-12-31', '70', '', ''],
      ),
      measures,
      owner,
      now,
    );
    expect(problems.map((p) => [p.row, p.column, p.value, p.code])).toEqual([
      [2, 'A (Measure)', 'No such measure', 'MEASURE.NOT_FOUND'],
      [3, 'B (Period)', 'Q4 2021/22', 'MEASURE.ALREADY_RECORDED'],
      [4, 'C (Period end)', '2022-06-31', 'MEASURE.INVALID_DATE'],
      [4, 'D (Value)', 'sixty', 'MEASURE.INVALID_VALUE'],
      [4, 'E (Provisional)', 'maybe', 'MEASURE.INVALID'],
      // The file's own earlier row recorded Q2 already.
      [6, 'B (Period)', 'q2 2022/23', 'MEASURE.ALREADY_RECORDED'],
      [7, 'A (Measure)', 'm-other', 'MEASURE.NOT_OWNER'],
      [8, 'C (Period end)', '2023-12-31', 'MEASURE.PERIOD_NOT_ENDED'],
    ]);
    expect(figures.map((f) => f.row)).toEqual([5]);
    expect(describeActualsProblem(problems[3])).toBe(
      'row 4, column D (Value), "sixty": MEASURE.INVALID_VALUE: must be a number, e.g. 61.5',
    );
  });

  it('refuses a file without the columns it needs, naming them', () => {
    const { problems } = checkActuals(sheet(['Measure', 'Value'], ['m-ehcp', '61']), measures, owner, now);
    expect(problems).toEqual([
      expect.objectContaining({ row: 1, code: 'IMPORT.MISSING_COLUMN', problem: expect.stringMatching(/period .*period end/) }),
    ]);
  });

  it('refuses an impossible period end, and a name two measures share', () => {
    const twins = [...measures, candidate(defined('m-ehcp-2', 'EHC plans audited rated as good or better'))];
    const { problems } = checkActuals(
      sheet(
        HEADER,
        ['m-ehcp', 'Q1 2022/23', '2022-06-31', '61', '', ''],
        ['EHC plans audited rated as good or better', 'Q2', '2022-09-30', '1', '', ''],
      ),
      twins,
      owner,
      now,
    );
    expect(problems.map((p) => [p.row, p.code])).toEqual([
      [2, 'MEASURE.INVALID_DATE'],
      [3, 'MEASURE.AMBIGUOUS'],
    ]);
  });
});
