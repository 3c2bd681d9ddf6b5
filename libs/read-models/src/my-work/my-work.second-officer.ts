import {
  awaitsApprovalToClose,
  completionRuleOf,
  conflictsOf,
  managesPlans,
  mayAnswerEntry,
  mayConfirmSignOff,
  mayRecordApprovalToClose,
  ownerUserIds,
  type Actor,
  type Owner,
  type PanelOutcome,
} from '@actionplans/domain';
import type { PlanIndex } from '../plan-index';
import type { ReadModelDb } from '../sql/read-model-db';
import { actionStateOf, planStateOf } from '../sql/report-queries';
import type { ActionRow } from '../sql/tables';
import type { WaitingSignOff, WorkIndex } from '../work-index';
import { inChunks } from './my-work.seats';

/*
 * What waits for a second officer (ADR 33) or for a board's approval (ADR 31). The in-memory index
 * says what waits and who proposed or entered it; the report rows of those actions alone say where
 * they stand and who owns them; the domain's own rules say who may answer. No action's stream is read.
 */

/** A sign-off proposed on an action, waiting for a second officer. */
export interface WorkSignOff {
  actionId: string;
  references: string[];
  description: string;
  kind: WaitingSignOff['kind'];
  proposedBy: string;
  proposedAt: string;
}

/** A plan's sign-offs waiting for a second officer, oldest first. */
export interface WorkSignOffs {
  planId: string;
  planTitle: string;
  count: number;
  signOffs: WorkSignOff[];
}

/** A decision entered from the minutes that the user may confirm or reject. */
export interface WorkDecisionEntry {
  panelId: string;
  decisionId: string;
  meetingTitle: string;
  /** YYYY-MM-DD */
  meetingDate: string;
  planId: string;
  planTitle: string;
  actionId: string;
  references: string[];
  description: string;
  outcome: PanelOutcome;
  decidedBy: string;
  enteredBy: string;
  enteredAt: string;
  /** The minutes name the user as taking it. */
  takenByYou: boolean;
}

/** A plan's actions signed off and waiting for the named body's approval to close. */
export interface WorkApprovals {
  planId: string;
  planTitle: string;
  /** The body whose approval closes them. */
  body: string;
  count: number;
  actions: Array<{ actionId: string; references: string[]; description: string; signedOffAt: string | null }>;
}

type Row = Pick<ActionRow, 'action_id' | 'plan_id' | 'refs' | 'description' | 'stage' | 'lead_owners' | 'supporting_owners'>;
const COLUMNS = ['action_id', 'plan_id', 'refs', 'description', 'stage', 'lead_owners', 'supporting_owners'] as const;
const ownersOf = (row: Row) => ({
  leadOwners: JSON.parse(row.lead_owners) as Owner[],
  supportingOwners: JSON.parse(row.supporting_owners) as Owner[],
});
const byReference = (a: { references: string[] }, b: { references: string[] }) =>
  a.references.join(' ').localeCompare(b.references.join(' '), 'en', { numeric: true });

/** The report rows of `ids`, keyed by action. */
async function rowsOf({ db }: ReadModelDb, ids: string[]): Promise<Map<string, Row>> {
  const rows = await inChunks([...new Set(ids)], (chunk) =>
    db.selectFrom('actions').select(COLUMNS).where('action_id', 'in', chunk).execute(),
  );
  return new Map(rows.map((row) => [row.action_id, row]));
}

/**
 * The sign-offs the user may confirm (a plan manager or admin, not their proposer, nor an owner or
 * the last submitter of the action), and those they proposed that still wait; each by plan. Only
 * actions still open or with the panel are listed, as the plan's page of proposals lists them.
 */
export async function signOffsWaiting(
  readModels: ReadModelDb,
  plans: PlanIndex,
  work: WorkIndex,
  user: Actor,
): Promise<{ toConfirm: WorkSignOffs[]; proposed: WorkSignOffs[] }> {
  const waiting = work.waitingSignOffs();
  const mine = waiting.filter((signOff) => signOff.proposedBy === user.userId);
  const others = managesPlans(user) ? waiting.filter((signOff) => signOff.proposedBy !== user.userId) : [];
  if (!mine.length && !others.length) return { toConfirm: [], proposed: [] };
  const rows = await rowsOf(
    readModels,
    [...mine, ...others].map((signOff) => signOff.actionId),
  );
  const open = (signOff: WaitingSignOff) => ['open', 'submitted'].includes(rows.get(signOff.actionId)?.stage ?? '');
  const confirmable = others.filter((signOff) => {
    const row = rows.get(signOff.actionId);
    return row && mayConfirmSignOff(user, signOff.proposedBy, { ...ownersOf(row), submittedBy: work.submitterOf(signOff.actionId) });
  });
  return {
    toConfirm: byPlan(plans, confirmable.filter(open), rows),
    proposed: byPlan(plans, mine.filter(open), rows),
  };
}

function byPlan(plans: PlanIndex, waiting: WaitingSignOff[], rows: Map<string, Row>): WorkSignOffs[] {
  const grouped = new Map<string, WorkSignOffs>();
  for (const signOff of waiting) {
    const row = rows.get(signOff.actionId)!;
    const group = grouped.get(row.plan_id) ?? {
      planId: row.plan_id,
      planTitle: plans.entry(row.plan_id)?.title ?? row.plan_id,
      count: 0,
      signOffs: [],
    };
    group.signOffs.push({ ...signOff, references: JSON.parse(row.refs) as string[], description: row.description });
    group.count += 1;
    grouped.set(row.plan_id, group);
  }
  return [...grouped.values()].sort((a, b) => a.planTitle.localeCompare(b.planTitle));
}

/**
 * The decisions entered from the minutes that the user may confirm or reject: the member the
 * minutes name as taking it, or anyone managing plans (`mayAnswerEntry`), never whoever entered
 * it, and none conflicted on the action as owner or submitter. Oldest meeting first.
 */
export async function decisionEntriesWaiting(
  readModels: ReadModelDb,
  plans: PlanIndex,
  work: WorkIndex,
  user: Actor,
): Promise<WorkDecisionEntry[]> {
  const entries = work.waitingEntries().filter((entry) => entry.enteredBy !== user.userId && mayAnswerEntry(entry, user));
  if (!entries.length) return [];
  const panelIds = [...new Set(entries.map((entry) => entry.panelId))];
  const [rows, panels] = await Promise.all([
    rowsOf(
      readModels,
      entries.map((entry) => entry.actionId),
    ),
    inChunks(panelIds, (chunk) =>
      readModels.db.selectFrom('panels').select(['panel_id', 'title', 'date']).where('panel_id', 'in', chunk).execute(),
    ),
  ]);
  const meetings = new Map(panels.map((panel) => [panel.panel_id, panel]));
  return entries
    .flatMap((entry) => {
      const row = rows.get(entry.actionId);
      const meeting = meetings.get(entry.panelId);
      if (!row || !meeting) return [];
      const action = { ownerUserIds: ownerUserIds(ownersOf(row)), submittedBy: work.submitterOf(entry.actionId) };
      if (conflictsOf(action, []).has(user.userId)) return [];
      return [
        {
          ...entry,
          outcome: entry.outcome as PanelOutcome,
          meetingTitle: meeting.title,
          meetingDate: meeting.date,
          planId: row.plan_id,
          planTitle: plans.entry(row.plan_id)?.title ?? row.plan_id,
          references: JSON.parse(row.refs) as string[],
          description: row.description,
          takenByYou: entry.decidedBy === user.userId,
        },
      ];
    })
    .sort((a, b) => a.meetingDate.localeCompare(b.meetingDate) || a.enteredAt.localeCompare(b.enteredAt));
}

/**
 * On the plans the user manages that require approval to close (ADR 31): the actions signed off
 * and still waiting for the approval the plan's scheme counts, that the user may record (not an
 * owner or the submitter). By plan, each action in reference order.
 */
export async function approvalsToCloseWaiting(
  { db }: ReadModelDb,
  plans: PlanIndex,
  work: WorkIndex,
  user: Actor,
): Promise<WorkApprovals[]> {
  const managed = managesPlans(user) ? work.plansManagedBy(user.userId) : [];
  const planRows = await inChunks(managed, (chunk) =>
    db.selectFrom('plans').selectAll().where('plan_id', 'in', chunk).where('approval_to_close', 'is not', null).execute(),
  );
  const rules = new Map(planRows.map((row) => [row.plan_id, completionRuleOf(planStateOf(row))]));
  const signedOff = await inChunks([...rules.keys()], (chunk) =>
    db
      .selectFrom('actions')
      .selectAll()
      .where('plan_id', 'in', chunk)
      .where('stage', '=', 'complete')
      .where('approved_to_close_by', 'is', null)
      .execute(),
  );
  const grouped = new Map<string, WorkApprovals>();
  for (const row of signedOff) {
    const rule = rules.get(row.plan_id)!;
    const state = { ...actionStateOf(row), ...ownersOf(row) };
    if (!awaitsApprovalToClose(state, rule)) continue;
    if (!mayRecordApprovalToClose(user, { ...state, submittedBy: work.submitterOf(row.action_id) })) continue;
    const group = grouped.get(row.plan_id) ?? {
      planId: row.plan_id,
      planTitle: plans.entry(row.plan_id)?.title ?? row.plan_id,
      body: rule.approvalToClose!,
      count: 0,
      actions: [],
    };
    group.actions.push({
      actionId: row.action_id,
      references: JSON.parse(row.refs) as string[],
      description: row.description,
      signedOffAt: row.signed_off_at,
    });
    group.count += 1;
    grouped.set(row.plan_id, group);
  }
  for (const group of grouped.values()) group.actions.sort(byReference);
  return [...grouped.values()].sort((a, b) => a.planTitle.localeCompare(b.planTitle));
}
