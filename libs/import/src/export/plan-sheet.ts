import { ratingCategoryFor, ratingSchemeOf, type LinkKind, type PlanState } from '@actionplans/domain';
import type { ActionView } from '@actionplans/read-models';
import type { CellValue } from '../sheet';

/** The columns of an export, headed so the importer's defaults read them back. */
export const EXPORT_HEADER = [
  'Section',
  'Ref',
  'Action',
  'Lead(s)',
  'Target date',
  'Revised target date',
  'Progress update',
  'Status',
  'Evidence required',
  'Notes',
];

const LINK_WORDS: Record<LinkKind, string> = {
  'duplicate of': 'SAME AS',
  'linked to': 'link to',
  'completed as part of': 'Completed as part of',
  'depends on': 'depends on',
};

/** Numbered references in number order (2.10 after 2.9); others after, as written. */
function byReference(a: string, b: string): number {
  const parts = (reference: string) => reference.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : NaN));
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i += 1) {
    if (x[i] === undefined || y[i] === undefined) return x.length - y.length;
    if (Number.isNaN(x[i]) || Number.isNaN(y[i])) return a.localeCompare(b);
    if (x[i] !== y[i]) return x[i] - y[i];
  }
  return 0;
}

/**
 * A plan as the sheet the importer reads: each titled grouping's row above its actions, the top
 * grouping (a section without a reference) in the Section column, links written as the papers
 * write them. Importing it again with the same options changes nothing.
 */
export function planSheet(plan: PlanState, actions: ActionView[]): { header: string[]; rows: CellValue[][] } {
  const top = (groupingId: string): string | null => {
    let id: string | null = groupingId;
    for (let steps = 0; id && steps <= plan.groupings.size; steps += 1) {
      const grouping = plan.groupings.get(id);
      if (!grouping) return null;
      if (grouping.parentId === null) return grouping.references.length ? null : grouping.title;
      id = grouping.parentId;
    }
    return null;
  };
  const referenceOf = new Map(actions.map((action) => [action.actionId, action.references[0] ?? '']));
  const rows: Array<{ reference: string; cells: CellValue[] }> = [];
  for (const [groupingId, grouping] of plan.groupings) {
    if (!grouping.references.length) continue;
    rows.push({ reference: grouping.references[0], cells: [top(groupingId), grouping.references[0], grouping.title] });
  }
  for (const action of actions) {
    const duplicate = action.links.some((link) => link.kind === 'duplicate of');
    const revised = action.targetDate && action.targetDate.raw !== action.originalTargetDate?.raw ? action.targetDate.raw : null;
    const notes = action.links.map((link) => `${LINK_WORDS[link.kind]} ${referenceOf.get(link.targetActionId) ?? link.targetActionId}`);
    rows.push({
      reference: action.references[0] ?? '',
      cells: [
        top(action.groupingId),
        action.references.join('\n'),
        action.description,
        action.leadOwners.map((owner) => owner.name).join('\n'),
        action.originalTargetDate?.raw || null,
        revised,
        action.progress.at(-1)?.commentary ?? null,
        duplicate ? plan.statusLabels.duplicate : statusCell(plan, action),
        action.evidenceRequired,
        notes.join('; ') || null,
      ],
    });
  }
  // Stable: a grouping's row (pushed first) stays above an action with the same reference.
  const ordered = rows.map((row, i) => ({ ...row, i })).sort((a, b) => byReference(a.reference, b.reference) || a.i - b.i);
  return { header: EXPORT_HEADER, rows: ordered.map((row) => row.cells) };
}

/** The board's rating where one is recorded (what the paper printed), else the computed status in the plan's words. */
function statusCell(plan: PlanState, action: ActionView): string {
  const rated =
    action.rating && action.status.status !== 'complete' ? ratingCategoryFor(ratingSchemeOf(plan), action.rating.category) : null;
  return rated?.label ?? action.status.label;
}
