import { sql } from 'kysely';
import type { StandingPanelMember } from '@actionplans/domain';
import type { PlanIndex } from '../plan-index';
import type { ReadModelDb } from '../sql/read-model-db';
import type { PanelMeetingLine } from './panel-meetings.query';

/** A standing panel as the list shows it. */
export interface StandingPanelLine {
  standingPanelId: string;
  name: string;
  termsOfReference: string;
  quorum: number;
  members: StandingPanelMember[];
  plans: Array<{ planId: string; title: string }>;
}

/** Which meetings `GET /panels` lists; days are YYYY-MM-DD, both ends included. */
export interface MeetingFilter {
  standingPanelId?: string;
  planId?: string;
  from?: string;
  to?: string;
  order: 'newest' | 'oldest';
}

/** A meeting in the list: of one plan, or of a standing panel and every plan it serves now. */
export interface MeetingLine extends PanelMeetingLine {
  standingPanelId: string | null;
  /** The plans whose actions it may table: its own plan, or those its standing panel serves now. */
  planIds: string[];
}

/** Standing panels and the meetings of every panel, from the report tables. */
export class StandingPanelsQuery {
  constructor(
    private readonly readModels: ReadModelDb,
    private readonly plans: PlanIndex,
  ) {}

  /** Every standing panel, by name. */
  async standingPanels(): Promise<StandingPanelLine[]> {
    const rows = await this.readModels.db.selectFrom('standing_panels').selectAll().orderBy('name').execute();
    return rows.map((row) => ({
      standingPanelId: row.standing_panel_id,
      name: row.name,
      termsOfReference: row.terms_of_reference,
      quorum: Number(row.quorum),
      members: JSON.parse(row.members) as StandingPanelMember[],
      plans: (JSON.parse(row.plan_ids) as string[]).map((planId) => ({ planId, title: this.planTitle(planId) })),
    }));
  }

  /**
   * The meetings matching the filter, by date (then title). A standing panel's meeting matches
   * each plan its panel serves now, as well as the plan it was scheduled under.
   */
  async meetings(filter: MeetingFilter): Promise<MeetingLine[]> {
    const { db } = this.readModels;
    const served = new Map((await this.standingPanels()).map((panel) => [panel.standingPanelId, panel.plans.map((plan) => plan.planId)]));
    const serving = filter.planId ? [...served].filter(([, planIds]) => planIds.includes(filter.planId!)).map(([id]) => id) : [];
    let query = db.selectFrom('panels').select(['panel_id', 'plan_id', 'standing_panel_id', 'title', 'date', 'chair']);
    if (filter.standingPanelId) query = query.where('standing_panel_id', '=', filter.standingPanelId);
    if (filter.planId)
      query = query.where((eb) =>
        eb.or([eb('plan_id', '=', filter.planId!), ...(serving.length ? [eb('standing_panel_id', 'in', serving)] : [])]),
      );
    if (filter.from) query = query.where('date', '>=', filter.from);
    if (filter.to) query = query.where('date', '<=', filter.to);
    const direction = filter.order === 'newest' ? 'desc' : 'asc';
    const panels = await query.orderBy('date', direction).orderBy('title', direction).orderBy('panel_id').execute();
    const counts = await this.agendaCounts(panels.map((panel) => panel.panel_id));
    return panels.map((panel) => ({
      panelId: panel.panel_id,
      planId: panel.plan_id,
      planTitle: this.planTitle(panel.plan_id),
      standingPanelId: panel.standing_panel_id ?? null,
      planIds: (panel.standing_panel_id && served.get(panel.standing_panel_id)) || [panel.plan_id],
      title: panel.title,
      date: panel.date,
      chair: panel.chair,
      tabled: counts.get(panel.panel_id)?.tabled ?? 0,
      decided: counts.get(panel.panel_id)?.decided ?? 0,
    }));
  }

  private async agendaCounts(panelIds: string[]): Promise<Map<string, { tabled: number; decided: number }>> {
    const counts = new Map<string, { tabled: number; decided: number }>();
    for (let at = 0; at < panelIds.length; at += 500) {
      const rows = await this.readModels.db
        .selectFrom('panel_agenda')
        .select([
          'panel_id',
          (eb) => eb.fn.countAll<number>().as('tabled'),
          sql<number>`sum(case when outcome is null then 0 else 1 end)`.as('decided'),
        ])
        .where('panel_id', 'in', panelIds.slice(at, at + 500))
        .groupBy('panel_id')
        .execute();
      for (const row of rows) counts.set(row.panel_id, { tabled: Number(row.tabled), decided: Number(row.decided) });
    }
    return counts;
  }

  private planTitle(planId: string): string {
    return this.plans.entry(planId)?.title ?? planId;
  }
}
