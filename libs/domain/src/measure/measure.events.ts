import type { Owner } from '../action/action.events';

/** Which way a measure should move: up ("increase the number of EHC plans rated good") or down ("reduce exclusions"). */
export type MeasureDirection = 'higher' | 'lower';
export const MEASURE_DIRECTIONS: readonly MeasureDirection[] = ['higher', 'lower'];

/** How often its figures are reported, as the papers' scorecards say ("monthly", "quarterly"). */
export type MeasureFrequency = 'weekly' | 'monthly' | 'quarterly' | 'termly' | 'six-monthly' | 'annually' | 'ad hoc';
export const MEASURE_FREQUENCIES: readonly MeasureFrequency[] = [
  'weekly',
  'monthly',
  'quarterly',
  'termly',
  'six-monthly',
  'annually',
  'ad hoc',
];

/** Where the measure started: "52.5% (June 2021)". */
export interface Baseline {
  value: number;
  /** YYYY-MM-DD. */
  date: string;
}

/** A value to reach by a day: "75% by June 2023". */
export interface MeasureTarget {
  value: number;
  /** YYYY-MM-DD, the last day it may be reached on. */
  by: string;
}

/**
 * How far short of the value expected a figure may fall and still be amber, in the measure's own
 * unit (ADR 36): the scorecards' "Amber 84%+, Green (target) 92%+" is `amberWithin: 8`. Zero: no amber.
 */
export interface Tolerance {
  amberWithin: number;
}

/** Everything a plan manager sets about a measure; links name the plan's groupings and actions it serves. */
export interface MeasureDetails {
  name: string;
  /** "%", "number", "rate per 10,000", "days"… */
  unit: string;
  direction: MeasureDirection;
  baseline: Baseline;
  /** Ascending by `by`; the last is what "achieved" means. */
  targets: MeasureTarget[];
  tolerance: Tolerance;
  frequency: MeasureFrequency;
  /** Where its figures come from ("EHCP audit", "Synergy"); null: not said. */
  source: string | null;
  /** Who reports it: a user, a person in the register, or a named role or team, as action owners are. */
  owner: Owner;
  groupingIds: string[];
  actionIds: string[];
}

/** A figure for one period as first recorded. */
export interface ActualFigure {
  value: number;
  provisional: boolean;
  note: string | null;
}

/** One measure's events (stream `measure-<id>`); `type` values are a stored contract. */
export type MeasureEvent =
  | { type: 'MeasureDefined'; data: { measureId: string; planId: string } & MeasureDetails }
  /** Only what changed, with why. */
  | { type: 'MeasureChanged'; data: Partial<MeasureDetails> & { reason: string } }
  | {
      type: 'ActualRecorded';
      data: ActualFigure & {
        /** The period's label as the scorecard prints it ("Q1 2022/23", "Jan-23"); unique within the measure. */
        period: string;
        /** YYYY-MM-DD: the last day of the period the figure is for. */
        periodEnd: string;
      };
    }
  /** A figure "re-run retrospectively": the new figure, and the one it replaces, kept. */
  | { type: 'ActualRestated'; data: ActualFigure & { period: string; reason: string; replaces: ActualFigure } };

export type MeasureEventType = MeasureEvent['type'];
