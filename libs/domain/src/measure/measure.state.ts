import type { ActualFigure, MeasureDetails, MeasureEvent } from './measure.events';

/** One period's figure as it stands, with every figure it replaced (oldest first) and why. */
export interface ActualState extends ActualFigure {
  period: string;
  periodEnd: string;
  restatements: Array<{ replaced: ActualFigure; reason: string }>;
}

export interface MeasureState {
  defined: boolean;
  measureId: string | null;
  planId: string | null;
  details: MeasureDetails | null;
  /** In the order first recorded. */
  actuals: ActualState[];
}

export const initialMeasureState: MeasureState = { defined: false, measureId: null, planId: null, details: null, actuals: [] };

const samePeriod = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** The period's actual, matched by its label ignoring case and surrounding spaces. */
export const actualFor = (state: Pick<MeasureState, 'actuals'>, period: string) =>
  state.actuals.find((actual) => samePeriod(actual.period, period)) ?? null;

export function evolveMeasure(state: MeasureState, event: MeasureEvent): MeasureState {
  switch (event.type) {
    case 'MeasureDefined': {
      const { measureId, planId, ...details } = event.data;
      return { ...state, defined: true, measureId, planId, details };
    }
    case 'MeasureChanged': {
      const { reason: _reason, ...changes } = event.data;
      return { ...state, details: { ...state.details!, ...changes } };
    }
    case 'ActualRecorded': {
      const { period, periodEnd, value, provisional, note } = event.data;
      return { ...state, actuals: [...state.actuals, { period, periodEnd, value, provisional, note, restatements: [] }] };
    }
    case 'ActualRestated': {
      const { period, value, provisional, note, reason, replaces } = event.data;
      return {
        ...state,
        actuals: state.actuals.map((actual) =>
          samePeriod(actual.period, period)
            ? { ...actual, value, provisional, note, restatements: [...actual.restatements, { replaced: replaces, reason }] }
            : actual,
        ),
      };
    }
  }
}
