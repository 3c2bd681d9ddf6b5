/**
 * Calendar days as whole numbers (days since 1970-01-01), so reminder dates are integer sums.
 * Hinnant's civil-day algorithms (proleptic Gregorian, years 1 to 9999): the policy runs for every
 * open action on every pass, so no Date objects and not even a call to a global such as Math.floor.
 * Every quantity divided is non-negative from year 1 on, so `| 0` truncates as floor would.
 */
const DAYS_TO_1970 = 719_468;
const DAYS_PER_400_YEARS = 146_097;

const digit = (text: string, at: number) => text.charCodeAt(at) - 48;

/** The day number of a YYYY-MM-DD text (assumed well formed: see `isCalendarDay`). */
export function dayNumber(iso: string): number {
  const month = digit(iso, 5) * 10 + digit(iso, 6);
  const day = digit(iso, 8) * 10 + digit(iso, 9);
  // Counting the year from March puts a leap day at its end.
  const year = digit(iso, 0) * 1000 + digit(iso, 1) * 100 + digit(iso, 2) * 10 + digit(iso, 3) - (month <= 2 ? 1 : 0);
  const era = (year / 400) | 0;
  const yearOfEra = year - era * 400;
  const dayOfYear = (((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) | 0) + day - 1;
  const dayOfEra = yearOfEra * 365 + ((yearOfEra / 4) | 0) - ((yearOfEra / 100) | 0) + dayOfYear;
  return era * DAYS_PER_400_YEARS + dayOfEra - DAYS_TO_1970;
}

const twoDigits = (n: number) => (n < 10 ? `0${n}` : `${n}`);

/** YYYY-MM-DD of a day number. */
export function isoDay(n: number): string {
  const z = n + DAYS_TO_1970;
  const era = (z / DAYS_PER_400_YEARS) | 0;
  const dayOfEra = z - era * DAYS_PER_400_YEARS;
  const yearOfEra = ((dayOfEra - ((dayOfEra / 1460) | 0) + ((dayOfEra / 36_524) | 0) - ((dayOfEra / 146_096) | 0)) / 365) | 0;
  const dayOfYear = dayOfEra - (365 * yearOfEra + ((yearOfEra / 4) | 0) - ((yearOfEra / 100) | 0));
  const shiftedMonth = ((5 * dayOfYear + 2) / 153) | 0;
  const day = dayOfYear - (((153 * shiftedMonth + 2) / 5) | 0) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${year}-${twoDigits(month)}-${twoDigits(day)}`;
}

/** Whether `text` is a real day written YYYY-MM-DD ("2021-02-29" is not). */
export function isCalendarDay(text: unknown): text is string {
  return typeof text === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(text) && text >= '0001' && isoDay(dayNumber(text)) === text;
}
