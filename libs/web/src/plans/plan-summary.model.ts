import type { FullSummary, PlanPicture, PlanSummary } from '@actionplans/read-models';
import { dayInWords } from '../page/dates';
import { groupingName } from '../page/grouping-name';
import { ratingColourClass, type Tag } from '../page/tags';

/** One figure of the summary table: a count and its percentage of the counted actions, to one decimal place. */
interface Figure {
  count: number;
  percent: string;
}

/** The summary as the papers print it: the plan's categories as rows, top-level groupings as columns, then the total on each day. */
export interface SummaryTable {
  caption: string;
  countingRule: string;
  columns: string[];
  rows: Array<{ category: Tag; figures: Figure[] }>;
  counted: Figure[];
  complete: { count: number; counted: number; percent: string };
  /**
   * What the figures leave out and why, in words ("9 actions are not counted: 9 duplicates of other
   * actions."), and the statuses to filter the actions by to see them; null when every action counts.
   */
  notCounted: { text: string; statuses: string[] } | null;
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** The actions a summary leaves out, in words: a paper that counts duplicates gives a bigger total than the engine. */
export function notCountedOf({ duplicate, withdrawn }: PlanSummary['notCounted']): SummaryTable['notCounted'] {
  const total = duplicate + withdrawn;
  if (total === 0) return null;
  const why = [
    ...(duplicate ? [duplicate === 1 ? '1 duplicate of another action' : `${duplicate} duplicates of other actions`] : []),
    ...(withdrawn ? [`${withdrawn} withdrawn`] : []),
  ];
  return {
    text: `${plural(total, 'action is', 'actions are')} not counted: ${why.join(' and ')}.`,
    statuses: [...(duplicate ? ['duplicate'] : []), ...(withdrawn ? ['withdrawn'] : [])],
  };
}

const figure = (summary: PlanSummary, key: string): Figure => {
  const row = summary.byStatus.find((found) => found.status === key);
  return { count: row?.count ?? 0, percent: (row?.percent ?? 0).toFixed(1) };
};

/** The day a picture is of, in words. */
export const dayWords = (picture: PlanPicture): string => (picture.report.basis === 'live' ? 'today' : dayInWords(picture.report.asAt));

/** What the figures are counted on and how the day's picture was made, in words for a caption. */
export function basisWords(picture: PlanPicture): string {
  const counted = picture.report.statusBasis === 'rating' ? 'the ratings people recorded' : 'the status the engine computes';
  const history =
    picture.report.basis === 'live'
      ? 'as it stands now'
      : picture.report.basis === 'recorded'
        ? `as recorded by the end of ${dayInWords(picture.report.asAt)}`
        : `as we now know it was at the end of ${dayInWords(picture.report.asAt)}`;
  return `counted on ${counted}, ${history}`;
}

export function summaryTable(picture: PlanPicture, compared?: PlanPicture | null): SummaryTable {
  const { summary } = picture.report;
  const totals: Array<{ title: string; summary: PlanSummary }> = [{ title: `Total ${dayWords(picture)}`, summary }];
  if (compared) totals.push({ title: `Total ${dayWords(compared)}`, summary: compared.report.summary });
  const columns = [...summary.byGrouping.map((g) => ({ title: groupingName(g.references, g.title), summary: g.summary })), ...totals];
  return {
    caption: `Actions by ${picture.report.statusBasis === 'rating' ? 'rating' : 'computed status'}, ${dayWords(picture)}: ${basisWords(picture)}`,
    countingRule: summary.countingRule,
    columns: columns.map((column) => column.title),
    rows: summary.scheme.categories.map((category) => ({
      category: { text: category.label, classes: ratingColourClass(category.colour) },
      figures: columns.map((column) => figure(column.summary, category.key)),
    })),
    counted: columns.map((column) => ({ count: column.summary.counted, percent: column.summary.counted ? '100.0' : '0.0' })),
    complete: { count: summary.complete, counted: summary.counted, percent: summary.percentComplete.toFixed(1) },
    notCounted: notCountedOf(summary.notCounted),
  };
}

/** Every action whose rating and computed status disagree, with why, in words. */
export function disagreementsOf(summary: FullSummary, descriptions: Map<string, string>) {
  return summary.disagreements.map((item) => ({
    references: item.references.join(' '),
    description: descriptions.get(item.actionId) ?? '',
    why: item.why.charAt(0).toUpperCase() + item.why.slice(1),
  }));
}
