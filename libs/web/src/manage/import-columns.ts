import {
  FIELDS,
  cellText,
  normaliseHeader,
  type Column,
  type ColumnMapping,
  type Field,
  type HeaderRow,
  type Sheet,
} from '@actionplans/import';
import type { FormError } from '../page/nunjucks';
import type { Form } from './form-context';

/** Each field the importer reads, in the words of the papers; the first three must be in the sheet. */
export const COLUMN_FIELDS: Record<Field, { label: string; hint: string; missing?: string }> = {
  reference: {
    label: 'Reference',
    hint: 'The action’s number, for example 1.2 or PR-11',
    missing: 'Select the column that holds each action’s reference',
  },
  action: { label: 'Action', hint: 'What is to be done', missing: 'Select the column that says what each action is' },
  leads: {
    label: 'Lead',
    hint: 'Who owns the action: people, roles, teams or partners, one or more',
    missing: 'Select the column that names each action’s lead',
  },
  targetDate: { label: 'Target date', hint: 'When it is due, for example Mar-21 or 31/03/2021' },
  revisedTargetDate: { label: 'Revised target date', hint: 'A new date agreed since' },
  startDate: { label: 'Start date', hint: 'When work is due to start, for example To commence January 2021' },
  progress: { label: 'Progress update', hint: 'The latest commentary' },
  status: { label: 'Status or RAG rating', hint: 'For example On track, Amber or Complete' },
  evidenceRequired: { label: 'Evidence required', hint: 'What will show the action is done' },
  notes: { label: 'Notes', hint: 'Links such as SAME AS 6.1, and DUPLICATE ACTION, are read from here too' },
  grouping: { label: 'Grouping', hint: 'The section, priority or area each action is in' },
};

const REQUIRED = FIELDS.filter((field) => COLUMN_FIELDS[field].missing);

/** The field's label inside a sentence: "the target date", "the status or RAG rating". */
const inSentence = (field: Field) => COLUMN_FIELDS[field].label[0].toLowerCase() + COLUMN_FIELDS[field].label.slice(1);

/** The select's name and id for a field. */
export const columnInput = (field: Field) => `column-${field}`;

/** The column a mapping entry names in this header row: by header text, else by letter; undefined when neither. */
function columnNamed(headers: Column[], given: string): Column | undefined {
  return (
    headers.find((column) => normaliseHeader(column.header) === normaliseHeader(given)) ??
    headers.find((column) => column.letter === given.trim().toUpperCase())
  );
}

/**
 * Which column each field's select starts on: the one chosen before (kept with the upload), else
 * the one the papers' usual headers found, else none. A choice made before for another sheet that
 * this one lacks is said in the field's hint.
 */
export function chosenColumns(
  found: HeaderRow,
  mapping: ColumnMapping = {},
): { chosen: Record<Field, string>; notFound: Partial<Record<Field, string>> } {
  const chosen = {} as Record<Field, string>;
  const notFound: Partial<Record<Field, string>> = {};
  for (const field of FIELDS) {
    const given = mapping[field];
    const column = given === null ? undefined : given ? columnNamed(found.headers, given) : found.columns[field];
    if (given && !column) notFound[field] = given;
    chosen[field] = column?.letter ?? '';
  }
  return { chosen, notFound };
}

/** Each field's select, as the columns page shows it: the sheet's headers, and "Not in this sheet". */
export function columnSelects(found: HeaderRow, chosen: Partial<Record<Field, string>>, notFound: Partial<Record<Field, string>> = {}) {
  return FIELDS.map((field) => {
    const { label, hint, missing } = COLUMN_FIELDS[field];
    const earlier = notFound[field] ? ` (“${notFound[field]}”, chosen before, is not a column of this sheet)` : '';
    return {
      id: columnInput(field),
      label: missing ? label : `${label} (optional)`,
      hint: hint + earlier,
      items: [
        { value: '', text: 'Not in this sheet', selected: !chosen[field] },
        ...found.headers.map((column) => ({
          value: column.letter,
          text: `${column.header} (column ${column.letter})`,
          selected: chosen[field] === column.letter,
        })),
      ],
    };
  });
}

/** The first row below the header with something in each column, as an example of what each holds. */
export function exampleRow(sheet: Sheet, found: HeaderRow): Array<{ letter: string; header: string; example: string }> {
  const below = sheet.rows.filter((row) => row.row > found.headerRow);
  return found.headers.map((column) => ({
    letter: column.letter,
    header: column.header,
    example: below.map((row) => cellText(row.cells[column.index])).find((text) => text !== '') ?? '',
  }));
}

/**
 * The mapping a person chose, in the importer's shape: each column by its header text (which also
 * tells the importer which row is the header), or by letter where two columns share a header;
 * null for "Not in this sheet". Errors name the field's select.
 */
export function readColumnMapping(
  form: Form,
  found: HeaderRow,
): { mapping: ColumnMapping; chosen: Record<Field, string>; errors: FormError[] } {
  const errors: FormError[] = [];
  const mapping: ColumnMapping = {};
  const chosen = {} as Record<Field, string>;
  const takenBy = new Map<string, Field>();
  for (const field of FIELDS) {
    const value = form[columnInput(field)];
    const letter = (typeof value === 'string' ? value : '').trim();
    const column = found.headers.find((header) => header.letter === letter);
    chosen[field] = column ? letter : '';
    const problem = columnProblem(field, letter, column, takenBy);
    if (problem) errors.push({ field: columnInput(field), text: problem });
    if (!column) {
      mapping[field] = null;
      continue;
    }
    if (!takenBy.has(letter)) takenBy.set(letter, field);
    const shared = found.headers.some((other) => other !== column && normaliseHeader(other.header) === normaliseHeader(column.header));
    mapping[field] = shared ? column.letter : column.header;
  }
  return { mapping, chosen, errors };
}

/** What is wrong with a field's choice: a column the sheet lacks, a needed field left out, or a column another field has. */
function columnProblem(field: Field, letter: string, column: Column | undefined, takenBy: Map<string, Field>): string | undefined {
  if (letter && !column) return `Select one of the sheet’s columns for ${inSentence(field)}, or Not in this sheet`;
  if (!column) return REQUIRED.includes(field) ? COLUMN_FIELDS[field].missing : undefined;
  const other = takenBy.get(letter);
  return other
    ? `Column ${letter} (${column.header}) is already the ${inSentence(other)}: choose another column for ${inSentence(field)}`
    : undefined;
}

/** Whether the columns step must come before the dry run: the sheet's header, or a needed column, was not found. */
export function columnsNeeded(found: HeaderRow | null, mapping: ColumnMapping = {}): boolean {
  if (!found) return false;
  const { notFound } = chosenColumns(found, mapping);
  const findable = found.columns;
  return REQUIRED.some((field) => !findable[field]) || Object.keys(notFound).length > 0;
}
