import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readTargetDate, targetDateRangeProblem } from './target-date';

describe('readTargetDate', () => {
  it.each([
    ['Mar-21', 'month', '2021-03-31'],
    ['Feb-24', 'month', '2024-02-29'],
    ['August 2022', 'month', '2022-08-31'],
    ['05.06.14', 'day', '2014-06-05'],
    ['05.06.2014', 'day', '2014-06-05'],
    ['31/03/2021', 'day', '2021-03-31'],
    ['2021-09-21', 'day', '2021-09-21'],
    ['20th January 2021', 'day', '2021-01-20'],
    ['45016', 'day', '2023-03-31'],
    ['Q4 2021', 'quarter', '2021-12-31'],
    ['Q4 2022/23', 'quarter', '2023-03-31'],
    ['Quarter 1 2022/23', 'quarter', '2022-06-30'],
  ])('reads %s as a %s due %s', (raw, precision, due) => {
    expect(readTargetDate(raw)).toMatchObject({ raw, precision, due });
  });

  it('keeps "To commence January 2021" as a month, noting that it names a start', () => {
    expect(readTargetDate('To commence January 2021')).toEqual({
      raw: 'To commence January 2021',
      precision: 'month',
      due: '2021-01-31',
      note: 'names when the action starts, not when it is due',
    });
  });

  it.each([
    ['Monthly activity – to be reviewed quarterly.', 'monthly'],
    ['Ongoing', 'ongoing'],
    ['Quarterly', 'quarterly'],
  ])('reads %s as recurring (%s), with no single due date', (raw, cadence) => {
    expect(readTargetDate(raw)).toEqual({ raw, precision: 'recurring', due: null, cadence });
  });

  it.each([
    ['31.4.14', 'April 2014 has no day 31'],
    ['29.02.2023', 'February 2023 has no day 29'],
    ['Click here to enter a date.', 'no date was given'],
    ['<<insert date>>', 'no date was given'],
    ['', 'no date was given'],
    [null, 'no date was given'],
    ['Extraordinary YOT Board Meeting took place on 20th', 'not a date this engine can read'],
  ])('reads %j as unknown, saying why: %s', (raw, note) => {
    expect(readTargetDate(raw)).toMatchObject({ precision: 'unknown', due: null, note });
  });

  it.each([
    ['9999-12-31', '9999 is outside the years this engine takes (1900 to 2199)'],
    ['31/12/1899', '1899 is outside the years this engine takes (1900 to 2199)'],
    ['Dec-2200', '2200 is outside the years this engine takes (1900 to 2199)'],
    ['Q4 2199/00', '2200 is outside the years this engine takes (1900 to 2199)'],
  ])('reads %s, in a year no plan means, as no date at all: %s', (raw, note) => {
    expect(readTargetDate(raw)).toMatchObject({ precision: 'unknown', due: null, note });
    expect(targetDateRangeProblem(raw)).toBe('names a date outside the years this engine takes (1900 to 2199)');
  });

  it('takes the first and last days of the range, and says nothing of text that is no date', () => {
    expect([readTargetDate('1900-01-01').due, readTargetDate('2199-12-31').due, readTargetDate('Q4 2199').due]).toEqual([
      '1900-01-01',
      '2199-12-31',
      '2199-12-31',
    ]);
    expect(['2199-12-31', 'Ongoing', 'TBC', '31.4.14'].map(targetDateRangeProblem)).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('keeps a quarter without a year as a quarter with no due date', () => {
    expect(readTargetDate('Quarter 4')).toMatchObject({ precision: 'quarter', due: null, note: 'a quarter without a year' });
  });

  it('reads every "By When" of the HMIP plan (65 rows) the way a person would', () => {
    const fixture = JSON.parse(readFileSync(join(__dirname, '../../../test/fixtures/hmip-yot-action-plan.json'), 'utf8'));
    const rows = fixture.rows as Array<{ by_when: string }>;
    const read = rows.map((row) => readTargetDate(row.by_when));
    const count = (precision: string) => read.filter((d) => d.precision === precision).length;
    expect([count('month'), count('recurring'), count('unknown'), count('day'), count('quarter')]).toEqual([58, 2, 5, 0, 0]);
    expect(read.find((d) => d.raw === 'Mar-22')?.due).toBe('2022-03-31');
    expect(read.map((d) => d.raw)).toEqual(rows.map((row) => row.by_when));
  });
});
