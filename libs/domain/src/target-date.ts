import { FIRST_DAY, LAST_DAY } from './date-range';

/**
 * Target dates as plans write them ("Mar-21", "31.4.14", "Ongoing", "45016", "Click here to enter
 * a date."): kept raw, and read into a due date with the precision the text really has.
 */
export type DatePrecision = 'day' | 'month' | 'quarter' | 'recurring' | 'unknown';

export type Cadence = 'weekly' | 'monthly' | 'quarterly' | 'annually' | 'ongoing';

export interface TargetDate {
  /** Exactly as written. */
  raw: string;
  precision: DatePrecision;
  /** When it falls due (YYYY-MM-DD): the day, or the last day of the month or quarter; null if none. */
  due: string | null;
  /** How often a recurring action recurs. */
  cadence?: Cadence;
  /** What a reader should know: why the text is not a date, or that it names a start. */
  note?: string;
}

/** A start date: read like a target date, with the first day it names, since a month starts on its first day. */
export interface StartDate extends TargetDate {
  /** YYYY-MM-DD: the day, or the first day of the month or quarter; null if none (recurring, unreadable). */
  starts: string | null;
}

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const MONTHS = MONTH_NAMES.map((name) => name.slice(0, 3).toLowerCase());
const PLACEHOLDER = /^(click here to enter a date\.?|<<\s*insert date\s*>>|tbc|tba|n\/?a|-+|\?)$/i;
/** Excel counts days from 1899-12-30 (its 1900 leap-year bug included); 20000-80000 is 1954-2119. */
const EXCEL_SERIAL = /^\d{5}$/;

/** Reads a target date; never throws: what cannot be read is `unknown` with a note saying why. */
export function readTargetDate(raw: string | number | null | undefined): TargetDate {
  const text = raw === null || raw === undefined ? '' : String(raw);
  const clean = text.trim().replace(/\s+/g, ' ');
  if (clean === '' || PLACEHOLDER.test(clean)) return unknown(text, 'no date was given');
  return (
    excelSerial(text, clean) ??
    numericDay(text, clean) ??
    wordDay(text, clean) ??
    month(text, clean) ??
    quarter(text, clean) ??
    recurring(text, clean) ??
    unknown(text, 'not a date this engine can read')
  );
}

/**
 * Reads a start date with the target-date reader ("To commence January 2021", "Q2 2021", "45016"):
 * `due` stays as that reader gives it (the end of a month), `starts` is the first day it names.
 */
export function readStartDate(raw: string | number | null | undefined): StartDate {
  const read = readTargetDate(raw);
  if (read.due === null || (read.precision !== 'day' && read.precision !== 'month' && read.precision !== 'quarter'))
    return { ...read, starts: null };
  const [year, month] = read.due.split('-').map(Number);
  if (read.precision === 'day') return { ...read, starts: read.due };
  // A quarter's due date is the last day of its third month.
  const first = read.precision === 'quarter' ? month - 2 : month;
  return { ...read, starts: iso(year, first, 1) };
}

function unknown(raw: string, note: string): TargetDate {
  return { raw, precision: 'unknown', due: null, note };
}

const FIRST_YEAR = Number(FIRST_DAY.slice(0, 4));
const LAST_YEAR = Number(LAST_DAY.slice(0, 4));
const OUTSIDE_YEARS = `outside the years this engine takes (${FIRST_YEAR} to ${LAST_YEAR})`;

/** A year no plan means (9999, 0202): read as no date, so nothing is ever chased for it. */
const outsideYears = (raw: string, year: number): TargetDate | null =>
  year < FIRST_YEAR || year > LAST_YEAR ? unknown(raw, `${year} is ${OUTSIDE_YEARS}`) : null;

/**
 * What is wrong with a target or start date's text, if it names a day, month or quarter in a
 * year outside the range; undefined for any other text, readable or not (kept as written).
 */
export function targetDateRangeProblem(raw: string): string | undefined {
  const { note } = readTargetDate(raw);
  return note?.endsWith(OUTSIDE_YEARS) ? `names a date ${OUTSIDE_YEARS}` : undefined;
}

function iso(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function lastDayOf(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Two-digit years are this century: the plans span 2013 onwards. */
function fullYear(year: string): number {
  return year.length === 2 ? 2000 + Number(year) : Number(year);
}

function day(raw: string, year: number, month: number, dayOfMonth: number): TargetDate {
  const outside = outsideYears(raw, year);
  if (outside) return outside;
  if (month < 1 || month > 12) return unknown(raw, `${month} is not a month`);
  if (dayOfMonth < 1 || dayOfMonth > lastDayOf(year, month)) {
    return unknown(raw, `${MONTH_NAMES[month - 1]} ${year} has no day ${dayOfMonth}`);
  }
  return { raw, precision: 'day', due: iso(year, month, dayOfMonth) };
}

function excelSerial(raw: string, clean: string): TargetDate | null {
  if (!EXCEL_SERIAL.test(clean) || Number(clean) < 20000 || Number(clean) > 80000) return null;
  const date = new Date(Date.UTC(1899, 11, 30) + Number(clean) * 86_400_000);
  return { ...day(raw, date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()), note: 'read as an Excel date serial' };
}

/** 31/03/2021, 31.3.21, 2021-03-31: day-first, as UK plans write them, or ISO. */
function numericDay(raw: string, clean: string): TargetDate | null {
  const isoMatch = /^(\d{4})-(\d{2})-(\d{2})$/.exec(clean);
  if (isoMatch) return day(raw, Number(isoMatch[1]), Number(isoMatch[2]), Number(isoMatch[3]));
  const uk = /^(\d{1,2})[./-](\d{1,2})[./-](\d{2}|\d{4})$/.exec(clean);
  return uk ? day(raw, fullYear(uk[3]), Number(uk[2]), Number(uk[1])) : null;
}

function monthNumber(word: string): number {
  return MONTHS.indexOf(word.slice(0, 3).toLowerCase()) + 1;
}

/** 20th January 2021, 20 Jan 21. */
function wordDay(raw: string, clean: string): TargetDate | null {
  const match = /^(\d{1,2})(?:st|nd|rd|th)? ([A-Za-z]{3,9}),? (\d{2}|\d{4})$/.exec(clean);
  if (!match || monthNumber(match[2]) === 0) return null;
  return day(raw, fullYear(match[3]), monthNumber(match[2]), Number(match[1]));
}

/** Mar-21, August 2022, "To commence January 2021" (a start, kept as a month). */
function month(raw: string, clean: string): TargetDate | null {
  const match = /^(to commence |by |end of )?([A-Za-z]{3,9})[ -](\d{2}|\d{4})$/i.exec(clean);
  if (!match || monthNumber(match[2]) === 0) return null;
  const year = fullYear(match[3]);
  const outside = outsideYears(raw, year);
  if (outside) return outside;
  const m = monthNumber(match[2]);
  const due = iso(year, m, lastDayOf(year, m));
  const starts = /^to commence/i.test(match[1] ?? '');
  return starts
    ? { raw, precision: 'month', due, note: 'names when the action starts, not when it is due' }
    : { raw, precision: 'month', due };
}

/** Q1 2021 (calendar), Q1 2021/22 (financial year from April), "Quarter 4" with no year. */
function quarter(raw: string, clean: string): TargetDate | null {
  const match = /^(?:q|quarter ?)([1-4])(?: (\d{4})(?:\/(\d{2}|\d{4}))?)?$/i.exec(clean);
  if (!match) return null;
  if (!match[2]) return { ...unknown(raw, 'a quarter without a year'), precision: 'quarter' };
  const q = Number(match[1]);
  const financial = match[3] !== undefined;
  // A financial year starts in April: its Q4 ends in March of the following calendar year.
  const endMonthIndex = financial ? 3 + q * 3 : q * 3;
  const year = Number(match[2]) + (endMonthIndex > 12 ? 1 : 0);
  const outside = outsideYears(raw, year);
  if (outside) return outside;
  const m = ((endMonthIndex - 1) % 12) + 1;
  return { raw, precision: 'quarter', due: iso(year, m, lastDayOf(year, m)) };
}

/** "Monthly activity – to be reviewed quarterly.", "Ongoing": no single due date. */
function recurring(raw: string, clean: string): TargetDate | null {
  const lower = clean.toLowerCase();
  const cadence = (['weekly', 'monthly', 'quarterly', 'annually'] as const).find((c) => lower.startsWith(c));
  if (cadence) return { raw, precision: 'recurring', due: null, cadence };
  if (/^(ongoing|on-going|continuous|as required)\b/.test(lower)) return { raw, precision: 'recurring', due: null, cadence: 'ongoing' };
  return null;
}
