/**
 * Dates as council papers and GOV.UK write them: "14 June 2022", "June 2022", "14 June 2022 at
 * 3:05pm" (UK time). Every page writes dates through these, so a day reads the same everywhere.
 */
const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const MONTH = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const LONDON_DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });
const LONDON_TIME = new Intl.DateTimeFormat('en-GB', { hour: 'numeric', minute: '2-digit', hourCycle: 'h12', timeZone: 'Europe/London' });

/**
 * A calendar day (YYYY-MM-DD) or month (YYYY-MM) in words; a moment (ISO 8601 with a time, or a Date) as its
 * day in the UK; anything else as it is.
 */
export function dayInWords(value: unknown): string {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : LONDON_DAY.format(value);
  if (typeof value !== 'string') return typeof value === 'number' ? String(value) : '';
  const bare = /^(\d{4}-\d{2})(-\d{2})?$/.exec(value);
  if (bare) {
    const day = `${bare[1]}${bare[2] ?? '-01'}`;
    const midnight = new Date(`${day}T00:00:00.000Z`);
    // Date rolls 30 February over to March: a day that does not come back the same is not a day.
    if (Number.isNaN(midnight.getTime()) || !midnight.toISOString().startsWith(day)) return value;
    return (bare[2] ? DAY : MONTH).format(midnight);
  }
  const moment = /^\d{4}-\d{2}-\d{2}T/.test(value) ? new Date(value) : null;
  return moment && !Number.isNaN(moment.getTime()) ? LONDON_DAY.format(moment) : value;
}

/** A moment (ISO 8601, or a Date) as the day and time in the UK; a bare day as `dayInWords` says it. */
export function momentInWords(value: unknown): string {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : momentInWords(value.toISOString());
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T/.test(value)) return dayInWords(value);
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  // GOV.UK style: "3:05pm", "12pm" for midday, lower case with no space.
  const time = LONDON_TIME.format(date).replace(/\s/g, '').replace(':00', '').toLowerCase();
  return `${LONDON_DAY.format(date)} at ${time === '12pm' ? 'midday' : time === '12am' ? 'midnight' : time}`;
}

/** Every YYYY-MM-DD in a sentence written in words ("due 2022-06-14" → "due 14 June 2022"). */
export const datesInText = (value: unknown): string => textOf(value).replace(/\b\d{4}-\d{2}-\d{2}\b/g, (day) => dayInWords(day));

/** Text as the start of a sentence: its first letter a capital, the rest as it is (nunjucks' `capitalize` lowers the rest). */
export const asSentence = (value: unknown): string => {
  const text = textOf(value);
  return text.charAt(0).toUpperCase() + text.slice(1);
};

const textOf = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');

/** A target or start date as the engine read it: its text as written, the precision it has and the day it falls due. */
interface ReadDate {
  raw: string;
  precision: string;
  due: string | null;
}

/**
 * A target or start date in words, with the precision its text has: a day as "1 August 2022" (an Excel
 * serial such as "45016" included), a month as "August 2022", a quarter as the papers write it ("Q4
 * 2022/23"); text the engine cannot read as a day ("Ongoing") as written, and nothing as `none`.
 */
export function targetDateInWords(value: unknown, none = 'None given'): string {
  if (!value || typeof value !== 'object') return none;
  const { raw, precision, due } = value as ReadDate;
  const written = typeof raw === 'string' ? raw.trim().replace(/\s+/g, ' ') : '';
  if (due && precision === 'day') return dayInWords(due);
  if (due && precision === 'month') return dayInWords(due.slice(0, 7));
  if (due && precision === 'quarter') return written.replace(/^quarter ?/i, 'Q').replace(/^q/, 'Q');
  return written || none;
}
