import { stringify } from 'csv-stringify/sync';
import type { DayFigures } from './plan-comparison';
import type { PlanReport, RatedLine } from './plan-reports';
import type { StatusCount } from '../plan.view';

type Cell = string | number | null;

/** A report as a table for a spreadsheet: the header, then one row per line. */
export interface ExportTable {
  header: string[];
  rows: Cell[][];
}

/**
 * Rows as CSV for a spreadsheet. A cell that starts like a formula is prefixed with an apostrophe,
 * so an owner's commentary can never run as a formula in the reader's spreadsheet.
 */
export function toCsv(header: string[], rows: Cell[][]): string {
  const safe = (cell: Cell) => (typeof cell === 'string' && /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : (cell ?? ''));
  return stringify([header, ...rows.map((row) => row.map(safe))]);
}

/** An action line as an export lists it; with two days compared, each day's figures beside it. */
export type ExportLine = RatedLine & { mitigation?: string | null; days?: Record<string, DayFigures | null> };

/** The day and bases a report was answered on, which every exported row states so a copied row keeps its meaning. */
export type ReportBasisCells = Pick<PlanReport, 'asAt' | 'basis' | 'statusBasis'>;

const BASIS_HEADER = ['basis', 'status basis'];
const basisCells = ({ basis, statusBasis }: ReportBasisCells): Cell[] => [basis, statusBasis];

/**
 * Every action with its dates, computed status, rating and disagreement, and the day and bases it
 * is as at; with two days, each one's status and rating side by side.
 */
export function actionsTable(actions: ExportLine[], on: ReportBasisCells, days: Array<string | undefined> = []): ExportTable {
  const compared = days.filter((day): day is string => day !== undefined && actions.some((action) => action.days));
  return {
    header: [
      'references',
      'description',
      'lead owners',
      'original target',
      'target',
      'due',
      'status',
      'label',
      'reason',
      'progress as of',
      'latest progress',
      'start',
      'rating',
      'counted in',
      'disagreement',
      'as at',
      ...BASIS_HEADER,
      ...compared.flatMap((day) => [`status ${day}`, `rating ${day}`]),
    ],
    rows: actions.map((action) => [
      action.references.join(' '),
      action.description,
      action.leadOwners.map((owner) => owner.name).join('; '),
      action.originalTargetDate?.raw ?? '',
      action.targetDate?.raw ?? '',
      action.targetDate?.due ?? '',
      action.status.status,
      action.status.label,
      action.status.reason,
      action.latestProgress?.asOf ?? '',
      action.latestProgress?.commentary ?? '',
      action.startDate?.raw ?? '',
      action.rating?.category ?? '',
      action.countedIn?.label ?? '',
      action.disagreement ?? '',
      on.asAt,
      ...basisCells(on),
      ...compared.flatMap((day) => [action.days?.[day]?.status.status ?? '', action.days?.[day]?.rating?.category ?? '']),
    ]),
  };
}

/** The second day of a side-by-side summary: its report, or null when the plan did not exist then. */
export interface ComparedDay {
  asAt: string;
  report: Pick<PlanReport, 'summary'> | null;
}

/**
 * The summary's counts and percentages (to one decimal place): the whole plan, then each top-level
 * grouping, each row stating the day and bases. With a second day, each day's count and percent
 * side by side under headers naming the day ("RAG Jan 23 | RAG May 23"); blank where the row did
 * not exist that day.
 */
export function summaryTable(report: Pick<PlanReport, 'summary'> & ReportBasisCells, compared?: ComparedDay): ExportTable {
  const first = summaryRows(report.summary);
  const second = compared?.report ? summaryRows(compared.report.summary) : new Map<string, SummaryRow>();
  if (!compared)
    return {
      header: ['grouping', 'status', 'label', 'count', 'percent', 'as at', ...BASIS_HEADER],
      rows: [...first.values()].map((row) => [...row.cells, ...figures(row.count), report.asAt, ...basisCells(report)]),
    };
  const keys = [...new Set([...first.keys(), ...second.keys()])];
  return {
    header: [
      'grouping',
      'status',
      'label',
      ...[report.asAt, compared.asAt].flatMap((day) => [`count ${day}`, `percent ${day}`]),
      ...BASIS_HEADER,
    ],
    rows: keys.map((key) => {
      const row = (first.get(key) ?? second.get(key))!;
      return [...row.cells, ...figures(first.get(key)?.count), ...figures(second.get(key)?.count), ...basisCells(report)];
    }),
  };
}

interface SummaryRow {
  cells: Cell[];
  count: StatusCount;
}

const figures = (count: StatusCount | undefined): Cell[] => (count ? [count.count, count.percent.toFixed(1)] : ['', '']);

/** Each row of a summary, keyed by its grouping (or the whole plan) and category, so two days' rows can be matched. */
function summaryRows(summary: PlanReport['summary']): Map<string, SummaryRow> {
  const rows = new Map<string, SummaryRow>();
  for (const count of summary.byStatus) rows.set(`plan ${count.status}`, { cells: ['whole plan', count.status, count.label], count });
  for (const grouping of summary.byGrouping)
    for (const count of grouping.summary.byStatus)
      rows.set(`${grouping.groupingId} ${count.status}`, {
        cells: [[...grouping.references, grouping.title].join(' '), count.status, count.label],
        count,
      });
  return rows;
}
