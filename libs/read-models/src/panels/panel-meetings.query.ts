import { sql } from 'kysely';
import type { PlanIndex } from '../plan-index';
import type { ReadModelDb } from '../sql/read-model-db';

/** One panel meeting as the list of meetings shows it. */
export interface PanelMeetingLine {
  panelId: string;
  planId: string;
  planTitle: string;
  title: string;
  /** YYYY-MM-DD */
  date: string;
  /** The chair's user id. */
  chair: string;
  /** Actions tabled at it, and how many of them it has decided. */
  tabled: number;
  decided: number;
}

/** Every meeting: those still to come (today's included), soonest first; those held, latest first. */
export interface PanelMeetings {
  upcoming: PanelMeetingLine[];
  past: PanelMeetingLine[];
}

/** An action waiting for a panel's sign-off, as a meeting's agenda is chosen from. */
export interface SubmittedAction {
  actionId: string;
  references: string[];
  description: string;
}

/** The panel meetings and what may be tabled at them, from the report tables. */
export class PanelMeetingsQuery {
  constructor(
    private readonly readModels: ReadModelDb,
    private readonly plans: PlanIndex,
  ) {}

  async meetings(today: string): Promise<PanelMeetings> {
    const { db } = this.readModels;
    const [panels, agenda] = await Promise.all([
      db.selectFrom('panels').select(['panel_id', 'plan_id', 'title', 'date', 'chair']).execute(),
      db
        .selectFrom('panel_agenda')
        .select([
          'panel_id',
          (eb) => eb.fn.countAll<number>().as('tabled'),
          sql<number>`sum(case when outcome is null then 0 else 1 end)`.as('decided'),
        ])
        .groupBy('panel_id')
        .execute(),
    ]);
    const counts = new Map(agenda.map((row) => [row.panel_id, row]));
    const lines = panels.map((panel) => ({
      panelId: panel.panel_id,
      planId: panel.plan_id,
      planTitle: this.plans.entry(panel.plan_id)?.title ?? panel.plan_id,
      title: panel.title,
      date: panel.date,
      chair: panel.chair,
      tabled: Number(counts.get(panel.panel_id)?.tabled ?? 0),
      decided: Number(counts.get(panel.panel_id)?.decided ?? 0),
    }));
    return {
      upcoming: lines.filter((line) => line.date >= today).sort((a, b) => a.date.localeCompare(b.date)),
      past: lines.filter((line) => line.date < today).sort((a, b) => b.date.localeCompare(a.date)),
    };
  }

  /** The plan's actions submitted for sign-off, in the order raised. */
  async submittedActions(planId: string): Promise<SubmittedAction[]> {
    const rows = await this.readModels.db
      .selectFrom('actions')
      .select(['action_id', 'refs', 'description'])
      .where('plan_id', '=', planId)
      .where('stage', '=', 'submitted')
      .orderBy('seq')
      .execute();
    return rows.map((row) => ({ actionId: row.action_id, references: JSON.parse(row.refs) as string[], description: row.description }));
  }
}
