import { type PlanEntry, type PlanPicture } from '@actionplans/read-models';
import { dayInWords } from '../page/dates';

const STAGES = { draft: 'Draft', active: 'Active', closed: 'Closed' } as const;

/** A plan as the list shows it: what it is, where it came from, and how many of its counted actions are complete today. */
export function planListItem(entry: PlanEntry, picture: PlanPicture) {
  const { plan, report } = picture;
  const { summary } = report;
  return {
    href: `/app/plans/${entry.planId}`,
    title: report.title,
    kind: plan.kind ?? '',
    stage: STAGES[plan.stage],
    source: sourceWords(plan.source),
    complete: `${summary.complete} of ${summary.counted} complete (${summary.percentComplete.toFixed(1)}%)`,
  };
}

/** "Ofsted, 14 June 2022 (Requires Improvement)". */
export function sourceWords(source: PlanPicture['plan']['source']): string {
  if (!source) return '';
  const day = /^\d{4}-\d{2}-\d{2}$/.test(source.date) ? dayInWords(source.date) : source.date;
  return `${source.body}, ${day}${source.judgement ? ` (${source.judgement})` : ''}`;
}
