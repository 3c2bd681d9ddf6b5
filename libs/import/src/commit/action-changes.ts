import type { ActionCommand, CommandBody, Owner } from '@actionplans/domain';
import type { ActionView } from '@actionplans/read-models';
import type { Field } from '../columns';
import type { ImportedAction } from '../import.model';
import type { ImportIds } from './import-ids';

export type ActionBody = CommandBody<Exclude<ActionCommand, { type: 'RecordPanelOutcome' | 'RecordReminderSent' }>>;

/** One command an import sends, and the column of its row it comes from (named if it is refused). */
export interface ActionChange {
  body: ActionBody;
  field: Field;
}

/** What the import knows besides the sheet: its reason for amendments, and the day progress is reported as of. */
export interface ChangeContext {
  planId: string;
  ids: ImportIds;
  reason: string;
  /** YYYY-MM-DD: the paper's date, or today. */
  asOf: string;
  today: string;
  /** The paper a sign-off is taken from. */
  paperSource: string;
}

export const ownersOf = (action: ImportedAction): Owner[] =>
  action.leads.map((lead) => (lead.userId ? { kind: 'person', name: lead.name, userId: lead.userId } : { kind: 'role', name: lead.name }));

const assessmentOf = (canonical: string | null | undefined) =>
  canonical === 'at risk' || canonical === 'off track' ? canonical : 'on track';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** A row the paper calls complete, and counted: it is signed off from the paper. */
export const signedOffOnPaper = (action: ImportedAction) => !action.duplicate && action.status?.canonical === 'complete';

/**
 * The commands that bring one action to what its row says, given the action as it stands (null:
 * never raised). Only differences: a row imported again asks for nothing. Links and sign-offs
 * come after every action exists (`closingChanges`).
 */
export function actionChanges(action: ImportedAction, view: ActionView | null, context: ChangeContext): ActionChange[] {
  const { ids, reason } = context;
  const description = action.description.trim();
  const owners = ownersOf(action);
  const changes: ActionChange[] = [];
  if (!view) {
    const body: ActionBody = {
      type: 'RaiseAction',
      actionId: ids.action(action.key),
      planId: context.planId,
      groupingId: ids.grouping(action.groupingKey),
      references: action.references,
      description,
      leadOwners: owners,
      targetDate: action.targetDate,
      ...(action.startDate ? { startDate: action.startDate } : {}),
      evidenceRequired: action.evidenceRequired,
    };
    changes.push({ body, field: 'action' });
  } else {
    const amended = {
      ...(view.description !== description ? { description } : {}),
      ...(!same(view.references, action.references) ? { references: action.references } : {}),
      ...(view.evidenceRequired !== action.evidenceRequired ? { evidenceRequired: action.evidenceRequired } : {}),
    };
    if (Object.keys(amended).length) changes.push({ body: { type: 'AmendAction', ...amended, reason }, field: 'action' });
    if ((view.startDate?.raw ?? null) !== action.startDate)
      changes.push({ body: { type: 'AmendAction', startDate: action.startDate, reason }, field: 'startDate' });
    if (!same(view.leadOwners, owners))
      changes.push({ body: { type: 'ChangeOwners', leadOwners: owners, supportingOwners: view.supportingOwners, reason }, field: 'leads' });
  }
  // The date the row holds now: a revised date stands in for the original, as an approved revision.
  const wanted = action.revisedTargetDate ?? action.targetDate;
  const current = view ? (view.targetDate?.raw ?? '') : (action.targetDate ?? '');
  if (wanted && wanted !== current) {
    const revisionId = ids.revision(action.key, wanted);
    const field: Field = action.revisedTargetDate ? 'revisedTargetDate' : 'targetDate';
    changes.push(
      { body: { type: 'RequestTargetDateRevision', revisionId, proposed: wanted, reason }, field },
      { body: { type: 'ApproveTargetDateRevision', revisionId }, field },
    );
  }
  changes.push(...reportedChanges(action, view, context));
  return changes;
}

/**
 * The row's progress, with the rating its status cell records; a rating with no new progress is
 * the paper's, recorded on its authority. A category saying complete is left to the sign-off from
 * the paper, which must come first: no rating says complete without one.
 */
function reportedChanges(action: ImportedAction, view: ActionView | null, context: ChangeContext): ActionChange[] {
  const rating = action.status?.rating && action.status.canonical !== 'complete' ? action.status.rating : null;
  const latest = view?.progress.at(-1)?.commentary;
  if (action.progress && action.progress.trim() !== latest) {
    const body: ActionBody = {
      type: 'UpdateProgress',
      commentary: action.progress,
      assessment: assessmentOf(action.status?.canonical),
      asOf: context.asOf,
      ...(context.asOf < context.today ? { backdatingReason: context.reason } : {}),
      ...(rating ? { rating } : {}),
    };
    return [{ body, field: 'progress' }];
  }
  if (!rating || view?.rating?.category === rating) return [];
  return [{ body: { type: 'ModerateRating', rating, authority: context.paperSource, reason: context.reason }, field: 'status' }];
}

/**
 * The links the row names that the action does not have yet, then its sign-off from the paper
 * if the row calls it complete and it is not yet, nor proposed already: once every action exists,
 * and once its links say whether it is a duplicate. The sign-off is proposed, for a second plan
 * manager to confirm (ADR 33): an import does not complete an action on its importer's word alone.
 */
export function closingChanges(action: ImportedAction, view: ActionView | null, context: ChangeContext): ActionChange[] {
  const actionId = context.ids.action(action.key);
  const links: ActionChange[] = action.links
    .map((link) => ({ ...link, targetActionId: context.ids.action(link.targetKey) }))
    .filter((link) => !view?.links.some((had) => had.kind === link.kind && had.targetActionId === link.targetActionId))
    .map((link): ActionChange => ({
      body: { type: 'LinkAction', actionId, kind: link.kind, targetActionId: link.targetActionId, note: link.note },
      field: link.field,
    }));
  const signOff: ActionChange[] =
    signedOffOnPaper(action) && view?.stage !== 'complete' && !view?.proposedSignOff
      ? [{ body: { type: 'RecordSignOffFromPaper', source: context.paperSource }, field: 'status' }]
      : [];
  return [...links, ...signOff];
}
