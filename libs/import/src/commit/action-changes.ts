import type { ActionCommand, CommandBody, Owner } from '@actionplans/domain';
import type { ActionView } from '@actionplans/read-models';
import type { ImportedAction } from '../import.model';
import type { ImportIds } from './import-ids';

export type ActionBody = CommandBody<Exclude<ActionCommand, { type: 'RecordPanelOutcome' | 'RecordReminderSent' }>>;

/** What the import knows besides the sheet: its reason for amendments, and the day progress is reported as of. */
export interface ChangeContext {
  planId: string;
  ids: ImportIds;
  reason: string;
  /** YYYY-MM-DD: the paper's date, or today. */
  asOf: string;
  today: string;
}

export const ownersOf = (action: ImportedAction): Owner[] =>
  action.leads.map((lead) => (lead.userId ? { kind: 'person', name: lead.name, userId: lead.userId } : { kind: 'role', name: lead.name }));

const assessmentOf = (canonical: string | null | undefined) =>
  canonical === 'at risk' || canonical === 'off track' ? canonical : 'on track';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The commands that bring one action to what its row says, given the action as it stands (null:
 * never raised). Only differences: a row imported again asks for nothing. Links come after every
 * action exists (`linkChanges`).
 */
export function actionChanges(action: ImportedAction, view: ActionView | null, context: ChangeContext): ActionBody[] {
  const { ids, reason } = context;
  const actionId = ids.action(action.key);
  const description = action.description.trim();
  const owners = ownersOf(action);
  const bodies: ActionBody[] = [];
  if (!view) {
    bodies.push({
      type: 'RaiseAction',
      actionId,
      planId: context.planId,
      groupingId: ids.grouping(action.groupingKey),
      references: action.references,
      description,
      leadOwners: owners,
      targetDate: action.targetDate,
      evidenceRequired: action.evidenceRequired,
    });
  } else {
    const amended = {
      ...(view.description !== description ? { description } : {}),
      ...(!same(view.references, action.references) ? { references: action.references } : {}),
      ...(view.evidenceRequired !== action.evidenceRequired ? { evidenceRequired: action.evidenceRequired } : {}),
    };
    if (Object.keys(amended).length) bodies.push({ type: 'AmendAction', ...amended, reason });
    if (!same(view.leadOwners, owners))
      bodies.push({ type: 'ChangeOwners', leadOwners: owners, supportingOwners: view.supportingOwners, reason });
  }
  // The date the row holds now: a revised date stands in for the original, as an approved revision.
  const wanted = action.revisedTargetDate ?? action.targetDate;
  const current = view ? (view.targetDate?.raw ?? '') : (action.targetDate ?? '');
  if (wanted && wanted !== current) {
    const revisionId = ids.revision(action.key, wanted);
    bodies.push(
      { type: 'RequestTargetDateRevision', revisionId, proposed: wanted, reason },
      { type: 'ApproveTargetDateRevision', revisionId },
    );
  }
  const latest = view?.progress.at(-1)?.commentary;
  if (action.progress && action.progress.trim() !== latest) {
    bodies.push({
      type: 'UpdateProgress',
      commentary: action.progress,
      assessment: assessmentOf(action.status?.canonical),
      asOf: context.asOf,
      ...(context.asOf < context.today ? { backdatingReason: reason } : {}),
    });
  }
  return bodies;
}

/** The links the row names that the action does not have yet. */
export function linkChanges(action: ImportedAction, view: ActionView | null, context: ChangeContext): ActionBody[] {
  const actionId = context.ids.action(action.key);
  return action.links
    .map((link) => ({ ...link, targetActionId: context.ids.action(link.targetKey) }))
    .filter((link) => !view?.links.some((had) => had.kind === link.kind && had.targetActionId === link.targetActionId))
    .map((link) => ({ type: 'LinkAction', actionId, kind: link.kind, targetActionId: link.targetActionId, note: link.note }));
}
