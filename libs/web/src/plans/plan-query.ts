import type { StatusBasis } from '@actionplans/domain';
import type { HistoryBasis } from '@actionplans/read-models';
import type { FormError } from '../page/nunjucks';

/** Lateness a reader can filter by: past the current target date and not done, or not. */
export const LATENESS = ['overdue', 'not overdue'] as const;
export type Lateness = (typeof LATENESS)[number];

/** What the plan page is asked for, read from its GET query so a view can be bookmarked and shared. */
export interface PlanPageQuery {
  /** The day the plan is shown as at; absent: today, from the report tables. */
  asAt?: string;
  history: HistoryBasis;
  /** Absent: the plan's own default basis. */
  statusBasis?: StatusBasis;
  /** A second day shown beside the first, with what changed between them. */
  compareWith?: string;
  filters: { statuses: string[]; owner?: string; grouping?: string; lateness?: Lateness };
  /** The fields as typed, to show again beside any error. */
  typed: Record<'asAt' | 'compareWith', { day: string; month: string; year: string }>;
  errors: FormError[];
}

type Query = Record<string, unknown>;

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : Array.isArray(value) ? text(value[0]) : '');
const texts = (value: unknown): string[] => (Array.isArray(value) ? value.map(text) : [text(value)]).filter((item) => item !== '');

/** Reads the query; a day that cannot be read is left out and said beside its field, in the GOV.UK date input's words. */
export function planPageQuery(query: Query, today: string): PlanPageQuery {
  const errors: FormError[] = [];
  const typed = { asAt: typedDay(query, 'asAt'), compareWith: typedDay(query, 'compareWith') };
  const asAt = dayOf(typed.asAt, 'asAt', 'The day to show the plan as at', today, errors);
  const compareWith = dayOf(typed.compareWith, 'compareWith', 'The day to compare with', today, errors);
  const history = text(query.history) === 'recorded' ? 'recorded' : 'effective';
  const basis = text(query.basis);
  const lateness = text(query.lateness);
  return {
    asAt,
    history,
    statusBasis: basis === 'rating' || basis === 'computed' ? basis : undefined,
    compareWith,
    filters: {
      statuses: texts(query.status),
      owner: text(query.owner) || undefined,
      grouping: text(query.grouping) || undefined,
      lateness: (LATENESS as readonly string[]).includes(lateness) ? (lateness as Lateness) : undefined,
    },
    typed,
    errors,
  };
}

export function typedDay(query: Query, name: string) {
  return { day: text(query[`${name}-day`]), month: text(query[`${name}-month`]), year: text(query[`${name}-year`]) };
}

/** YYYY-MM-DD from the three fields, or undefined (with an error when something was typed but is not a real past day, or any real day with `future`). */
export function dayOf(
  typed: { day: string; month: string; year: string },
  field: string,
  what: string,
  today: string,
  errors: FormError[],
  future = false,
): string | undefined {
  const parts = [
    ['day', typed.day],
    ['month', typed.month],
    ['year', typed.year],
  ] as const;
  if (parts.every(([, value]) => value === '')) return undefined;
  const missing = parts.filter(([, value]) => value === '').map(([name]) => name);
  if (missing.length > 0) {
    errors.push({ field: `${field}-${missing[0]}`, text: `${what} must include a ${missing.join(' and ')}` });
    return undefined;
  }
  const [day, month, year] = [Number(typed.day), Number(typed.month), Number(typed.year)];
  const date = new Date(Date.UTC(year, month - 1, day));
  const real =
    /^\d{4}$/.test(typed.year) && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  if (!real) {
    errors.push({ field: `${field}-day`, text: `${what} must be a real date` });
    return undefined;
  }
  const iso = date.toISOString().slice(0, 10);
  if (iso > today && !future) {
    errors.push({ field: `${field}-day`, text: `${what} must be today or in the past` });
    return undefined;
  }
  return iso;
}

/** The query string of a view, for links that keep it (export, removing one filter). */
export function queryString(query: Record<string, string | string[] | undefined>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    for (const item of Array.isArray(value) ? value : [value]) if (item) params.append(name, item);
  }
  const found = params.toString();
  return found ? `?${found}` : '';
}
