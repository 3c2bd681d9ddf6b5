import { Inject, Injectable } from '@nestjs/common';
import { measureStream } from '@actionplans/domain';
import { EVENT_STORE, type ConfiguredEventStore } from '@actionplans/event-store';
import { endOfDay, type HistoryBasis } from '../as-at/timeline';
import { LiveIndex } from '../live-index';
import { PlanIndex } from '../plan-index';
import { measureLine, measureView, type MeasureLine, type MeasureView } from './measure.view';
import { measureAsAt, planMeasuresAsAt, type PlanMeasuresAsAt } from './measures-as-at';

/** Reads measures straight from their streams, now or as at a day; a plan's measures through the plan index. */
@Injectable()
export class MeasuresReader {
  constructor(
    @Inject(EVENT_STORE) private readonly store: ConfiguredEventStore,
    private readonly plans: PlanIndex,
    private readonly index: LiveIndex,
  ) {}

  /** One measure as it stands now, or as at the end of a day on a basis; null when there was none. */
  async measure(measureId: string, asAt?: { day: string; basis: HistoryBasis }): Promise<MeasureView | null> {
    const events = await this.store.readStream(measureStream(measureId));
    return asAt ? measureAsAt(events, asAt.day, asAt.basis) : measureView(events);
  }

  /** The plan's measures as they stand now, each with its status and direction of travel. */
  async planMeasures(planId: string): Promise<MeasureLine[]> {
    const views = await Promise.all((await this.measureIds(planId)).map((id) => this.measure(id)));
    return views.filter((view): view is MeasureView => view !== null && view.planId === planId).map(measureLine);
  }

  /**
   * A plan's measures with their status and direction of travel as at the end of `day` (UTC), on
   * the `effective` or `recorded` clock: what a committee pack prints. Refuses a day that is not
   * YYYY-MM-DD with `HISTORY.INVALID_DATE`.
   */
  async plansMeasuresAsAt(planId: string, day: string, basis: HistoryBasis): Promise<PlanMeasuresAsAt> {
    endOfDay(day);
    const ids = await this.measureIds(planId);
    const measureStreams = await this.store.readStreams(ids.map(measureStream));
    return planMeasuresAsAt({ planId, measureStreams, asAt: day, basis });
  }

  private async measureIds(planId: string): Promise<string[]> {
    // A measure defined just before this read must be listed: wait for the index to reach it.
    await this.index.catchUpToHead(5_000);
    return this.plans.entry(planId)?.measureIds ?? [];
  }
}
