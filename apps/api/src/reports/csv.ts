import { stringify } from 'csv-stringify/sync';

/**
 * Rows as CSV for a spreadsheet. A cell that starts like a formula is prefixed with an apostrophe,
 * so an owner's commentary can never run as a formula in the reader's spreadsheet.
 */
export function toCsv(header: string[], rows: Array<Array<string | number | null>>): string {
  const safe = (cell: string | number | null) => (typeof cell === 'string' && /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : (cell ?? ''));
  return stringify([header, ...rows.map((row) => row.map(safe))]);
}
