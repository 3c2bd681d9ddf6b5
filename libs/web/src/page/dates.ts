/** Dates as council papers and GOV.UK write them: "14 June 2022", "14 June 2022 at 3:05pm" (UK time). */
const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const LONDON_DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });
const LONDON_TIME = new Intl.DateTimeFormat('en-GB', { hour: 'numeric', minute: '2-digit', hourCycle: 'h12', timeZone: 'Europe/London' });

/** A calendar day (YYYY-MM-DD, or the day of an ISO time) in words; anything else as it is. */
export function dayInWords(value: unknown): string {
  if (typeof value !== 'string') return typeof value === 'number' ? String(value) : '';
  if (!/^\d{4}-\d{2}-\d{2}/.test(value)) return value;
  const date = new Date(`${value.slice(0, 10)}T00:00:00.000Z`);
  return Number.isNaN(date.getTime()) ? value : DAY.format(date);
}

/** A moment (ISO 8601) as the day and time in the UK; a bare day as `dayInWords` says it. */
export function momentInWords(value: unknown): string {
  if (typeof value !== 'string' || value.length <= 10) return dayInWords(value);
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
