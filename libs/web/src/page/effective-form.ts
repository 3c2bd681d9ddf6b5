import {
  effectiveRefusal,
  isEffective,
  isPastDated,
  isRealDay,
  readEffective,
  type Actor,
  type DomainError,
  type Effective,
} from '@actionplans/domain';
import { dayInWords } from './dates';
import type { FormError } from './nunjucks';

/** A form as sent: every field a string (or several). */
type Sent = Record<string, string | string[] | undefined>;

/**
 * The names of the "When did this happen?" fields (a GOV.UK date input, an optional time and the
 * source). A page with one such form per item (a meeting's agenda) suffixes their ids, not their names.
 */
export const EFFECTIVE_FIELDS = { date: 'effectiveAt', time: 'effectiveTime', source: 'effectiveSource' } as const;

/** The ids the fields have on the page, which its errors name: the date's is its day field, the first. */
export const effectiveIds = (suffix = '') => ({
  date: `${EFFECTIVE_FIELDS.date}${suffix}-day`,
  time: `${EFFECTIVE_FIELDS.time}${suffix}`,
  source: `${EFFECTIVE_FIELDS.source}${suffix}`,
});

/** The same limit as the API's `effective.source`. */
const SOURCE_MAX = 500;

export interface EffectiveFormOptions {
  /** Who sends the form: only plan managers and admins may give an earlier day, as the commands rule. */
  actor: Actor;
  /** The moment the form is read (ISO). */
  now: string;
  /** The day (YYYY-MM-DD) a date left empty stands for, as the command itself takes it (a panel decision: its meeting's day). */
  defaultDay?: string;
  idSuffix?: string;
}

/** The effective date read (undefined: it happens now, or on the command's own default), and what to fix. */
export interface EffectiveRead {
  effective: Effective | undefined;
  errors: FormError[];
}

/**
 * Reads "When did this happen?": left empty, the command happens now (or on `defaultDay`); a day,
 * with a time in UK time if given; and where it is written down, which a day before today needs
 * (as the API's request check asks). The future and an earlier day from someone who may not give
 * one are refused here by the domain's own rule, so every field's problem shows at once.
 */
export function readEffectiveForm(sent: Sent, options: EffectiveFormOptions): EffectiveRead {
  const ids = effectiveIds(options.idSuffix);
  const source = text(sent, EFFECTIVE_FIELDS.source);
  const errors: FormError[] = [];
  if (source.length > SOURCE_MAX)
    errors.push({ field: ids.source, text: `Where it is written down must be ${SOURCE_MAX} characters or fewer` });
  const at = momentOf(sent, options, source !== '');
  if ('problem' in at) return { effective: undefined, errors: [...errors, { field: ids.date, text: at.problem }] };
  const read = at.value === null ? null : readEffective(at.value, source || null);
  const effective = read && isEffective(read) ? read : undefined;
  if (!effective) return { effective, errors };
  const refused = effectiveRefusal({ actor: options.actor, now: options.now, effective }, {});
  if (refused) errors.push({ field: ids.date, text: refusalText(refused) ?? refused.message });
  else if (isPastDated(effective, options.now) && !source)
    errors.push({ field: ids.source, text: 'Enter where this is written down, such as the minutes or report it is taken from' });
  return { effective, errors };
}

/**
 * "When did this happen?" where the command needs the day (approval to close, a delegated body's
 * sign-off): left empty, it is refused in `missing`'s words; today's date without a source is today.
 */
export function readRequiredEffectiveForm(sent: Sent, options: EffectiveFormOptions, missing: string): EffectiveRead {
  const ids = effectiveIds(options.idSuffix);
  if (dayOf(sent) === null) return { effective: undefined, errors: [{ field: ids.date, text: missing }] };
  const read = readEffectiveForm(sent, options);
  if (read.effective || read.errors.length) return read;
  // The day as the commands judge it (UTC), so it is never a day ahead of theirs.
  const today = readEffective(options.now.slice(0, 10));
  return { effective: isEffective(today) ? today : undefined, errors: [] };
}

/**
 * What `readEffective` is given: a day, a moment with its UK offset, or null for none. A date of
 * today without a time means now: entering today's event a few hours late is ordinary, and now
 * keeps it after what was recorded earlier today, where the start of the day would not.
 */
function momentOf(sent: Sent, options: EffectiveFormOptions, cited: boolean): { value: string | null } | { problem: string } {
  const day = dayOf(sent);
  const time = timeOf(text(sent, EFFECTIVE_FIELDS.time));
  if (day === null) {
    if (time !== null) return { problem: 'Enter the date it happened, as well as the time' };
    // A default day that has not passed is now, as the command itself takes it.
    if (options.defaultDay && options.defaultDay < options.now.slice(0, 10)) return { value: cited ? options.defaultDay : null };
    return { value: cited ? options.now : null };
  }
  if ('problem' in day) return day;
  if (time !== null && 'problem' in time) return { problem: time.problem };
  if (time === null) return { value: day.day === londonDay(options.now) ? (cited ? options.now : null) : day.day };
  return { value: londonMoment(day.day, time.hours, time.minutes) };
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** GOV.UK's date input as YYYY-MM-DD (a month by number or name), or its problem in the pattern's words; null when left empty. */
function dayOf(sent: Sent): { day: string } | { problem: string } | null {
  const [day, month, year] = ['day', 'month', 'year'].map((part) => text(sent, `${EFFECTIVE_FIELDS.date}-${part}`));
  if (!day && !month && !year) return null;
  const missing = [!day && 'day', !month && 'month', !year && 'year'].filter(Boolean);
  if (missing.length) return { problem: `The date it happened must include a ${missing.join(' and ')}` };
  const byName = MONTHS.indexOf(month.slice(0, 3).toLowerCase()) + 1;
  const monthNumber = /^\d{1,2}$/.test(month) ? Number(month) : month.length >= 3 ? byName : 0;
  const iso = `${year}-${String(monthNumber).padStart(2, '0')}-${day.padStart(2, '0')}`;
  return /^\d{1,2}$/.test(day) && /^\d{4}$/.test(year) && isRealDay(iso)
    ? { day: iso }
    : { problem: 'The date it happened must be a real date' };
}

/** "14:30", "2:30pm", "2pm", "midday": hours and minutes, or what is wrong; null when left empty. */
function timeOf(typed: string): { hours: number; minutes: number } | { problem: string } | null {
  if (!typed) return null;
  const words: Record<string, [number, number]> = { midday: [12, 0], noon: [12, 0], midnight: [0, 0] };
  const named = words[typed.toLowerCase()];
  if (named) return { hours: named[0], minutes: named[1] };
  const match = /^(\d{1,2})(?:[:.](\d{2}))?\s*(?:([ap])\.?m\.?)?$/i.exec(typed);
  const [hours, minutes] = [Number(match?.[1]), Number(match?.[2] ?? 0)];
  const half = match?.[3]?.toLowerCase();
  const readable = match && minutes <= 59 && (half ? hours >= 1 && hours <= 12 : hours <= 23);
  if (!readable) return { problem: 'Enter the time it happened like 2:30pm or 14:30, or leave the time empty' };
  return { hours: half ? (hours % 12) + (half === 'p' ? 12 : 0) : hours, minutes };
}

const LONDON_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });
const LONDON_OFFSET = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', timeZoneName: 'shortOffset' });

/** The day it is in the UK at `moment`: what someone there means by today. */
const londonDay = (moment: string) => LONDON_DAY.format(new Date(moment));

/** UK hours ahead of UTC at a moment: 0 in winter, 1 in summer. */
function londonOffset(utcMillis: number): number {
  const name = LONDON_OFFSET.formatToParts(new Date(utcMillis)).find((part) => part.type === 'timeZoneName')?.value ?? '';
  return Number(/GMT([+-]\d+)/.exec(name)?.[1] ?? 0);
}

/** A UK clock time on a day as a moment with its offset, as the domain reads it. */
function londonMoment(day: string, hours: number, minutes: number): string {
  const asIfUtc = Date.parse(`${day}T00:00:00.000Z`) + (hours * 60 + minutes) * 60_000;
  const offset = londonOffset(asIfUtc - londonOffset(asIfUtc) * 3_600_000);
  const two = (n: number) => String(Math.abs(n)).padStart(2, '0');
  return `${day}T${two(hours)}:${two(minutes)}:00${offset < 0 ? '-' : '+'}${two(offset)}:00`;
}

const BEGINNINGS: Record<string, string> = {
  'EFFECTIVE.BEFORE_PLAN': 'when the plan began',
  'EFFECTIVE.BEFORE_ACTION': 'when the action was raised',
  'EFFECTIVE.BEFORE_MEETING': 'the day of the meeting',
  'EFFECTIVE.BEFORE_USER': 'when the user was added',
  'EFFECTIVE.BEFORE_MEASURE': 'when the measure was defined',
};

/**
 * A command's refusal of its effective date in the page's words, or null when the refusal is about
 * something else (or about a date the form did not give, such as a meeting still to come).
 */
export function refusalText(refusal: DomainError): string | null {
  if (!refusal.message.startsWith('effective.at:')) return null;
  if (refusal.code === 'EFFECTIVE.IN_FUTURE') return 'The date it happened must be today or in the past';
  if (refusal.code === 'EFFECTIVE.NOT_PERMITTED')
    return 'Only plan managers and admins can record that something happened on an earlier day';
  const began = /\((\d{4}-\d{2}-\d{2})\)$/.exec(refusal.message)?.[1];
  const what = BEGINNINGS[refusal.code];
  return began && what ? `The date it happened must be on or after ${dayInWords(began)}, ${what}` : null;
}

/** A refusal of the effective date as an error beside the date field, or null when it is not one. */
export function effectiveRefusalError(refusal: DomainError, idSuffix = ''): FormError | null {
  const words = refusalText(refusal);
  return words === null ? null : { field: effectiveIds(idSuffix).date, text: words };
}

const text = (sent: Sent, name: string) => {
  const value = sent[name];
  return (Array.isArray(value) ? (value[0] ?? '') : (value ?? '')).trim();
};
