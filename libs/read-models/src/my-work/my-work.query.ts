import { managesPlans, type Actor, type PanelOutcome, type PlanState, type ReportingMeeting } from '@actionplans/domain';
import type { PlanIndex } from '../plan-index';
import type { ReadModelDb } from '../sql/read-model-db';
import { actionStateOf, planStateOf, reportActionOf } from '../sql/report-queries';
import type { ActionRow } from '../sql/tables';
import type { WorkIndex } from '../work-index';
import { inChunks, panelsSatOn, pendingRevisions, type WorkPanel, type WorkRevision } from './my-work.seats';
import {
  approvalsToCloseWaiting,
  decisionEntriesWaiting,
  signOffsWaiting,
  type WorkApprovals,
  type WorkDecisionEntry,
  type WorkSignOffs,
} from './my-work.second-officer';
import { byUrgency, WORK_CATEGORIES, workLineOf, type SentBack, type WorkCategory, type WorkLine } from './my-work.lines';

/**
 * One person's work: what is asked of them on their actions, their panel meetings, the revisions
 * they may approve, and what waits for them as a second officer or for a board's approval.
 */
export interface MyWork {
  userId: string;
  /** The day statuses and requests are worked out for. */
  today: string;
  actions: WorkLine[];
  /** How many actions fall in each category, every category shown. */
  counts: Record<WorkCategory, number>;
  /** Upcoming meetings first, soonest first; then past ones, latest first. */
  panels: WorkPanel[];
  /** For plan managers (and admins): pending revisions on the plans they manage, oldest first. */
  revisions: WorkRevision[];
  /** Sign-offs proposed by someone else that the user may confirm (ADR 33), by plan. */
  signOffsToConfirm: WorkSignOffs[];
  /** Sign-offs the user proposed, still waiting for a second officer, by plan. */
  signOffsProposed: WorkSignOffs[];
  /** Decisions entered from the minutes by someone else that the user may confirm or reject (ADR 33), oldest meeting first. */
  decisionEntries: WorkDecisionEntry[];
  /** On the plans the user manages, actions signed off and waiting for approval to close (ADR 31), by plan. */
  approvalsToClose: WorkApprovals[];
}

/**
 * A person's work list, from the in-memory index (what they own, sit on and manage) and the report
 * tables (each action's row, its plan, its latest update and panel decision): a handful of keyed
 * reads, however long the log.
 */
export class MyWorkQuery {
  constructor(
    private readonly readModels: ReadModelDb,
    private readonly plans: PlanIndex,
    private readonly work: WorkIndex,
  ) {}

  async of(user: Actor, today: string): Promise<MyWork> {
    const { readModels, plans, work } = this;
    const [actions, panels, revisions, signOffs, decisionEntries, approvalsToClose] = await Promise.all([
      this.actions(user.userId, today),
      panelsSatOn(readModels, plans, user.userId, work.panelsOf(user.userId), today),
      managesPlans(user) ? pendingRevisions(readModels, plans, work.plansManagedBy(user.userId)) : [],
      signOffsWaiting(readModels, plans, work, user),
      decisionEntriesWaiting(readModels, plans, work, user),
      approvalsToCloseWaiting(readModels, plans, work, user),
    ]);
    const counts = Object.fromEntries(WORK_CATEGORIES.map((category) => [category, 0])) as Record<WorkCategory, number>;
    for (const line of actions) counts[line.category] += 1;
    const { toConfirm: signOffsToConfirm, proposed: signOffsProposed } = signOffs;
    return {
      userId: user.userId,
      today,
      actions,
      counts,
      panels,
      revisions,
      signOffsToConfirm,
      signOffsProposed,
      decisionEntries,
      approvalsToClose,
    };
  }

  private async actions(userId: string, today: string): Promise<WorkLine[]> {
    const ids = this.work.actionsOwnedBy(userId);
    const { db } = this.readModels;
    const rows = await inChunks(ids, (chunk) => db.selectFrom('actions').selectAll().where('action_id', 'in', chunk).execute());
    if (rows.length === 0) return [];
    const planIds = [...new Set(rows.map((row) => row.plan_id))];
    const [plans, meetings, updates, sentBack] = await Promise.all([
      this.planStates(planIds),
      this.meetings(planIds),
      this.lastUpdates(ids),
      this.sentBack(ids),
    ]);
    const lines = rows.flatMap((row) => {
      const plan = plans.get(row.plan_id);
      if (!plan) return [];
      const facts = {
        plan,
        reminderPolicy: this.plans.entry(row.plan_id)?.reminderPolicy ?? plan.reminderPolicy,
        meetings: meetings.get(row.plan_id) ?? [],
        lastUpdateOn: updates.get(row.action_id) ?? null,
        sentBack: sentBack.get(row.action_id) ?? null,
        raisedOn: row.raised_at.slice(0, 10),
      };
      return [workLineOf(reportActionOf(row, plan, today), actionStateOf(row), ownedAs(row, userId), facts, today)];
    });
    return lines.sort(byUrgency);
  }

  private async planStates(planIds: string[]): Promise<Map<string, PlanState>> {
    const rows = await this.readModels.db.selectFrom('plans').selectAll().where('plan_id', 'in', planIds).execute();
    return new Map(rows.map((row) => [row.plan_id, planStateOf(row)]));
  }

  /** Each plan's panel meetings and board dates, as the reminder policy takes them. */
  private async meetings(planIds: string[]): Promise<Map<string, ReportingMeeting[]>> {
    const panels = await this.readModels.db
      .selectFrom('panels')
      .select(['panel_id', 'plan_id', 'date'])
      .where('plan_id', 'in', planIds)
      .execute();
    const byPlan = new Map<string, ReportingMeeting[]>();
    for (const planId of planIds)
      byPlan.set(
        planId,
        (this.plans.entry(planId)?.boardDates ?? []).map((date) => ({ kind: 'board' as const, id: date, date })),
      );
    for (const panel of panels) byPlan.get(panel.plan_id)?.push({ kind: 'panel', id: panel.panel_id, date: panel.date });
    return byPlan;
  }

  /** The day each action's latest progress update was recorded. */
  private async lastUpdates(actionIds: string[]): Promise<Map<string, string>> {
    const rows = await inChunks(actionIds, (chunk) =>
      this.readModels.db
        .selectFrom('progress_updates')
        .select(['action_id', (eb) => eb.fn.max('recorded_at').as('last')])
        .where('action_id', 'in', chunk)
        .groupBy('action_id')
        .execute(),
    );
    return new Map(rows.map((row) => [row.action_id, String(row.last).slice(0, 10)]));
  }

  /** Each action's latest panel decision that settled anything (a deferral does not), when it sent the action back. */
  private async sentBack(actionIds: string[]): Promise<Map<string, SentBack>> {
    const rows = await inChunks(actionIds, (chunk) =>
      this.readModels.db
        .selectFrom('panel_agenda')
        .select(['panel_id', 'action_id', 'outcome', 'rationale', 'challenge_points', 'decided_at'])
        .where('action_id', 'in', chunk)
        .where('outcome', 'is not', null)
        .where('outcome', '!=', 'deferred')
        .orderBy('decided_at')
        .execute(),
    );
    const latest = new Map(rows.map((row) => [row.action_id, row]));
    const sentBack = new Map<string, SentBack>();
    for (const [actionId, row] of latest) {
      if (row.outcome === 'signed off') continue;
      sentBack.set(actionId, {
        panelId: row.panel_id,
        outcome: row.outcome as PanelOutcome,
        rationale: row.rationale ?? '',
        challengePoints: JSON.parse(row.challenge_points ?? '[]') as string[],
        decidedAt: row.decided_at!,
      });
    }
    return sentBack;
  }
}

/** Lead if any lead owner is linked to the user; supporting otherwise. */
function ownedAs(row: ActionRow, userId: string): WorkLine['ownedAs'] {
  return (JSON.parse(row.lead_owners) as Array<{ userId?: string }>).some((owner) => owner.userId === userId) ? 'lead' : 'supporting';
}
