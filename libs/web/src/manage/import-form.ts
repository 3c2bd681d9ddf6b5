import { createHash } from 'node:crypto';
import {
  FIELDS,
  ImportTooLargeError,
  UnreadableSheetError,
  csvSheets,
  xlsxSheets,
  type ColumnMapping,
  type ImportReport,
  type ImportRequest,
  type Sheet,
} from '@actionplans/import';
import type { FormError } from '../page/nunjucks';
import type { UploadedFormFile } from '../page/page-request';
import type { Form } from './form-context';
import { FormReader } from './form-reader';
import { COLUMN_FIELDS } from './import-columns';
import { schemeChoices } from './manage-views';
import { dayInWords } from '../page/dates';

/** The import's options from the form, in the shape `POST /plans/import` gives the importer. */
export function readImportOptions(form: Form): { options: ImportRequest; errors: FormError[] } {
  const read = new FormReader(form);
  const plan = {
    title: read.text('title', 'Enter the plan’s title', 500, 'Title'),
    kind: read.text('kind', 'Enter what kind of plan it is', 100, 'Kind'),
    source: {
      body: read.text('sourceBody', 'Enter who inspected or reviewed', 200, 'Who inspected or reviewed'),
      date: read.dayOrMonth('sourceDate', 'The date of the report'),
      judgement: read.optional('judgement', 200, 'The judgement'),
    },
    ratingScheme: read.raw('ratingScheme'),
  };
  if (!schemeChoices().some((scheme) => scheme.name === plan.ratingScheme)) read.fail('ratingScheme', 'Select how the board rates actions');
  const paperGiven = ['day', 'month', 'year'].some((part) => read.raw(`paperDate-${part}`)) || read.raw('paperSource') !== '';
  const paper = paperGiven
    ? {
        date: read.day('paperDate', 'The date of the paper'),
        source: read.text('paperSource', 'Enter the paper’s name', 500, 'The paper’s name'),
      }
    : undefined;
  const beganGiven = ['day', 'month', 'year'].some((part) => read.raw(`createdOn-${part}`));
  const createdOn = beganGiven ? read.day('createdOn', 'The date the plan began') : undefined;
  const mapping = carriedMapping(read.raw('mapping'));
  return { options: { plan, paper, ...(createdOn ? { createdOn } : {}), read: mapping ? { mapping } : {} }, errors: read.errors };
}

/**
 * The columns chosen for an earlier upload, carried in a hidden field to its corrected file (which
 * mostly has the same headers; where it has not, the columns step says so). Only fields the
 * importer knows, each a header, a letter or null, are taken; anything else is dropped.
 */
function carriedMapping(text: string): ColumnMapping | undefined {
  if (!text) return undefined;
  let given: unknown;
  try {
    given = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof given !== 'object' || given === null) return undefined;
  const entries = Object.entries(given).filter(
    ([field, value]) =>
      (FIELDS as readonly string[]).includes(field) && (value === null || (typeof value === 'string' && value.length <= 200)),
  );
  return entries.length ? Object.fromEntries(entries) : undefined;
}

/** Names the columns a dry run was shown with: confirming checks it, so a change made in another tab is not committed unseen. */
export const mappingFingerprint = (mapping: ColumnMapping | undefined): string =>
  createHash('sha256')
    .update(JSON.stringify(FIELDS.map((field) => mapping?.[field])))
    .digest('hex')
    .slice(0, 16);

/** Where the dry run read each field, as rows of a summary list. */
export const columnRows = (report: ImportReport) =>
  FIELDS.map((field) => {
    const column = report.columns[field];
    return {
      key: { text: COLUMN_FIELDS[field].label },
      value: { text: column ? `${column.column}: ${column.header}` : 'Not in this sheet' },
    };
  });

/** The form's fields again from options kept with an upload ("upload a corrected file"). */
export function importFormValues(options: ImportRequest): Form {
  const [year, month, day] = (options.paper?.date ?? '').split('-');
  const [beganYear, beganMonth, beganDay] = (options.createdOn ?? '').split('-');
  return {
    title: options.plan.title,
    kind: options.plan.kind,
    sourceBody: options.plan.source.body,
    sourceDate: dayInWords(options.plan.source.date),
    judgement: options.plan.source.judgement ?? '',
    ratingScheme: typeof options.plan.ratingScheme === 'string' ? options.plan.ratingScheme : '',
    'paperDate-day': day ? String(Number(day)) : '',
    'paperDate-month': month ? String(Number(month)) : '',
    'paperDate-year': year ?? '',
    paperSource: options.paper?.source ?? '',
    'createdOn-day': beganDay ? String(Number(beganDay)) : '',
    'createdOn-month': beganMonth ? String(Number(beganMonth)) : '',
    'createdOn-year': beganYear ?? '',
    mapping: options.read.mapping ? JSON.stringify(options.read.mapping) : '',
  };
}

/** The spreadsheet's format from its name, as the API takes it from the content type. */
export function formatOf(file: UploadedFormFile | undefined): 'xlsx' | 'csv' | FormError {
  if (!file || file.size === 0) return { field: 'sheet', text: file ? 'The selected file is empty' : 'Select a spreadsheet to import' };
  const name = file.originalname.toLowerCase();
  if (name.endsWith('.xlsx')) return 'xlsx';
  if (name.endsWith('.csv')) return 'csv';
  return { field: 'sheet', text: 'The selected file must be an XLSX or CSV spreadsheet' };
}

/** The sheet read by the same readers as the API's; what cannot be read is said beside the file input. */
export async function readSheet(format: 'xlsx' | 'csv', bytes: Buffer): Promise<Sheet | FormError> {
  try {
    return await (format === 'xlsx' ? xlsxSheets : csvSheets).read(bytes);
  } catch (error) {
    if (error instanceof UnreadableSheetError || error instanceof ImportTooLargeError)
      return { field: 'sheet', text: sentenceOf(error.message) };
    throw error;
  }
}

const sentenceOf = (text: string) => text[0].toUpperCase() + text.slice(1);

/** Every problem of a dry run as the error summary lists it: each links to its line of the problems table. */
export const problemErrors = (report: ImportReport): FormError[] =>
  report.problems.map((problem, index) => ({
    field: `problem-${index + 1}`,
    text: `${problem.row === null ? 'The sheet' : `Row ${problem.row}`}${problem.column ? `, column ${problem.column}` : ''}: ${problem.problem}`,
  }));

/** When the plan will have begun: the day given, else the paper's date, else the day it is imported. */
const beganOn = (options: ImportRequest, today: string) =>
  options.createdOn
    ? dayInWords(options.createdOn)
    : options.paper
      ? `${dayInWords(options.paper.date)}, the paper’s date: give the day the plan began if it was earlier`
      : `${dayInWords(today)}, today: give the day the plan began if it was earlier`;

/** What a dry run counts, as rows of a summary list. */
export const createdRows = (report: ImportReport, options: ImportRequest, today: string) =>
  (
    [
      ['The plan began', beganOn(options, today)],
      ['Groupings', report.creates.groupings],
      ['Actions', report.creates.actions],
      ['Links between actions', report.creates.links],
      ['Progress updates', report.creates.progress],
      ['Ratings', report.creates.ratings],
      ['Sign-offs taken from the paper', report.creates.signOffs],
    ] as const
  ).map(([text, count]) => ({ key: { text }, value: { text: String(count) } }));
