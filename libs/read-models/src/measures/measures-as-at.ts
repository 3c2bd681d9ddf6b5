import type { RecordedEvent } from '@actionplans/event-store';
import { streamAsAt, type HistoryBasis } from '../as-at/timeline';
import { measureLine, measureView, type MeasureLine, type MeasureView } from './measure.view';

/**
 * The measure as at the end of `asAt` (UTC): as the system showed it then (`recorded`), or as we now
 * know it was (`effective`, figures counting from when they were given, however late they were
 * entered). Null when it had not been defined by then.
 */
export function measureAsAt(events: RecordedEvent[], asAt: string, basis: HistoryBasis): MeasureView | null {
  return measureView(streamAsAt(events, asAt, basis));
}

/** A plan's measures as at a day, each with its status and direction of travel then, in the order defined. */
export interface PlanMeasuresAsAt {
  planId: string;
  asAt: string;
  basis: HistoryBasis;
  measures: MeasureLine[];
}

/** The measures of `planId` among the streams given, as at the end of `asAt` on the basis. */
export function planMeasuresAsAt(input: {
  planId: string;
  measureStreams: RecordedEvent[][];
  asAt: string;
  basis: HistoryBasis;
}): PlanMeasuresAsAt {
  const { planId, asAt, basis } = input;
  const measures = input.measureStreams
    .map((events) => measureAsAt(events, asAt, basis))
    .filter((view): view is MeasureView => view !== null && view.planId === planId)
    .map(measureLine);
  return { planId, asAt, basis, measures };
}
