import { isRealDay, type ActualInput } from '@actionplans/domain';
import type { FormError } from '../page/nunjucks';
import type { Form } from '../panels/panel-forms';

const NUMBER = /^-?\d+(\.\d+)?$/;
const text = (form: Form, field: string) => (form[field] ?? '').trim();

/** A figure as typed: "61", "61.5", "61%" or "1,204", or what is wrong with it. */
function valueOf(form: Form, field: string, errors: FormError[]): number {
  const typed = text(form, field).replace(/,/g, '').replace(/%$/, '').trim();
  if (!typed) errors.push({ field, text: 'Enter the figure, for example 61.5' });
  else if (!NUMBER.test(typed)) errors.push({ field, text: 'The figure must be a number, for example 61.5' });
  return Number(typed);
}

function noteOf(form: Form, field: string, errors: FormError[]): string | null {
  const note = text(form, field);
  if (note.length > 2000) errors.push({ field, text: 'The note must be 2000 characters or fewer' });
  return note || null;
}

function periodOf(form: Form, field: string, errors: FormError[], missing: string): string {
  const period = text(form, field);
  if (!period) errors.push({ field, text: missing });
  else if (period.length > 100) errors.push({ field, text: 'The period must be 100 characters or fewer' });
  return period;
}

/** The period's last day from GOV.UK's date input (`periodEnd-day`, `-month`, `-year`). */
function periodEndOf(form: Form, errors: FormError[]): string {
  const [day, month, year] = ['day', 'month', 'year'].map((part) => text(form, `periodEnd-${part}`));
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  if (!day && !month && !year) errors.push({ field: 'periodEnd-day', text: 'Enter the last day of the period the figure is for' });
  else if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year) || !isRealDay(iso))
    errors.push({ field: 'periodEnd-day', text: 'The period’s last day must be a real date, for example 30 6 2022' });
  return iso;
}

/** The record form read: a figure for a period, or what to fix, each beside its field. */
export function readActualForm(form: Form): { actual: ActualInput & { periodEnd: string } } | { errors: FormError[] } {
  const errors: FormError[] = [];
  const period = periodOf(form, 'period', errors, 'Enter the period, for example Q1 2022/23');
  const periodEnd = periodEndOf(form, errors);
  const value = valueOf(form, 'value', errors);
  const note = noteOf(form, 'note', errors);
  if (errors.length) return { errors };
  return { actual: { period, periodEnd, value, provisional: form.provisional === 'yes', note } };
}

/** The restatement form read: the period's new figure and why, or what to fix. */
export function readRestatementForm(form: Form): { restatement: ActualInput & { reason: string } } | { errors: FormError[] } {
  const errors: FormError[] = [];
  const period = periodOf(form, 'restatePeriod', errors, 'Select the period whose figure is restated');
  const value = valueOf(form, 'restateValue', errors);
  const note = noteOf(form, 'restateNote', errors);
  const reason = text(form, 'reason');
  if (!reason) errors.push({ field: 'reason', text: 'Enter why the figure is restated: the measure’s history keeps it' });
  else if (reason.length > 2000) errors.push({ field: 'reason', text: 'The reason must be 2000 characters or fewer' });
  if (errors.length) return { errors };
  return { restatement: { period, value, provisional: form.restateProvisional === 'yes', note: note ?? undefined, reason } };
}
