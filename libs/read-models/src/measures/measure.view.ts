import {
  decodeMeasureEvent,
  evolveMeasure,
  initialMeasureState,
  measureStanding,
  type ActualFigure,
  type MeasureDetails,
  type MeasureEvent,
  type MeasureStatus,
  type MeasureTravel,
  type MeasureTarget,
} from '@actionplans/domain';
import type { RecordedEvent } from '@actionplans/event-store';

/** When an entry was recorded, when it took effect, on whose word and from what source. */
export interface Moments {
  recordedAt: string;
  occurredAt: string;
  source: string | null;
  by: string;
}

/** A period's figure as it stands, as first recorded, and each restatement with the figure it replaced. */
export interface ActualView extends ActualFigure {
  period: string;
  periodEnd: string;
  recorded: ActualFigure & Moments;
  restatements: Array<ActualFigure & Moments & { reason: string; replaces: ActualFigure }>;
}

/** A measure with its status and direction of travel: what lists and packs show of it. */
export interface MeasureLine extends MeasureDetails {
  measureId: string;
  planId: string;
  status: MeasureStatus;
  travel: MeasureTravel;
  /** The figure its status stands on (the latest period's), null with no data. */
  latest: { period: string; periodEnd: string; value: number; provisional: boolean } | null;
  /** The target that figure was judged against and the value expected of it then. */
  against: { target: MeasureTarget; expected: number } | null;
}

/** One measure whole: details, status, figures by period (oldest period first) and its history. */
export interface MeasureView extends MeasureLine {
  actuals: ActualView[];
  /** Every event, oldest first, with both moments. */
  history: Array<Moments & { type: MeasureEvent['type']; change: Record<string, unknown> }>;
  version: number;
}

const momentsOf = (event: RecordedEvent): Moments => ({
  recordedAt: event.metadata.recordedAt,
  occurredAt: event.metadata.occurredAt,
  source: typeof event.metadata.source === 'string' ? event.metadata.source : null,
  by: event.metadata.actor.id,
});

/** A measure as its stream (or the part of it an as-at question keeps) tells it; null when it was not defined. */
export function measureView(events: RecordedEvent[]): MeasureView | null {
  const decoded = events.map(decodeMeasureEvent);
  const state = decoded.reduce(evolveMeasure, initialMeasureState);
  if (!state.defined || !state.details || !state.measureId || !state.planId) return null;
  const actuals = actualsOf(decoded);
  const standing = measureStanding(state.details, actuals);
  const latest = standing.latest && {
    period: standing.latest.period,
    periodEnd: standing.latest.periodEnd,
    value: standing.latest.value,
    provisional: standing.latest.provisional,
  };
  return {
    measureId: state.measureId,
    planId: state.planId,
    ...state.details,
    status: standing.status,
    travel: standing.travel,
    latest,
    against: standing.against,
    actuals: [...actuals].sort((a, b) => a.periodEnd.localeCompare(b.periodEnd)),
    history: decoded.map((event) => ({ ...momentsOf(event), type: event.type, change: event.data as Record<string, unknown> })),
    version: events.length,
  };
}

/** The line of a measure, without its figures and history. */
export function measureLine(view: MeasureView): MeasureLine {
  const { actuals: _actuals, history: _history, version: _version, ...line } = view;
  return line;
}

const samePeriod = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

function actualsOf(events: Array<RecordedEvent & MeasureEvent>): ActualView[] {
  const actuals: ActualView[] = [];
  for (const event of events) {
    if (event.type === 'ActualRecorded') {
      const { period, periodEnd, value, provisional, note } = event.data;
      actuals.push({
        period,
        periodEnd,
        value,
        provisional,
        note,
        recorded: { value, provisional, note, ...momentsOf(event) },
        restatements: [],
      });
    }
    if (event.type === 'ActualRestated') {
      const actual = actuals.find((found) => samePeriod(found.period, event.data.period));
      if (!actual) continue;
      const { value, provisional, note, reason, replaces } = event.data;
      Object.assign(actual, { value, provisional, note });
      actual.restatements.push({ value, provisional, note, reason, replaces, ...momentsOf(event) });
    }
  }
  return actuals;
}
