import { dayInWords, momentInWords, targetDateInWords } from './dates';

describe('dates as pages write them', () => {
  it('writes a day as council papers do', () => {
    expect(dayInWords('2022-06-14')).toBe('14 June 2022');
    expect(dayInWords('2022-01')).toBe('January 2022');
    // A moment's day is the day it was in the UK: 23:30 UTC in summer is already the next day.
    expect(dayInWords('2022-06-14T23:30:00.000Z')).toBe('15 June 2022');
    expect(dayInWords('2022-01-14T23:30:00.000Z')).toBe('14 January 2022');
  });

  it('writes a moment in UK time, GOV.UK style', () => {
    expect(momentInWords('2022-06-14T14:05:00.000Z')).toBe('14 June 2022 at 3:05pm');
    expect(momentInWords('2022-01-14T12:00:00.000Z')).toBe('14 January 2022 at midday');
    expect(momentInWords('2022-06-14T23:30:00.000Z')).toBe('15 June 2022 at 12:30am');
    expect(momentInWords(new Date('2022-06-14T14:05:00.000Z'))).toBe('14 June 2022 at 3:05pm');
    expect(dayInWords(new Date('2022-06-14T23:30:00.000Z'))).toBe('15 June 2022');
  });

  it('leaves what is not a date as it is', () => {
    expect(dayInWords('Mar-21')).toBe('Mar-21');
    expect(dayInWords('2021-02-30')).toBe('2021-02-30');
    expect(dayInWords(null)).toBe('');
  });
});

describe('target dates as pages and packs write them', () => {
  it('writes each with the precision its text has', () => {
    expect(targetDateInWords({ raw: '45016', precision: 'day', due: '2023-03-31' })).toBe('31 March 2023');
    expect(targetDateInWords({ raw: '2022-08-01', precision: 'day', due: '2022-08-01' })).toBe('1 August 2022');
    expect(targetDateInWords({ raw: 'Aug-22', precision: 'month', due: '2022-08-31' })).toBe('August 2022');
    expect(targetDateInWords({ raw: 'quarter 4 2022/23', precision: 'quarter', due: '2023-03-31' })).toBe('Q4 2022/23');
    expect(targetDateInWords({ raw: 'Ongoing', precision: 'recurring', due: null })).toBe('Ongoing');
  });

  it('says none was given rather than printing nothing', () => {
    expect(targetDateInWords({ raw: '', precision: 'unknown', due: null })).toBe('None given');
    expect(targetDateInWords(null, 'Not revised')).toBe('Not revised');
  });
});
