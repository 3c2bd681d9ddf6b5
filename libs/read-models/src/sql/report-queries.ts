import {
  completionRuleOf,
  defaultStatusLabels,
  initialActionState,
  initialPlanState,
  statusOf,
  type ActionState,
  type CanonicalStatus,
  type Owner,
  type PlanState,
  type RatingScheme,
  type StartDate,
  type StatusBasis,
  type TargetDate,
} from '@actionplans/domain';
import { summaryWithGroupings, type FullSummary } from '../plan.view';
import type { RecordedRating } from '../rating.view';
import type { ReadModelDb } from './read-model-db';
import type { ActionRow, GroupingRow, PlanRow } from './tables';

/** One action as a report lists it. */
export interface ReportAction {
  actionId: string;
  groupingId: string;
  references: string[];
  description: string;
  leadOwners: Owner[];
  originalTargetDate: TargetDate;
  targetDate: TargetDate;
  startDate: StartDate | null;
  stage: ActionState['stage'];
  status: { status: CanonicalStatus; label: string; reason: string; awaitingApprovalToClose?: { body: string } };
  latestProgress: { assessment: string; asOf: string; commentary: string } | null;
  rating: RecordedRating | null;
  duplicateOf: string | null;
  signedOff: { panelId: string; at: string; rationale: string } | null;
}

/** The board-pack questions, answered from the report tables for a given day. */
export class ReportQueries {
  constructor(private readonly readModels: ReadModelDb) {}

  /** The plan's settings as a `PlanState`, so the domain's status rules apply unchanged; null if unknown. */
  async plan(planId: string): Promise<{ row: PlanRow; state: PlanState } | null> {
    const { db } = this.readModels;
    const row = await db.selectFrom('plans').selectAll().where('plan_id', '=', planId).executeTakeFirst();
    if (!row) return null;
    const groupings = await db.selectFrom('groupings').selectAll().where('plan_id', '=', planId).orderBy('seq').execute();
    return { row, state: planStateOf(row, groupings) };
  }

  /** Every action of the plan in the order raised, with its status on `today`. */
  async actions(plan: PlanState, today: string): Promise<ReportAction[]> {
    const rows = await this.readModels.db.selectFrom('actions').selectAll().where('plan_id', '=', plan.planId!).orderBy('seq').execute();
    return rows.map((row) => reportActionOf(row, plan, today));
  }

  /** On the basis asked, or the plan's default; `today` is the day the statuses were computed for. */
  summary(plan: PlanState, actions: ReportAction[], today: string, basis?: StatusBasis): FullSummary {
    return summaryWithGroupings(plan, actions, { basis, today });
  }

  /** Submitted actions waiting for a decision, by the meeting they are tabled at (null: not yet tabled). */
  async awaitingSignOff(
    plan: PlanState,
    actions: ReportAction[],
  ): Promise<Array<{ panelId: string | null; date: string | null; actions: ReportAction[] }>> {
    const waiting = actions.filter((action) => action.stage === 'submitted');
    const agenda =
      waiting.length === 0
        ? []
        : await this.readModels.db
            .selectFrom('panel_agenda')
            .innerJoin('panels', 'panels.panel_id', 'panel_agenda.panel_id')
            .select(['panel_agenda.panel_id', 'panel_agenda.action_id', 'panels.date'])
            .where('panels.plan_id', '=', plan.planId!)
            .where('panel_agenda.outcome', 'is', null)
            .orderBy('panels.date')
            .execute();
    const groups = new Map<string | null, { panelId: string | null; date: string | null; actions: ReportAction[] }>();
    for (const action of waiting) {
      const tabled = agenda.find((item) => item.action_id === action.actionId);
      const key = tabled?.panel_id ?? null;
      const group = groups.get(key) ?? { panelId: key, date: tabled?.date ?? null, actions: [] };
      group.actions.push(action);
      groups.set(key, group);
    }
    return [...groups.values()];
  }
}

/** A plan's row (and its groupings, when asked for) as a `PlanState`, so the domain's status rules apply unchanged. */
export function planStateOf(row: PlanRow, groupings: GroupingRow[] = []): PlanState {
  return {
    ...initialPlanState,
    stage: row.stage as PlanState['stage'],
    planId: row.plan_id,
    title: row.title,
    quorum: row.quorum,
    warningDays: row.warning_days,
    statusLabels: { ...defaultStatusLabels(), ...(JSON.parse(row.status_labels) as Partial<PlanState['statusLabels']>) },
    ratingScheme: row.rating_scheme ? (JSON.parse(row.rating_scheme) as RatingScheme) : null,
    defaultBasis: (row.default_basis as StatusBasis | null) ?? 'computed',
    approvalToClose: row.approval_to_close ?? null,
    delegatedSignOff: row.delegated_sign_off ? (JSON.parse(row.delegated_sign_off) as string[]) : [],
    groupings: new Map(
      groupings.map((grouping) => [
        grouping.grouping_id,
        { parentId: grouping.parent_id, kind: grouping.kind, references: JSON.parse(grouping.refs) as string[], title: grouping.title },
      ]),
    ),
  };
}

/** Off track or at risk, with the reason and the owner's latest word on it: the "behind schedule" list. */
export const behindSchedule = <A extends Pick<ReportAction, 'status' | 'latestProgress'>>(
  actions: A[],
): Array<A & { mitigation: string | null }> =>
  actions
    .filter((action) => action.status.status === 'off track' || action.status.status === 'at risk')
    .map((action) => ({ ...action, mitigation: action.latestProgress?.commentary ?? null }));

/** What an action's status is computed from, as its row keeps it. */
export function actionStateOf(row: ActionRow): ActionState {
  return {
    ...initialActionState,
    stage: row.stage as ActionState['stage'],
    targetDate: JSON.parse(row.target) as TargetDate,
    startDate: row.start ? (JSON.parse(row.start) as StartDate) : null,
    latestProgress: row.assessment ? { assessment: row.assessment as 'on track', asOf: row.progress_as_of! } : null,
    links: row.duplicate_of ? [{ kind: 'duplicate of', targetActionId: row.duplicate_of }] : [],
    // Complete with no panel nor delegated body: signed off on paper, and the rationale column holds the paper.
    signedOffFromPaper:
      row.stage === 'complete' && row.signed_off_panel === null && !row.signed_off_by_body ? row.signed_off_rationale : null,
    delegatedSignOff: row.signed_off_by_body ?? null,
    approvalToClose: row.approved_to_close_by ? { body: row.approved_to_close_by, authority: row.approved_to_close_authority ?? '' } : null,
  };
}

/** One action as a report lists it, with its status computed for `today`. */
export function reportActionOf(row: ActionRow, plan: PlanState, today: string): ReportAction {
  const state = actionStateOf(row);
  const { targetDate, startDate } = state as { targetDate: TargetDate; startDate: StartDate | null };
  const computed = statusOf(state, today, { warningDays: plan.warningDays, completion: completionRuleOf(plan) });
  return {
    actionId: row.action_id,
    groupingId: row.grouping_id,
    references: JSON.parse(row.refs) as string[],
    description: row.description,
    leadOwners: JSON.parse(row.lead_owners) as Owner[],
    originalTargetDate: JSON.parse(row.original_target) as TargetDate,
    targetDate,
    startDate,
    stage: state.stage,
    status: { ...computed, label: plan.statusLabels[computed.status] },
    latestProgress: row.assessment ? { assessment: row.assessment, asOf: row.progress_as_of!, commentary: row.progress_commentary! } : null,
    rating: row.rating ? { category: row.rating, authority: row.rating_authority } : null,
    duplicateOf: row.duplicate_of,
    signedOff: row.signed_off_panel
      ? { panelId: row.signed_off_panel, at: row.signed_off_at!, rationale: row.signed_off_rationale! }
      : null,
  };
}
