import { stringify } from 'csv-stringify/sync';
import type { DayFigures } from './plan-comparison';
import type { PlanReport, RatedLine } from './plan-reports';

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

/** Every action with its dates, computed status, rating and disagreement; with two days, each one's status and rating side by side. */
export function actionsTable(actions: ExportLine[], days: Array<string | undefined> = []): ExportTable {
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
      ...compared.flatMap((day) => [action.days?.[day]?.status.status ?? '', action.days?.[day]?.rating?.category ?? '']),
    ]),
  };
}

/** The summary's counts and percentages (to one decimal place): the whole plan, then each top-level grouping. */
export function summaryTable(report: Pick<PlanReport, 'summary'>): ExportTable {
  const { summary } = report;
  return {
    header: ['grouping', 'status', 'label', 'count', 'percent'],
    rows: [
      ...summary.byStatus.map((row) => ['whole plan', row.status, row.label, row.count, row.percent.toFixed(1)]),
      ...summary.byGrouping.flatMap((grouping) =>
        grouping.summary.byStatus.map((row) => [
          [...grouping.references, grouping.title].join(' '),
          row.status,
          row.label,
          row.count,
          row.percent.toFixed(1),
        ]),
      ),
    ],
  };
}
