import { readTargetDate } from '@actionplans/domain';
import type { Field } from './columns';
import { GroupingTree, groupingRows } from './groupings';
import { StatusVocabulary, type ReadOptions } from './import-options';
import type { ImportedAction, ImportModel, ImportProblem, LeadMatch } from './import.model';
import { LeadMatcher, leadsIn, type KnownUser } from './leads';
import { dateReadings, type DateReading } from './date-readings';
import { readHeadings, type ImportNote } from './headings';
import { marksDuplicate, namesDuplicated } from './links';
import { resolveLinks } from './resolve-links';
import { referencesIn } from './references';
import { problemAt, type PlanRow } from './sheet-rows';

/** What the rows say, every problem with them, and how each lead was matched. */
export interface ReadPlan {
  model: ImportModel;
  problems: ImportProblem[];
  leads: Array<LeadMatch & { rows: number[] }>;
  /** Rows passed over (headings, a paper's count of actions by status), each with why. */
  notes: ImportNote[];
  dates: DateReading[];
}

const DATE_FIELDS: Field[] = ['targetDate', 'revisedTargetDate', 'startDate'];
/** Where "DUPLICATION WITH 2.1" marks the row a duplicate; in the action's own words it only links the two (see the ADR). */
const MARKING_FIELDS: Field[] = ['notes', 'status', 'progress'];

/** Reads the plan's rows into groupings, actions and links; never throws on bad data, it lists it. */
export function readPlanRows(sheetRows: PlanRow[], options: ReadOptions, users: KnownUser[]): ReadPlan {
  const { rows, notes } = readHeadings(sheetRows);
  const problems: ImportProblem[] = [];
  const statuses = new StatusVocabulary(options);
  const matcher = new LeadMatcher(users);
  const leads = new Map<string, LeadMatch & { rows: number[] }>();
  const titleRows = groupingRows(rows);
  const tree = new GroupingTree(titleRows, options);
  const actions: ImportedAction[] = [];
  const dates: DateReading[] = [];
  const seen = new Map<string, PlanRow[]>();
  const rowOf = new Map<ImportedAction, PlanRow>();

  for (const row of rows) {
    const references = referencesIn(row.values.reference ?? '');
    if (titleRows.has(row)) {
      tree.placeTitleRow(references[0], row.values.grouping);
      continue;
    }
    const reference = references[0];
    const status = row.values.status ?? '';
    const markedDuplicate = marksDuplicate(status, statuses.duplicateLabel());
    const duplicate =
      markedDuplicate || marksDuplicate(row.values.notes ?? '') || MARKING_FIELDS.some((field) => namesDuplicated(row.values[field] ?? ''));
    if (!reference) {
      problems.push(problemAt(row, 'reference', 'IMPORT.REFERENCE_MISSING', 'the row has no reference: give each action one'));
      continue;
    }
    const earlier = seen.get(reference) ?? [];
    seen.set(reference, [...earlier, row]);
    if (earlier.length > 0 && !duplicate) {
      problems.push(
        problemAt(
          row,
          'reference',
          'IMPORT.REFERENCE_REPEATED',
          `reference ${reference} is also on row ${earlier[0].row}: give each action its own, or mark the row DUPLICATE ACTION`,
        ),
      );
      continue;
    }
    if (!row.values.action)
      problems.push(problemAt(row, 'action', 'IMPORT.ACTION_MISSING', 'the row has no action: say what is to be done'));
    for (const field of DATE_FIELDS) problems.push(...dateProblems(row, field));
    dates.push(...dateReadings(row, DATE_FIELDS));
    const category = status && !duplicate ? statuses.find(status) : null;
    if (status && !duplicate && !category) {
      problems.push(
        problemAt(row, 'status', 'IMPORT.STATUS_UNKNOWN', `"${status}" is not one of the plan's statuses: ${statuses.labels().join(', ')}`),
      );
    }
    const names = leadsIn(row.values.leads ?? '');
    // A duplicate takes the leads of the action it repeats, once links are resolved.
    if (names.length === 0 && !duplicate)
      problems.push(problemAt(row, 'leads', 'IMPORT.LEAD_MISSING', 'the action has no lead: name at least one'));
    const matched = names.flatMap((name) => {
      const match = matcher.match(name);
      if ('ambiguous' in match) {
        const who = match.ambiguous.map((user) => `${user.name} (${user.userId})`).join(' and ');
        problems.push(problemAt(row, 'leads', 'IMPORT.LEAD_AMBIGUOUS', `"${name}" matches more than one user: ${who}; give an email`));
        return [];
      }
      const entry = leads.get(name) ?? { ...match, rows: [] };
      entry.rows.push(row.row);
      leads.set(name, entry);
      return [match];
    });
    const action: ImportedAction = {
      key: earlier.length ? `${reference}#${earlier.length + 1}` : reference,
      row: row.row,
      references,
      description: row.values.action ?? '',
      leads: matched,
      groupingKey: tree.place(reference, row.values.grouping),
      targetDate: row.values.targetDate || null,
      // A placeholder ("Click here to enter a date.") revises nothing.
      revisedTargetDate:
        row.values.revisedTargetDate && readTargetDate(row.values.revisedTargetDate).note !== 'no date was given'
          ? row.values.revisedTargetDate
          : null,
      startDate: row.values.startDate || null,
      progress: row.values.progress || null,
      status: category,
      evidenceRequired: row.values.evidenceRequired || null,
      notes: row.values.notes || null,
      duplicate,
      links: [],
    };
    actions.push(action);
    rowOf.set(action, row);
  }
  problems.push(...resolveLinks(actions, rowOf, titleRows));
  return { model: { groupings: tree.list(), actions }, problems, leads: [...leads.values()], notes, dates };
}

/**
 * A date the engine cannot read is kept as written with no due date ("Ongoing", free text); one
 * that cannot exist ("31.4.14") is a mistake to correct.
 */
function dateProblems(row: PlanRow, field: Field): ImportProblem[] {
  const raw = row.values[field];
  if (!raw) return [];
  const read = readTargetDate(raw);
  if (read.precision !== 'unknown' || read.note === 'no date was given') return [];
  // A revision must name a date the engine can read; a first target date may be kept as written.
  if (field !== 'revisedTargetDate' && !/has no day|is not a month/.test(read.note ?? '')) return [];
  return [problemAt(row, field, 'IMPORT.DATE_UNREADABLE', `"${raw}" is not a date: ${read.note}`)];
}
