import type { CommandBody, PlanCommand, PlanKind, PlanSource, PlanState, RatingScheme, StatusLabels } from '@actionplans/domain';
import type { ImportModel } from '../import.model';
import type { ImportIds } from './import-ids';

export type PlanBody = CommandBody<PlanCommand>;

/** The plan as the import creates it, when it does not exist yet. */
export interface ImportedPlan {
  title: string;
  kind: PlanKind;
  source: PlanSource;
  statusLabels?: Partial<StatusLabels>;
  /** The board's categories: a ready-made scheme's name (`RATING_SCHEMES`, e.g. `hmip-four-bucket`) or a scheme in full. */
  ratingScheme?: string | RatingScheme;
}

/** The plan (created in draft) and its groupings, parents first; only what differs from the plan as it stands. */
export function planChanges(plan: ImportedPlan, model: ImportModel, state: PlanState, ids: ImportIds, reason: string): PlanBody[] {
  const bodies: PlanBody[] = [];
  if (state.stage === 'none') bodies.push({ type: 'CreatePlan', planId: ids.planId, ...plan });
  for (const grouping of model.groupings) {
    const groupingId = ids.grouping(grouping.key);
    const parentId = grouping.parentKey === null ? null : ids.grouping(grouping.parentKey);
    const kind = grouping.kind;
    const had = state.groupings.get(groupingId);
    if (!had) {
      bodies.push({ type: 'AddGrouping', groupingId, parentId, kind, references: grouping.references, title: grouping.title.trim() });
      continue;
    }
    const changes = {
      ...(had.title !== grouping.title.trim() ? { title: grouping.title.trim() } : {}),
      ...(had.kind !== kind ? { kind } : {}),
      ...(had.parentId !== parentId ? { parentId } : {}),
      ...(JSON.stringify(had.references) !== JSON.stringify(grouping.references) ? { references: grouping.references } : {}),
    };
    if (Object.keys(changes).length) bodies.push({ type: 'AmendGrouping', groupingId, ...changes, reason });
  }
  return bodies;
}
