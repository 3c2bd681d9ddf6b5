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
  // A day or a month ("2022-03", as a paper of a month is dated) in words; anything else as written.
  const day = dayInWords(source.date);
  return `${source.body}, ${day}${source.judgement ? ` (${source.judgement})` : ''}`;
}
