import { findColumns, type Field } from './columns';
import type { ReadOptions } from './import-options';
import type { ImportReport } from './import.model';
import type { KnownUser } from './leads';
import { readPlanRows } from './plan-rows';
import type { Sheet } from './sheet';
import { rowsOfJson, rowsOfSheet, type JsonRow, type PlanRow } from './sheet-rows';

/** A sheet read from a file, or rows sent as JSON by an integrator. */
export type ImportInput = { sheet: Sheet } | { rows: JsonRow[] };

const REQUIRED: Field[] = ['reference', 'action'];

/**
 * The dry run: every problem, named by row and column, what a commit would create, and how each
 * lead was matched. Pure: the users come in as a value. Nothing may be stored unless `valid`.
 */
export function dryRun(input: ImportInput, options: ReadOptions, users: KnownUser[]): ImportReport {
  const read = planRowsOf(input, options);
  if ('problem' in read) return { ...empty(), problems: [read.problem] };
  const { rows, columns, missing } = read;
  if (missing.length) return { ...empty(), columns, problems: missing };
  const { model, problems, leads, notes, dates } = readPlanRows(rows, options, users);
  const counted = model.actions.filter((action) => !action.duplicate);
  return {
    valid: problems.length === 0,
    rows: rows.length,
    problems: problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0)),
    creates: {
      groupings: model.groupings.length,
      actions: model.actions.length,
      links: model.actions.reduce((sum, action) => sum + action.links.length, 0),
      progress: model.actions.filter((action) => action.progress).length,
      ratings: counted.filter((action) => action.status).length,
      signOffs: counted.filter((action) => action.status?.canonical === 'complete').length,
    },
    leads,
    notes,
    dates,
    columns,
    model,
  };
}

type Read =
  { problem: ImportReport['problems'][number] } | { rows: PlanRow[]; columns: ImportReport['columns']; missing: ImportReport['problems'] };

function planRowsOf(input: ImportInput, options: ReadOptions): Read {
  if ('rows' in input) {
    const columns = Object.fromEntries(
      [...new Set(input.rows.flatMap((row) => Object.keys(row)))].map((field) => [field, { column: field, header: field }]),
    );
    return { rows: rowsOfJson(input.rows), columns, missing: [] };
  }
  const found = findColumns(input.sheet, options.mapping);
  if (!found) {
    return {
      problem: {
        row: null,
        column: null,
        header: null,
        value: null,
        code: 'IMPORT.HEADER_NOT_FOUND',
        problem: 'no row in the first 25 names two known columns (such as Ref, Action, Lead, By When): give a mapping',
      },
    };
  }
  const columns = Object.fromEntries(
    Object.entries(found.columns).map(([field, column]) => [field, { column: column.letter, header: column.header }]),
  );
  const missing = [
    ...REQUIRED.filter((field) => !found.columns[field]).map((field) => ({
      row: found.headerRow,
      column: null,
      header: null,
      value: null,
      code: 'IMPORT.COLUMN_MISSING',
      problem: `the header row has no ${field} column: name it, or map it with mapping.${field}`,
    })),
    ...found.unmatched.map(({ field, given }) => ({
      row: found.headerRow,
      column: null,
      header: given,
      value: given,
      code: 'IMPORT.MAPPING_UNMATCHED',
      problem: `mapping.${field} names "${given}", which is neither a header of row ${found.headerRow} nor a column letter`,
    })),
  ];
  return { rows: rowsOfSheet(input.sheet, found), columns, missing };
}

function empty(): ImportReport {
  return {
    valid: false,
    rows: 0,
    problems: [],
    creates: { groupings: 0, actions: 0, links: 0, progress: 0, ratings: 0, signOffs: 0 },
    leads: [],
    notes: [],
    dates: [],
    columns: {},
    model: { groupings: [], actions: [] },
  };
}
