import { readTargetDate } from '@actionplans/domain';
import type { Field } from './columns';
import type { PlanRow } from './sheet-rows';

/** How one date cell was read, shown before anything is stored so a misreading can be caught. */
export interface DateReading {
  row: number;
  column: string | null;
  written: string;
  /** "31 March 2023 (month)", or "no due date, kept as written". */
  read: string;
}

const longDay = (day: string) =>
  new Date(`${day}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/**
 * Each date that was not written as a plain day (a month, a quarter, an Excel serial, words): what
 * it was read as. A plain day ("2023-03-14") reads as itself and is left out.
 */
export function dateReadings(row: PlanRow, fields: Field[]): DateReading[] {
  return fields.flatMap((field) => {
    const written = row.values[field];
    if (!written) return [];
    const read = readTargetDate(written);
    if (read.note === 'no date was given' || (read.precision === 'day' && /^\d{4}-\d{2}-\d{2}$/.test(written))) return [];
    const reading = read.due
      ? `${longDay(read.due)} (${read.precision})`
      : `no due date, kept as written${read.note ? ` (${read.note})` : ''}`;
    return [{ row: row.row, column: row.columns[field]?.letter ?? field, written, read: reading }];
  });
}
