import { dayNumber, isCalendarDay, isoDay } from './calendar-day';

const DAY = 86_400_000;

describe('calendar days', () => {
  it('agrees with the UTC calendar on every day from 1990 to 2100', () => {
    const wrong: string[] = [];
    for (let n = Date.UTC(1990, 0, 1) / DAY; n <= Date.UTC(2100, 11, 31) / DAY; n += 1) {
      const iso = new Date(n * DAY).toISOString().slice(0, 10);
      if (isoDay(n) !== iso || dayNumber(iso) !== n) wrong.push(iso);
    }
    expect(wrong).toEqual([]);
  });
  it('reads real days only', () =>
    expect(['2024-02-29', '2021-02-29', '2021-13-01', '2021-04-31', '2021-4-30', ' 2021-04-30', '0000-03-01'].map(isCalendarDay)).toEqual([
      true,
      false,
      false,
      false,
      false,
      false,
      false,
    ]));
});
