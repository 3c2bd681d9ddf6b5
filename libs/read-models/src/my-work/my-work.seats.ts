import type { TargetDate } from '@actionplans/domain';
import { sql } from 'kysely';
import type { PlanIndex } from '../plan-index';
import type { ReadModelDb } from '../sql/read-model-db';

/** A panel meeting the user sits on. */
export interface WorkPanel {
  panelId: string;
  planId: string;
  planTitle: string;
  title: string;
  /** YYYY-MM-DD */
  date: string;
  seat: 'chair' | 'member';
  /** Actions tabled at it, and those of them still to be decided. */
  tabled: number;
  undecided: number;
  upcoming: boolean;
}

/** A target-date revision an owner asked for, waiting for the plan manager's approval. */
export interface WorkRevision {
  revisionId: string;
  actionId: string;
  planId: string;
  planTitle: string;
  references: string[];
  description: string;
  originalTargetDate: TargetDate;
  targetDate: TargetDate;
  proposed: TargetDate;
  reason: string;
  requestedBy: string;
  requestedAt: string;
}

const CHUNK = 500;

/** Reads `ids` a chunk at a time: SQL bounds how many values one `in` list may carry. */
export async function inChunks<T>(ids: string[], read: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const rows: T[] = [];
  for (let at = 0; at < ids.length; at += CHUNK) rows.push(...(await read(ids.slice(at, at + CHUNK))));
  return rows;
}

/** The meetings `ids` (those the user sits on): upcoming first, soonest first; then past ones, latest first. */
export async function panelsSatOn(
  { db }: ReadModelDb,
  plans: PlanIndex,
  userId: string,
  ids: string[],
  today: string,
): Promise<WorkPanel[]> {
  const [panels, agenda] = await Promise.all([
    inChunks(ids, (chunk) =>
      db.selectFrom('panels').select(['panel_id', 'plan_id', 'title', 'date', 'chair']).where('panel_id', 'in', chunk).execute(),
    ),
    inChunks(ids, (chunk) =>
      db
        .selectFrom('panel_agenda')
        .select([
          'panel_id',
          (eb) => eb.fn.countAll<number>().as('tabled'),
          sql<number>`sum(case when outcome is null then 1 else 0 end)`.as('undecided'),
        ])
        .where('panel_id', 'in', chunk)
        .groupBy('panel_id')
        .execute(),
    ),
  ]);
  const counts = new Map(agenda.map((row) => [row.panel_id, row]));
  const lines = panels.map((panel) => ({
    panelId: panel.panel_id,
    planId: panel.plan_id,
    planTitle: plans.entry(panel.plan_id)?.title ?? panel.plan_id,
    title: panel.title,
    date: panel.date,
    seat: panel.chair === userId ? ('chair' as const) : ('member' as const),
    tabled: Number(counts.get(panel.panel_id)?.tabled ?? 0),
    undecided: Number(counts.get(panel.panel_id)?.undecided ?? 0),
    upcoming: panel.date >= today,
  }));
  const upcoming = lines.filter((line) => line.upcoming).sort((a, b) => a.date.localeCompare(b.date));
  const past = lines.filter((line) => !line.upcoming).sort((a, b) => b.date.localeCompare(a.date));
  return [...upcoming, ...past];
}

/** The revisions pending on the actions of `planIds` (the plans the user manages), oldest first. */
export async function pendingRevisions({ db }: ReadModelDb, plans: PlanIndex, planIds: string[]): Promise<WorkRevision[]> {
  const rows = await inChunks(planIds, (chunk) =>
    db
      .selectFrom('target_date_revisions as r')
      .innerJoin('actions as a', 'a.action_id', 'r.action_id')
      .select(['r.revision_id', 'r.action_id', 'r.proposed', 'r.reason', 'r.requested_by', 'r.requested_at'])
      .select(['a.plan_id', 'a.refs', 'a.description', 'a.target', 'a.original_target'])
      .where('r.state', '=', 'pending')
      .where('a.plan_id', 'in', chunk)
      .execute(),
  );
  return rows
    .map((row) => ({
      revisionId: row.revision_id,
      actionId: row.action_id,
      planId: row.plan_id,
      planTitle: plans.entry(row.plan_id)?.title ?? row.plan_id,
      references: JSON.parse(row.refs) as string[],
      description: row.description,
      originalTargetDate: JSON.parse(row.original_target) as TargetDate,
      targetDate: JSON.parse(row.target) as TargetDate,
      proposed: JSON.parse(row.proposed) as TargetDate,
      reason: row.reason,
      requestedBy: row.requested_by,
      requestedAt: row.requested_at,
    }))
    .sort((a, b) => a.requestedAt.localeCompare(b.requestedAt));
}
