import {
  actionIdOf,
  isActionStream,
  isMeasureStream,
  isPackStream,
  isPanelStream,
  isPlanStream,
  isStandingPanelStream,
  measureIdOf,
  panelIdOf,
  standingPanelIdOf,
} from '@actionplans/domain';
import type { MeasuresReader, ReadModelDb } from '@actionplans/read-models';
import { dayInWords } from '../page/dates';

/**
 * Names a plan's streams as an auditor reads them ("action 1.2", "panel meeting of 14 June 2022",
 * "Standing panel: Children's services evidence challenge panel", "measure EHC plans audited rated
 * good or better", "the pack register") from the report tables, in one query each for the plan's
 * actions, its meetings (a standing panel's too, which may table its actions whichever plan they
 * were scheduled under) and the standing panels; measures, which have no table, from their streams.
 */
export class StreamLabels {
  constructor(
    private readonly readModels: ReadModelDb,
    private readonly measures: MeasuresReader,
  ) {}

  async forPlan(planId: string): Promise<(stream: string) => string> {
    const db = this.readModels.db;
    const [measures, actions, panels, standing] = await Promise.all([
      this.measures.planMeasures(planId),
      db.selectFrom('actions').select(['action_id', 'refs']).where('plan_id', '=', planId).execute(),
      db
        .selectFrom('panels')
        .select(['panel_id', 'title', 'date'])
        .where((row) => row.or([row('plan_id', '=', planId), row('standing_panel_id', 'is not', null)]))
        .execute(),
      db.selectFrom('standing_panels').select(['standing_panel_id', 'name']).execute(),
    ]);
    const actionRefs = new Map(actions.map((row) => [row.action_id, (JSON.parse(row.refs) as string[]).join(', ')]));
    const meetings = new Map(panels.map((row) => [row.panel_id, `${row.title}, ${dayInWords(row.date)}`]));
    const standingPanels = new Map(standing.map((row) => [row.standing_panel_id, row.name]));
    const measureNames = new Map(measures.map((measure) => [measure.measureId, measure.name]));
    return (stream) => {
      if (isPlanStream(stream)) return 'the plan';
      if (isActionStream(stream)) return `action ${actionRefs.get(actionIdOf(stream)) ?? actionIdOf(stream)}`;
      if (isPanelStream(stream)) return `panel meeting ${meetings.get(panelIdOf(stream)) ?? panelIdOf(stream)}`;
      if (isMeasureStream(stream)) return `measure ${measureNames.get(measureIdOf(stream)) ?? measureIdOf(stream)}`;
      if (isPackStream(stream)) return 'the pack register';
      if (isStandingPanelStream(stream))
        return `Standing panel: ${standingPanels.get(standingPanelIdOf(stream)) ?? standingPanelIdOf(stream)}`;
      return stream;
    };
  }
}
