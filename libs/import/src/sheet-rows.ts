import { FIELDS, normaliseHeader, type Column, type Field, type FoundColumns } from './columns';
import type { ImportProblem } from './import.model';
import { cellText, checkRowCount, columnIndex, type Sheet, type SheetRow } from './sheet';

/** One row of the plan's table: each field's text, and where it was read from. */
export interface PlanRow {
  row: number;
  values: Partial<Record<Field, string>>;
  /** Column letter and header of each field; for JSON rows, the field's own name. */
  columns: Partial<Record<Field, Pick<Column, 'letter' | 'header'>>>;
}

/** A row as integrators send it as JSON: field names as keys. */
export type JsonRow = Partial<Record<Field, string | number | null>>;

/**
 * The rows below the header; wholly blank rows (spacers between sections) are left out, and so are
 * rows repeating the header: a table copied from a paper repeats it at the top of every page.
 */
export function rowsOfSheet(sheet: Sheet, found: FoundColumns): PlanRow[] {
  const fields = Object.entries(found.columns) as Array<[Field, Column]>;
  const columns = Object.fromEntries(fields.map(([field, column]) => [field, { letter: column.letter, header: column.header }]));
  const repeatsHeader = (cells: SheetRow['cells']) =>
    fields.every(([, column]) => normaliseHeader(cellText(cells[column.index])) === normaliseHeader(column.header));
  const rows = sheet.rows
    .filter((row) => row.row > found.headerRow && !repeatsHeader(row.cells))
    .map((row) => ({
      row: row.row,
      values: Object.fromEntries(fields.map(([field, column]) => [field, cellText(row.cells[column.index])])),
      columns,
    }))
    .filter((row) => Object.values(row.values).some((value) => value !== ''));
  checkRowCount(rows.length);
  return rows;
}

/** JSON rows are numbered from 1 in the order sent; each field is named by itself. */
export function rowsOfJson(rows: JsonRow[]): PlanRow[] {
  checkRowCount(rows.length);
  return rows.map((given, index) => {
    const fields = FIELDS.filter((field) => given[field] !== undefined && given[field] !== null);
    return {
      row: index + 1,
      values: Object.fromEntries(fields.map((field) => [field, String(given[field]).trim()])),
      columns: Object.fromEntries(fields.map((field) => [field, { letter: field, header: field }])),
    };
  });
}

/** A problem with one field of one row. */
export function problemAt(row: PlanRow, field: Field, code: string, problem: string): ImportProblem {
  const column = row.columns[field];
  return {
    row: row.row,
    column: column?.letter ?? null,
    header: column?.header ?? null,
    value: row.values[field] ?? null,
    holds: rowHolds(row),
    code,
    problem,
  };
}

/** The row's reference and its first other text, shortened: enough to find it in the sheet. */
export function rowHolds(row: PlanRow): string | null {
  // Left to right as the sheet shows them; JSON rows in the order of FIELDS.
  const place = (field: Field) => {
    const index = columnIndex(row.columns[field]?.letter ?? '');
    return index >= 0 ? index : FIELDS.indexOf(field);
  };
  const fields = (Object.keys(row.values) as Field[]).filter((field) => field !== 'reference' && row.values[field]);
  const first = fields.sort((a, b) => place(a) - place(b))[0];
  const clip = (text: string) => (text.length > 80 ? `${text.slice(0, 79).trimEnd()}…` : text);
  const parts = [row.values.reference, first && row.values[first]].filter((text): text is string => !!text);
  return parts.length ? parts.map((text) => clip(text.replace(/\s+/g, ' '))).join(' · ') : null;
}
