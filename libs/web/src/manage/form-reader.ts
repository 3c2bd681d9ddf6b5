import { isWithinDateRange, readTargetDate } from '@actionplans/domain';
import { OUTER_YEARS } from '../actions/action-forms';
import type { FormError } from '../page/nunjucks';
import type { Form } from './form-context';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * Reads a form's fields into a command's values, with GOV.UK's wording for what is missing or
 * wrong, each against its field's id. The same limits as the API's request checks.
 */
export class FormReader {
  readonly errors: FormError[] = [];

  constructor(private readonly form: Form) {}

  get ok(): boolean {
    return this.errors.length === 0;
  }

  fail(field: string, text: string): void {
    if (!this.errors.some((error) => error.field === field)) this.errors.push({ field, text });
  }

  /** The field's text, trimmed ('' when left out). */
  raw(name: string): string {
    const value = this.form[name];
    return (Array.isArray(value) ? (value[0] ?? '') : (value ?? '')).trim();
  }

  /** Every value sent under the name (checkboxes). */
  all(name: string): string[] {
    const value = this.form[name];
    return (Array.isArray(value) ? value : value === undefined ? [] : [value]).map((text) => text.trim()).filter(Boolean);
  }

  /** Required text: `missing` is what to say when it is left empty. */
  text(name: string, missing: string, max: number, label = 'This'): string {
    const value = this.raw(name);
    if (!value) this.fail(name, missing);
    else if (value.length > max) this.fail(name, `${label} must be ${max} characters or fewer`);
    return value;
  }

  /** Optional text: null when left empty. */
  optional(name: string, max: number, label = 'This'): string | null {
    const value = this.raw(name);
    if (value.length > max) this.fail(name, `${label} must be ${max} characters or fewer`);
    return value || null;
  }

  /** A whole number from `min` to `max`; undefined when left empty. */
  whole(name: string, label: string, min: number, max: number): number | undefined {
    const value = this.raw(name);
    if (!value) return undefined;
    if (!/^\d+$/.test(value)) this.fail(name, `${label} must be a whole number, like ${min + 1}`);
    else if (Number(value) < min || Number(value) > max) this.fail(name, `${label} must be between ${min} and ${max}`);
    return Number(value);
  }

  /** GOV.UK's date input (`name-day`, `name-month`, `name-year`) as YYYY-MM-DD; errors go against `name`. */
  day(name: string, label: string): string {
    const [day, month, year] = ['day', 'month', 'year'].map((part) => this.raw(`${name}-${part}`));
    if (!day && !month && !year) return this.missingDay(name, `Enter ${label.toLowerCase()}`);
    const missing = [!day && 'day', !month && 'month', !year && 'year'].filter(Boolean);
    if (missing.length) return this.missingDay(name, `${label} must include a ${missing.join(' and ')}`);
    const iso = `${year.padStart(4, '0')}-${monthNumber(month)}-${day.padStart(2, '0')}`;
    if (!/^\d{4}$/.test(year) || !isCalendarDay(iso)) return this.missingDay(name, `${label} must be a real date`);
    if (!isWithinDateRange(iso)) return this.missingDay(name, `${label} must be between ${OUTER_YEARS}`);
    return iso;
  }

  /**
   * A day or a month as a paper gives it ("14 June 2022", "January 2022", "2022-01"), read by the
   * same reader as target dates, as YYYY-MM-DD or YYYY-MM.
   */
  dayOrMonth(name: string, label: string): string {
    const value = this.raw(name);
    if (!value) return this.missingDay(name, `Enter ${label.toLowerCase()}`);
    if (/^\d{4}-(0[1-9]|1[0-2])$/.test(value)) return value;
    const read = readTargetDate(value);
    if (read.precision === 'day' && read.due) return read.due;
    if (read.precision === 'month' && read.due) return read.due.slice(0, 7);
    return this.missingDay(name, `${label} must be a day or a month, like 14 June 2022 or January 2022`);
  }

  private missingDay(name: string, text: string): string {
    this.fail(name, text);
    return '';
  }
}

/** A month as a number or a name ("6", "June", "Jun") as two digits; anything else is left to fail. */
function monthNumber(text: string): string {
  if (/^\d{1,2}$/.test(text)) return text.padStart(2, '0');
  const index = MONTHS.findIndex((month) => month.toLowerCase().startsWith(text.toLowerCase().slice(0, 3)) && text.length >= 3);
  return index < 0 ? 'xx' : String(index + 1).padStart(2, '0');
}

function isCalendarDay(iso: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
