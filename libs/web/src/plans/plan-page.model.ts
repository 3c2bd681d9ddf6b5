import { CANONICAL_STATUSES } from '@actionplans/domain';
import { type GroupingNode, type PlanChange, type PlanPicture, type RatedLine } from '@actionplans/read-models';
import { dayInWords } from '../page/dates';
import { groupingName } from '../page/grouping-name';
import { filtered, isOverdue } from './plan-filters';
import type { PlanPageQuery } from './plan-query';
import { ratingTag, statusTag, type Tag } from './plan-tags';

/** One action's row in its grouping's table. */
export interface ActionRow {
  actionId: string;
  references: string;
  description: string;
  owners: string;
  target: string;
  /** The original target date, shown beside a revised one. */
  originalTarget: string | null;
  overdue: boolean;
  rating: Tag | null;
  status: Tag;
  /** On the compared day: its rating and computed status then (null: not raised by then). */
  compared?: { rating: Tag | null; status: Tag } | null;
}

/** A grouping as a heading over the actions raised directly under it; deeper groupings follow as their own sections. */
export interface Section {
  level: 2 | 3 | 4;
  title: string;
  actions: ActionRow[];
}

const dayOf = (target: RatedLine['targetDate']): string => (target?.due ? dayInWords(target.due) : target?.raw || 'No target date');

function actionRow(line: RatedLine, picture: PlanPicture, compared?: PlanPicture | null): ActionRow {
  const { scheme } = picture.plan;
  const revised = line.originalTargetDate && line.targetDate && line.originalTargetDate.raw !== line.targetDate.raw;
  const then = compared?.report.actions.find((other) => other.actionId === line.actionId);
  return {
    actionId: line.actionId,
    references: line.references.join(' '),
    description: line.description,
    owners: line.leadOwners.map((owner) => owner.name).join(', ') || 'No lead owner',
    target: dayOf(line.targetDate),
    originalTarget: revised ? dayOf(line.originalTargetDate) : null,
    overdue: isOverdue(line, picture.report.asAt, picture.plan),
    rating: ratingTag(scheme, line.rating),
    status: statusTag(scheme, line.status),
    ...(compared === undefined
      ? {}
      : {
          compared:
            then && compared
              ? { rating: ratingTag(compared.plan.scheme, then.rating), status: statusTag(compared.plan.scheme, then.status) }
              : null,
        }),
  };
}

/** The tree as sections in reading order, with only the actions the filters let through; empty groupings are left out. */
export function sectionsOf(picture: PlanPicture, query: PlanPageQuery, compared?: PlanPicture | null): Section[] {
  const shown = filtered(picture.report.actions, query.filters, picture.groupings, picture.report.asAt, picture.plan);
  const rows = new Map(shown.map((line) => [line.actionId, actionRow(line, picture, compared)]));
  const sections: Section[] = [];
  const walk = (node: GroupingNode, depth: number) => {
    const actions = node.actionIds.flatMap((id) => rows.get(id) ?? []);
    const at = sections.length;
    for (const child of node.children) walk(child, depth + 1);
    if (actions.length > 0 || sections.length > at) {
      const level = Math.min(depth + 2, 4) as Section['level'];
      sections.splice(at, 0, { level, title: groupingName(node.references, node.title), actions });
    }
  };
  for (const root of picture.groupings) walk(root, 0);
  return sections;
}

/** What each filter can be set to, from the plan itself. */
export function filterOptions(picture: PlanPicture) {
  const lines = picture.report.actions;
  const present = new Map(lines.map((line) => [line.status.status, line.status.label]));
  const owners = [...new Set(lines.flatMap((line) => line.leadOwners.map((owner) => owner.name)))].sort();
  return {
    statuses: CANONICAL_STATUSES.filter((status) => present.has(status)).map((status) => ({ value: status, text: present.get(status)! })),
    owners,
    groupings: picture.groupings.map((root) => ({ value: root.groupingId, text: groupingName(root.references, root.title) })),
  };
}

const CHANGE_WORDS: Record<PlanChange['kind'], string> = {
  'action raised': 'Action raised',
  'action withdrawn': 'Action withdrawn',
  'action reopened': 'Action reopened',
  'signed off': 'Signed off by the panel',
  'sent back': 'Sent back by the panel',
  'target date revised': 'Target date revised',
  'status moved': 'Status moved',
  'rating moderated': 'Rating moderated',
  'approved to close': 'Approved to close',
  'plan closed': 'Plan closed',
  'plan reopened': 'Plan reopened',
};

const asDay = (value: string) => (/^\d{4}-\d{2}-\d{2}$/.test(value) ? dayInWords(value) : value);

/** A change in words: when, which action, and what moved from what to what. */
export function changeInWords(change: PlanChange) {
  const moved = change.from !== undefined && change.to !== undefined ? ` from ${asDay(change.from)} to ${asDay(change.to)}` : '';
  return {
    when: dayInWords(change.at.slice(0, 10)),
    references: change.references?.join(' ') ?? 'The plan',
    what: `${CHANGE_WORDS[change.kind]}${moved}${change.detail ? `: ${change.detail}` : ''}`,
  };
}
