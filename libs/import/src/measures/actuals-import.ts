import {
  isDomainError,
  isRealDay,
  measureDecider,
  type Actor,
  type DomainError,
  type MeasureCommand,
  type MeasureEvent,
  type MeasureState,
} from '@actionplans/domain';
import { cellText, type Sheet } from '../sheet';

/** The columns of a file of figures, by header (case, spaces, dashes and underscores ignored). */
export const ACTUALS_COLUMNS = {
  measure: 'measure (its id, or its name within the plan)',
  period: 'period (as the scorecard names it, e.g. Q1 2022/23)',
  periodEnd: 'period end (the last day of the period, YYYY-MM-DD)',
  value: 'value (a number; 61.5, 61.5% and 1,204 are read)',
  provisional: 'provisional (yes or no; empty is no)',
  note: 'note (optional)',
} as const;
type Column = keyof typeof ACTUALS_COLUMNS;
const HEADERS: Record<string, Column> = {
  measure: 'measure',
  measureid: 'measure',
  measurename: 'measure',
  period: 'period',
  periodend: 'periodEnd',
  value: 'value',
  provisional: 'provisional',
  note: 'note',
};
const REQUIRED: Column[] = ['measure', 'period', 'periodEnd', 'value'];

/** One bad cell (or a whole-file problem, with no row): where it is, what it holds, what is wrong. */
export interface ActualsProblem {
  row: number | null;
  /** The column's letter and header, e.g. `D (value)`. */
  column: string | null;
  value: string | null;
  code: string;
  problem: string;
}

/** A measure a row may name: its id, name and stream as it stands. */
export interface MeasureCandidate {
  measureId: string;
  name: string;
  state: MeasureState;
  version: number;
}

/** A row found good: the figure it records, on which measure. */
export interface FigureToRecord {
  row: number;
  measureId: string;
  command: Extract<MeasureCommand, { type: 'RecordActual' }>;
}

const letter = (index: number): string => (index < 26 ? '' : letter(Math.floor(index / 26) - 1)) + String.fromCharCode(65 + (index % 26));
const normal = (header: string) => header.toLowerCase().replace(/[\s_-]/g, '');
const YES = ['yes', 'y', 'true', 'provisional'];
const NO = ['', 'no', 'n', 'false', 'final'];

/** Where each refusal of the measure's own rules is shown. */
const COLUMN_OF_CODE: Record<string, Column> = {
  'MEASURE.NOT_OWNER': 'measure',
  'MEASURE.ALREADY_RECORDED': 'period',
  'MEASURE.REQUIRED': 'period',
  'MEASURE.INVALID_VALUE': 'value',
  'MEASURE.INVALID_DATE': 'periodEnd',
  'MEASURE.PERIOD_NOT_ENDED': 'periodEnd',
};

/**
 * Every row of a file of figures checked, as the measure itself would decide each in the file's
 * order (a period named twice is refused the second time, as it would be on the stream), by
 * `actor` at `now`. Nothing is recorded here: the caller sends `figures` only when `problems` is empty.
 */
export function checkActuals(
  sheet: Sheet,
  measures: MeasureCandidate[],
  actor: Actor,
  now: string,
): { figures: FigureToRecord[]; problems: ActualsProblem[] } {
  const [header, ...rows] = sheet.rows;
  const columns = new Map<Column, number>();
  header?.cells.forEach((cell, index) => {
    const column = HEADERS[normal(cellText(cell))];
    if (column && !columns.has(column)) columns.set(column, index);
  });
  const missing = REQUIRED.filter((column) => !columns.has(column));
  if (!header || missing.length) return { figures: [], problems: [missingColumns(missing.length ? missing : REQUIRED)] };
  const states = new Map(measures.map((m) => [m.measureId, m.state]));
  const figures: FigureToRecord[] = [];
  const problems: ActualsProblem[] = [];
  for (const { row, cells } of rows) {
    if (cells.every((cell) => cellText(cell) === '')) continue;
    const cell = (column: Column) => (columns.has(column) ? cellText(cells[columns.get(column)!]) : '');
    const at = (column: Column, code: string, problem: string): ActualsProblem => ({
      row,
      column: columns.has(column) ? `${letter(columns.get(column)!)} (${cellText(header.cells[columns.get(column)!])})` : column,
      value: cell(column) || null,
      code,
      problem,
    });
    const found = measureNamed(cell('measure'), measures);
    const value = Number(cell('value').replace(/,/g, '').replace(/%$/, '').trim());
    const provisional = cell('provisional').toLowerCase();
    const own = [
      'problem' in found ? at('measure', found.code, found.problem) : null,
      cell('period').length > 100 ? at('period', 'MEASURE.INVALID', 'must be 100 characters or fewer') : null,
      isRealDay(cell('periodEnd')) ? null : at('periodEnd', 'MEASURE.INVALID_DATE', 'must be a real day, YYYY-MM-DD'),
      cell('value') === '' || Number.isNaN(value) ? at('value', 'MEASURE.INVALID_VALUE', 'must be a number, e.g. 61.5') : null,
      YES.includes(provisional) || NO.includes(provisional) ? null : at('provisional', 'MEASURE.INVALID', 'must be yes or no'),
      cell('note').length > 2000 ? at('note', 'MEASURE.INVALID', 'must be 2000 characters or fewer') : null,
    ].filter((problem): problem is ActualsProblem => problem !== null);
    problems.push(...own);
    if (own.length || 'problem' in found) continue;
    const command: FigureToRecord['command'] = {
      type: 'RecordActual',
      actor,
      now,
      period: cell('period'),
      periodEnd: cell('periodEnd'),
      value,
      provisional: YES.includes(provisional),
      note: cell('note') || null,
    };
    const state = states.get(found.measureId)!;
    const decided = measureDecider.decide(command, state);
    if (isDomainError(decided)) {
      problems.push(at(COLUMN_OF_CODE[decided.code] ?? 'measure', decided.code, withoutField(decided)));
      continue;
    }
    states.set(
      found.measureId,
      decided.reduce((folded: MeasureState, event: MeasureEvent) => measureDecider.evolve(folded, event), state),
    );
    figures.push({ row, measureId: found.measureId, command });
  }
  return { figures, problems };
}

/** A measure by its id, or by its name among the plan's (ignoring case); one name for two measures is a problem. */
function measureNamed(text: string, measures: MeasureCandidate[]): { measureId: string } | { code: string; problem: string } {
  if (!text) return { code: 'MEASURE.REQUIRED', problem: 'name the measure, by its id or its name' };
  const byId = measures.find((m) => m.measureId === text);
  if (byId) return { measureId: byId.measureId };
  const named = measures.filter((m) => m.name.trim().toLowerCase() === text.toLowerCase());
  if (named.length === 1) return { measureId: named[0].measureId };
  return named.length > 1
    ? {
        code: 'MEASURE.AMBIGUOUS',
        problem: `${named.length} measures have this name: use the id (${named.map((m) => m.measureId).join(', ')})`,
      }
    : { code: 'MEASURE.NOT_FOUND', problem: 'no measure has this id, nor this name in the plan' };
}

/** The rule's words without the field its message starts with: the report names the column. */
const withoutField = (error: DomainError) => error.message.replace(/^[\w.[\]]+: /, '');

const missingColumns = (missing: Column[]): ActualsProblem => ({
  row: 1,
  column: null,
  value: null,
  code: 'IMPORT.MISSING_COLUMN',
  problem: `the first row names the columns; missing: ${missing.map((column) => ACTUALS_COLUMNS[column]).join('; ')}`,
});

/** One problem as a person reads it. */
export const describeActualsProblem = (p: ActualsProblem) =>
  `row ${p.row ?? '-'}, column ${p.column ?? '-'}${p.value ? `, "${p.value.slice(0, 60)}"` : ''}: ${p.code}: ${p.problem}`;
