import { cellText, columnIndex, columnLetter, type Sheet, type SheetRow } from './sheet';

/** What a column of a plan's sheet can hold. */
export const FIELDS = [
  'reference',
  'action',
  'leads',
  'targetDate',
  'revisedTargetDate',
  'startDate',
  'progress',
  'status',
  'evidenceRequired',
  'notes',
  'grouping',
] as const;
export type Field = (typeof FIELDS)[number];

/**
 * Which header (text) or column (letter, "C") holds each field; what is not given is found by the
 * defaults. Null says the sheet has no such column: nothing is read for it, whatever the headers say.
 */
export type ColumnMapping = Partial<Record<Field, string | null>>;

/** The headers the councils' papers use for each field, normalised (lower case, single spaces, no trailing colon). */
export const DEFAULT_HEADERS: Record<Field, string[]> = {
  reference: ['reference', 'references', 'ref', 'ref no', 'no', 'number', 'id', 'action no', 'action ref', 'action reference'],
  action: ['action', 'actions', 'action description', 'description', 'what we will do', 'milestone'],
  leads: ['lead', 'leads', 'lead(s)', 'lead action owner', 'lead officer', 'action owner', 'owner', 'owners', 'responsible officer'],
  targetDate: [
    'target date',
    'target end date',
    'end date',
    'by when',
    'deadline',
    'due date',
    'due',
    'timescale',
    'target',
    'original target date',
  ],
  revisedTargetDate: ['revised target date', 'revised date', 'revised deadline', 'revised by when', 'new target date'],
  startDate: ['start date', 'start', 'commence', 'start by'],
  progress: ['progress update', 'progress', 'update', 'commentary', 'progress to date', 'progress/update'],
  status: ['status', 'rag', 'brag', 'rag status', 'brag status', 'rating', 'rag rating'],
  evidenceRequired: ['evidence required', 'evidence', 'evidence of completion'],
  notes: ['notes', 'note', 'comments', 'comment', 'links'],
  grouping: ['section', 'grouping', 'area', 'priority', 'theme', 'priority area'],
};

/** Header text as compared: case, spacing, full stops and a trailing colon or asterisk do not matter. */
export const normaliseHeader = (text: string) =>
  text
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/[.:*]+$/g, '')
    .replace(/\./g, '')
    .trim();

export interface Column {
  index: number;
  letter: string;
  header: string;
}

export interface FoundColumns {
  /** The header row's number; data starts below it. */
  headerRow: number;
  columns: Partial<Record<Field, Column>>;
  /** Mapping entries naming a header or column the sheet does not have. */
  unmatched: Array<{ field: Field; given: string }>;
}

/** Papers put a title and a date above the table; the header is looked for in the first rows. */
const HEADER_SEARCH_ROWS = 25;

/**
 * The header row is the one of the first rows whose cells name the most fields (at least two);
 * a mapping the user gave counts before the defaults, and may name a column by its letter.
 */
export function findColumns(sheet: Sheet, mapping: ColumnMapping = {}): FoundColumns | null {
  let best: { row: SheetRow; columns: Partial<Record<Field, Column>>; score: number } | null = null;
  for (const row of sheet.rows.slice(0, HEADER_SEARCH_ROWS)) {
    const { columns, score } = columnsOf(row, mapping);
    if (score >= 2 && (!best || score > best.score)) best = { row, columns, score };
  }
  if (!best) return null;
  const unmatched = (Object.entries(mapping) as Array<[Field, string | null]>)
    .filter((entry): entry is [Field, string] => !!entry[1] && !best.columns[entry[0]])
    .map(([field, given]) => ({ field, given }));
  return { headerRow: best.row.row, columns: best.columns, unmatched };
}

/** The columns this row's cells name; `score` counts only those named by header text (a letter fits any row). */
function columnsOf(row: SheetRow, mapping: ColumnMapping): { columns: Partial<Record<Field, Column>>; score: number } {
  const headers = row.cells.map((cell) => cellText(cell));
  const taken = new Set<number>();
  const columns: Partial<Record<Field, Column>> = {};
  let score = 0;
  const take = (field: Field, index: number, byHeader = true) => {
    if (index < 0 || taken.has(index) || columns[field]) return;
    taken.add(index);
    columns[field] = { index, letter: columnLetter(index), header: headers[index] ?? '' };
    if (byHeader) score += 1;
  };
  // The user's mapping first: a header text, else a column letter.
  for (const [field, given] of Object.entries(mapping) as Array<[Field, string | null]>) {
    if (!given) continue;
    const byHeader = headers.findIndex((header) => header && normaliseHeader(header) === normaliseHeader(given));
    if (byHeader >= 0) take(field, byHeader);
    else take(field, columnIndex(given.trim()), false);
  }
  // Then the defaults, in the order of FIELDS, so "Revised target date" is never read as the target date.
  for (const field of [...FIELDS].sort((a, b) => (a === 'revisedTargetDate' ? -1 : b === 'revisedTargetDate' ? 1 : 0))) {
    if (mapping[field] || mapping[field] === null) continue;
    take(
      field,
      headers.findIndex((header, index) => !taken.has(index) && header !== '' && DEFAULT_HEADERS[field].includes(normaliseHeader(header))),
    );
  }
  return { columns, score };
}

/** A header row as a person is asked to map it: its number, and each of its named columns. */
export interface HeaderRow {
  headerRow: number;
  headers: Column[];
  /** The columns found in it by the mapping and the defaults, as `findColumns` finds them. */
  columns: Partial<Record<Field, Column>>;
  unmatched: FoundColumns['unmatched'];
}

/**
 * The row holding the sheet's headers: the one `findColumns` finds, else (no row names two known
 * columns) the first of the first rows that fills the most cells, as a table's header does and a
 * title above it does not, with the one or no column known in it. Null when no row has two cells filled.
 */
export function headerRowOf(sheet: Sheet, mapping: ColumnMapping = {}): HeaderRow | null {
  const found = findColumns(sheet, mapping);
  const filled = (row: SheetRow) => row.cells.filter((cell) => cellText(cell) !== '').length;
  const row = found
    ? sheet.rows.find((candidate) => candidate.row === found.headerRow)
    : sheet.rows.slice(0, HEADER_SEARCH_ROWS).reduce<SheetRow | undefined>((best, candidate) => {
        return filled(candidate) >= 2 && (!best || filled(candidate) > filled(best)) ? candidate : best;
      }, undefined);
  if (!row) return null;
  const headers = row.cells
    .map((cell, index) => ({ index, letter: columnLetter(index), header: cellText(cell) }))
    .filter((column) => column.header !== '');
  // Where too few headers are known to find the row, those that are still say what they hold.
  return { headerRow: row.row, headers, columns: found?.columns ?? columnsOf(row, mapping).columns, unmatched: found?.unmatched ?? [] };
}
