import { isRealDay, MEASURE_FREQUENCIES, type ActualInput, type MeasureDetails, type MeasureFrequency } from '@actionplans/domain';
import type { FormError } from '../page/nunjucks';
import { asList, type Form } from '../panels/panel-forms';

const NUMBER = /^-?\d+(\.\d+)?$/;
const text = (form: Form, field: string) => (form[field] ?? '').trim();

/** A figure as typed: "61", "61.5", "61%" or "1,204", or what is wrong with it. */
function valueOf(form: Form, field: string, errors: FormError[], what = 'figure'): number {
  const typed = text(form, field).replace(/,/g, '').replace(/%$/, '').trim();
  if (!typed) errors.push({ field, text: `Enter the ${what}, for example 61.5` });
  else if (!NUMBER.test(typed)) errors.push({ field, text: `The ${what} must be a number, for example 61.5` });
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

/**
 * A day from GOV.UK's date input (`name-day`, `-month`, `-year`); `what` names it in the refusal,
 * which goes against `errorField` (the date input's own name, unless a form links to its day box).
 */
function dayOf(form: Form, name: string, errors: FormError[], missing: string, what: string, errorField = name): string {
  const [day, month, year] = ['day', 'month', 'year'].map((part) => text(form, `${name}-${part}`));
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  if (!day && !month && !year) errors.push({ field: errorField, text: missing });
  else if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year) || !isRealDay(iso))
    errors.push({ field: errorField, text: `${what} must be a real date, for example 30 6 2022` });
  return iso;
}

/** The period's last day from GOV.UK's date input (`periodEnd-day`, `-month`, `-year`). */
const periodEndOf = (form: Form, errors: FormError[]) =>
  dayOf(form, 'periodEnd', errors, 'Enter the last day of the period the figure is for', 'The period’s last day', 'periodEnd-day');

function required(form: Form, field: string, errors: FormError[], missing: string, max: number, what: string): string {
  const value = text(form, field);
  if (!value) errors.push({ field, text: missing });
  else if (value.length > max) errors.push({ field, text: `${what} must be ${max} characters or fewer` });
  return value;
}

/**
 * The form defining a measure read (ADR 36): its name, unit, which way is better, baseline, one
 * final target, amber tolerance, how often it is reported, its source and owner (a team or role by
 * name), and the plan's groupings it serves; or what to fix, each beside its field. Several targets
 * and links to actions are the API's (`POST /plans/{id}/measures`).
 */
export function readDefineForm(form: Form, groupingIds: Set<string>): { details: MeasureDetails } | { errors: FormError[] } {
  const errors: FormError[] = [];
  const name = required(form, 'name', errors, 'Enter the measure’s name as the plan words it', 300, 'The name');
  const unit = required(form, 'unit', errors, 'Enter its unit, for example % or days', 50, 'The unit');
  const direction = form.direction === 'higher' || form.direction === 'lower' ? form.direction : null;
  if (!direction) errors.push({ field: 'direction', text: 'Select whether a higher or a lower figure is better' });
  const baseline = {
    value: valueOf(form, 'baselineValue', errors, 'baseline figure'),
    date: dayOf(form, 'baselineDate', errors, 'Enter the day of the baseline figure', 'The baseline’s day'),
  };
  const target = {
    value: valueOf(form, 'targetValue', errors, 'target'),
    by: dayOf(form, 'targetBy', errors, 'Enter the day the target is to be met by', 'The target’s day'),
  };
  const amber = text(form, 'amberWithin').replace(/%$/, '').trim() || '0';
  if (!NUMBER.test(amber) || Number(amber) < 0)
    errors.push({ field: 'amberWithin', text: 'Amber tolerance must be a number of 0 or more, for example 5' });
  const frequency: MeasureFrequency | undefined = MEASURE_FREQUENCIES.find((one) => one === form.frequency);
  if (!frequency) errors.push({ field: 'frequency', text: 'Select how often the measure is reported' });
  const ownerName = required(form, 'owner', errors, 'Enter who reports the measure: a team, a role or a person', 200, 'The owner');
  const source = text(form, 'source');
  if (source.length > 300) errors.push({ field: 'source', text: 'The source must be 300 characters or fewer' });
  const chosen = asList(form.groupingIds).filter((id) => groupingIds.has(id));
  if (errors.length) return { errors };
  return {
    details: {
      name,
      unit,
      direction: direction!,
      baseline,
      targets: [target],
      tolerance: { amberWithin: Number(amber) },
      frequency: frequency!,
      source: source || null,
      owner: { kind: 'team', name: ownerName },
      groupingIds: chosen,
      actionIds: [],
    },
  };
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
