import { type PlanChange, type PlanPicture } from '@actionplans/read-models';
import { dayInWords } from '../page/dates';
import { changeInWords, filterOptions, sectionsOf } from './plan-page.model';
import { queryString, type PlanPageQuery } from './plan-query';
import { basisWords, dayWords, disagreementsOf, summaryTable } from './plan-summary.model';
import { sourceWords } from './plan-list.view';

export interface PlanPageInput {
  picture: PlanPicture;
  /** Undefined: no second day asked; null: the plan did not exist on it. */
  compared?: PlanPicture | null;
  changes?: { from: string; to: string; changes: PlanChange[] };
  query: PlanPageQuery;
  /** The query as sent, for links that keep or drop parts of it. */
  raw: Record<string, unknown>;
}

const STAGES = { draft: 'Draft', active: 'Active', closed: 'Closed' } as const;
const FILTER_FIELDS = ['status', 'owner', 'grouping', 'lateness'];

/** Everything the plan page's template shows, worked out here so the template holds no rule. */
export function planPageView({ picture, compared, changes, query, raw }: PlanPageInput) {
  const { report, plan } = picture;
  const path = `/app/plans/${report.planId}`;
  const kept = keptQuery(raw);
  const descriptions = new Map(report.actions.map((line) => [line.actionId, line.description]));
  const sections = sectionsOf(picture, query, compared);
  const page = query.asAt || compared !== undefined ? `Plan as at ${dayWords(picture)}` : 'Plan';
  return {
    pageTitle: `${page} – ${report.title}`,
    errors: query.errors,
    path,
    plan: { title: report.title, kind: plan.kind ?? '', stage: STAGES[plan.stage], source: sourceWords(plan.source) },
    day: dayWords(picture),
    basisWords: basisWords(picture),
    compared:
      compared === undefined ? undefined : compared === null ? { missing: dayInWords(query.compareWith!) } : { day: dayWords(compared) },
    summary: summaryTable(picture, compared),
    disagreements: disagreementsOf(report.summary, descriptions),
    awaitingApproval: awaitingApprovalOf(picture, path, query.asAt !== undefined || compared !== undefined),
    sections,
    shown: { count: sections.reduce((sum, section) => sum + section.actions.length, 0), of: report.actions.length },
    filters: { ...filterItems(picture, query), tags: filterTags(picture, query, path, kept) },
    clearFilters: `${path}${queryString(withoutFilters(kept))}`,
    asAtForm: { typed: query.typed, history: query.history, statusBasis: report.statusBasis, kept: hidden(kept, true) },
    filterForm: { kept: hidden(kept, false) },
    today: `${path}${queryString(Object.fromEntries(Object.entries(kept).filter(([name]) => FILTER_FIELDS.includes(name))))}`,
    changes: changes && { from: dayInWords(changes.from), to: dayInWords(changes.to), lines: changes.changes.map(changeInWords) },
    exports: {
      csv: `${path}/export${queryString({ ...kept, format: 'csv' })}`,
      xlsx: `${path}/export${queryString({ ...kept, format: 'xlsx' })}`,
    },
  };
}

type Kept = Record<string, string | string[]>;

/** The query's own parameters, as strings, to build links from. */
function keptQuery(raw: Record<string, unknown>): Kept {
  const kept: Kept = {};
  for (const [name, value] of Object.entries(raw)) {
    if (name === 'format') continue;
    if (typeof value === 'string') kept[name] = value;
    else if (Array.isArray(value)) kept[name] = value.filter((item): item is string => typeof item === 'string');
  }
  return kept;
}

const withoutFilters = (kept: Kept): Kept => Object.fromEntries(Object.entries(kept).filter(([name]) => !FILTER_FIELDS.includes(name)));

/** Hidden fields so that each of the page's two forms keeps what the other chose: the filters, or the days and bases. */
function hidden(kept: Kept, filters: boolean): Array<{ name: string; value: string }> {
  return Object.entries(kept)
    .filter(([name]) => FILTER_FIELDS.includes(name) === filters)
    .flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map((item) => ({ name, value: item })));
}

/** The MoJ filter's selected tags, each a link to the same view without it. */
function filterTags(picture: PlanPicture, query: PlanPageQuery, path: string, kept: Kept) {
  const options = filterOptions(picture);
  const without = (name: string, value?: string): string => {
    const rest = { ...kept };
    const current = rest[name];
    if (value !== undefined && Array.isArray(current)) rest[name] = current.filter((item) => item !== value);
    else delete rest[name];
    return `${path}${queryString(rest)}`;
  };
  const { statuses, owner, grouping, lateness } = query.filters;
  const categories = [
    {
      heading: { text: 'Status' },
      items: statuses.map((s) => ({ text: options.statuses.find((o) => o.value === s)?.text ?? s, href: without('status', s) })),
    },
    { heading: { text: 'Lead owner' }, items: owner ? [{ text: owner, href: without('owner') }] : [] },
    {
      heading: { text: 'Grouping' },
      items: grouping ? [{ text: options.groupings.find((o) => o.value === grouping)?.text ?? grouping, href: without('grouping') }] : [],
    },
    {
      heading: { text: 'Lateness' },
      items: lateness ? [{ text: lateness === 'overdue' ? 'Overdue' : 'Not overdue', href: without('lateness') }] : [],
    },
  ];
  return categories.filter((category) => category.items.length > 0);
}

/** The filter's fields as GOV.UK's checkboxes, selects and radios take their items, with what is chosen marked. */
function filterItems(picture: PlanPicture, query: PlanPageQuery) {
  const options = filterOptions(picture);
  const chosen = query.filters;
  return {
    statusItems: options.statuses.map((option) => ({ ...option, checked: chosen.statuses.includes(option.value) })),
    ownerItems: [
      { value: '', text: 'Any lead owner' },
      ...options.owners.map((owner) => ({ value: owner, text: owner, selected: owner === chosen.owner })),
    ],
    groupingItems: [
      { value: '', text: 'Every grouping' },
      ...options.groupings.map((option) => ({ ...option, selected: option.value === chosen.grouping })),
    ],
    latenessItems: [
      { value: '', text: 'Any', checked: !chosen.lateness },
      {
        value: 'overdue',
        text: 'Overdue',
        hint: { text: 'Past its target date and not complete' },
        checked: chosen.lateness === 'overdue',
      },
      { value: 'not overdue', text: 'Not overdue', checked: chosen.lateness === 'not overdue' },
    ],
  };
}

/** How many actions are signed off and awaiting the plan's approval to close, and where to approve them (today's plan only). */
function awaitingApprovalOf(picture: PlanPicture, path: string, pastDay: boolean) {
  const body = picture.plan.approvalToClose;
  if (!body) return null;
  const count = picture.report.actions.filter((line) => line.status.awaitingApprovalToClose).length;
  const actions = count === 1 ? '1 action is' : `${count} actions are`;
  return {
    count,
    text: `${actions} signed off and awaiting approval to close by ${body}.`,
    link: pastDay || !count ? null : `${path}/approvals-to-close`,
  };
}
