import { isRealDay, type Effective } from '@actionplans/domain';
import type { ImportProblem } from '../import.model';

/** The paper a sheet is: the board paper or plan version it was printed as, and its date (YYYY-MM-DD). */
export interface ImportPaper {
  date: string;
  source: string;
}

/** When what an import stores happened, as the import's options say; see `importDates`. */
export interface ImportDates {
  /** The plan, its groupings, actions, target dates and links: the day the plan began. */
  structure: Effective;
  /** Progress and ratings: the paper's date. */
  reported: Effective;
  /** A row the paper calls complete: signed off no later than the paper's date, so on it. */
  signOff: Effective;
  /** The day progress is reported as of (YYYY-MM-DD). */
  asOf: string;
  /** What a sign-off from the paper names as where it is recorded. */
  paperSource: string;
}

const day = (at: string) => at.slice(0, 10);
const on = (date: string, source: string): Effective => ({ at: `${date}T00:00:00.000Z`, precision: 'day', source });

/**
 * The import's effective dates: the plan began on `createdOn` (default the paper's date), what the
 * paper reports is effective on its date (default: now, the import is the source). Every source
 * names the paper and the import, so the history says where each entry came from.
 */
export function importDates(importId: string, now: string, paper?: ImportPaper, createdOn?: string): ImportDates {
  const source = paper ? `${paper.source.trim()} (import ${importId})` : `import ${importId}`;
  const reported: Effective = paper ? on(paper.date, source) : { at: now, precision: 'moment', source };
  const began = createdOn ?? paper?.date;
  return {
    structure: began ? on(began, source) : reported,
    reported,
    signOff: reported,
    asOf: paper?.date ?? day(now),
    paperSource: paper?.source.trim() || `the sheet imported as import ${importId}`,
  };
}

const optionProblem = (option: string, value: string, problem: string): ImportProblem => ({
  row: null,
  column: option,
  header: null,
  value,
  code: 'IMPORT.DATE_OPTION_INVALID',
  problem: `${option}: ${problem}`,
});

/**
 * What the effective-date rules would refuse mid-commit, found before anything is stored: a day
 * that is not one, one in the future, or a plan beginning after the paper that reports on it.
 */
export function dateOptionProblems(now: string, paper?: ImportPaper, createdOn?: string): ImportProblem[] {
  const today = day(now);
  const problems: ImportProblem[] = [];
  const check = (option: string, value: string | undefined) => {
    if (value === undefined) return false;
    if (!isRealDay(value)) problems.push(optionProblem(option, value, 'must be a real day, YYYY-MM-DD'));
    else if (value > today) problems.push(optionProblem(option, value, `is in the future (today is ${today})`));
    else return true;
    return false;
  };
  const paperOk = check('paper.date', paper?.date);
  const createdOk = check('createdOn', createdOn);
  if (paper && !paper.source.trim()) problems.push(optionProblem('paper.source', paper.source, 'name the paper the sheet is'));
  if (paperOk && createdOk && createdOn! > paper!.date) {
    problems.push(
      optionProblem('createdOn', createdOn!, `is after the paper's date ${paper!.date}: the plan began before the paper reported on it`),
    );
  }
  return problems;
}
