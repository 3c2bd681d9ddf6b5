import { isWithinDateRange } from '@actionplans/domain';
import type { FormError } from '../page/nunjucks';

type Form = Record<string, string | undefined>;

/** The day the GOV.UK date input gives, as YYYY-MM-DD, or null when it is not a real day. */
export function dayOf(form: Form): string | null {
  const [day, month, year] = [form['asAt-day'], form['asAt-month'], form['asAt-year']].map((part) => (part ?? '').trim());
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return null;
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso ? null : iso;
}

export function asAtErrors(form: Form): FormError[] {
  const errors: FormError[] = [];
  const given = ['asAt-day', 'asAt-month', 'asAt-year'].some((field) => (form[field] ?? '').trim() !== '');
  if (!given) errors.push({ field: 'asAt-day', text: 'Enter the day to see the plan as at' });
  else if (!dayOf(form)) errors.push({ field: 'asAt-day', text: 'The day must be a real date, like 14 6 2022' });
  else if (dayOf(form)! > new Date().toISOString().slice(0, 10))
    errors.push({ field: 'asAt-day', text: 'The day must be today or in the past' });
  else if (!isWithinDateRange(dayOf(form)!)) errors.push({ field: 'asAt-day', text: 'The day must be on or after 1 January 1900' });
  if (form.basis !== 'effective' && form.basis !== 'recorded') errors.push({ field: 'basis', text: 'Select what the plan is as at' });
  return errors;
}

/** The plan page as at the day, on the basis chosen (`?asAt=&basis=`, as the API's plan routes take them). */
export const asAtTarget = (planId: string, form: Form) =>
  `/app/plans/${encodeURIComponent(planId)}?asAt=${dayOf(form)}&basis=${form.basis}`;
