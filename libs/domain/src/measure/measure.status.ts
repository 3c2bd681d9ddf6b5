import type { Baseline, MeasureDirection, MeasureTarget, Tolerance } from './measure.events';

/**
 * Where a measure stands on its latest figure (ADR 36): its final target met (`achieved`), on or
 * ahead of the line from the baseline to the target it is working towards (`on track`, green),
 * short of it by no more than its amber tolerance (`amber`), further short (`red`), or no figure yet.
 */
export type MeasureStatus = 'achieved' | 'on track' | 'amber' | 'red' | 'no data';
export const MEASURE_STATUSES: readonly MeasureStatus[] = ['achieved', 'on track', 'amber', 'red', 'no data'];

/** Its direction of travel: the latest figure against the one before it (or the baseline), in the direction that is better. */
export type MeasureTravel = 'improving' | 'worsening' | 'unchanged' | 'no data';

/** What status and travel are computed from: a figure for a period ending on a day. */
export interface Figure {
  periodEnd: string;
  value: number;
  provisional: boolean;
}

export interface MeasureBasis {
  direction: MeasureDirection;
  baseline: Baseline;
  targets: MeasureTarget[];
  tolerance: Tolerance;
}

export interface MeasureStanding<F extends Figure = Figure> {
  status: MeasureStatus;
  travel: MeasureTravel;
  /** The figure it stands on (the latest period's), null with no data. */
  latest: F | null;
  /** The target the latest figure was judged against, and the value expected of it on its period's last day. */
  against: { target: MeasureTarget; expected: number } | null;
}

// Figures are typed from papers to one or two decimal places; interpolation must not make 75 miss 75.
const EPSILON = 1e-9;
const DAY_MS = 86_400_000;

/** Whether `value` is at least as good as `wanted` in the measure's better direction. */
export const meets = (direction: MeasureDirection, value: number, wanted: number) =>
  direction === 'higher' ? value >= wanted - EPSILON : value <= wanted + EPSILON;

/** How far `value` falls short of `wanted` in the better direction (0 when it meets it). */
export const shortfall = (direction: MeasureDirection, value: number, wanted: number) =>
  Math.max(0, direction === 'higher' ? wanted - value : value - wanted);

const dayNumber = (day: string) => Date.parse(`${day}T00:00:00.000Z`) / DAY_MS;

/**
 * The target a figure for a period ending on `day` is judged against, and the value expected of it
 * then: on the straight line from the previous point (the baseline, or the target before) to the
 * first target due on or after that day; after the last target's day, the last target itself.
 */
export function expectedOn(basis: Pick<MeasureBasis, 'baseline' | 'targets'>, day: string): { target: MeasureTarget; expected: number } {
  const targets = [...basis.targets].sort((a, b) => a.by.localeCompare(b.by));
  const next = targets.findIndex((target) => target.by >= day);
  if (next === -1) {
    const last = targets[targets.length - 1];
    return { target: last, expected: last.value };
  }
  const target = targets[next];
  const from =
    next === 0 ? { value: basis.baseline.value, day: basis.baseline.date } : { value: targets[next - 1].value, day: targets[next - 1].by };
  const span = dayNumber(target.by) - dayNumber(from.day);
  const share = span <= 0 ? 1 : Math.min(1, Math.max(0, (dayNumber(day) - dayNumber(from.day)) / span));
  return { target, expected: from.value + (target.value - from.value) * share };
}

/** Status and direction of travel from the figures as they stand (restated figures replaced). */
export function measureStanding<F extends Figure>(basis: MeasureBasis, figures: readonly F[]): MeasureStanding<F> {
  const ordered = [...figures].sort((a, b) => a.periodEnd.localeCompare(b.periodEnd));
  const latest = ordered[ordered.length - 1] ?? null;
  if (latest === null || basis.targets.length === 0) return { status: 'no data', travel: 'no data', latest, against: null };
  const previous = ordered.length > 1 ? ordered[ordered.length - 2].value : basis.baseline.value;
  const travel = travelBetween(basis.direction, previous, latest.value);
  const final = [...basis.targets].sort((a, b) => a.by.localeCompare(b.by))[basis.targets.length - 1];
  if (meets(basis.direction, latest.value, final.value))
    return { status: 'achieved', travel, latest, against: { target: final, expected: final.value } };
  const against = expectedOn(basis, latest.periodEnd);
  const gap = shortfall(basis.direction, latest.value, against.expected);
  const status: MeasureStatus = gap <= EPSILON ? 'on track' : gap <= basis.tolerance.amberWithin + EPSILON ? 'amber' : 'red';
  return { status, travel, latest, against };
}

function travelBetween(direction: MeasureDirection, before: number, after: number): MeasureTravel {
  if (Math.abs(after - before) <= EPSILON) return 'unchanged';
  return meets(direction, after, before) ? 'improving' : 'worsening';
}

/** The colour a status is shown in, as the scorecards print it. */
export const statusColour = (status: MeasureStatus) =>
  ({ achieved: 'blue', 'on track': 'green', amber: 'amber', red: 'red', 'no data': 'grey' })[status];

/** Whether a measure an action serves is achieved, as a rating into a category requiring it needs (ADR 36). */
export interface MeasureAchievement {
  measureId: string;
  name: string;
  status: MeasureStatus;
  provisional: boolean;
}

/** Achieved on a figure that is not provisional. */
export const isAchieved = (measure: MeasureAchievement) => measure.status === 'achieved' && !measure.provisional;
