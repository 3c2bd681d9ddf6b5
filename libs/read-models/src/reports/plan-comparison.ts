import type { PlanReport, RatedLine } from './plan-reports';

/** An action's figures on one day: computed status, rating, the category it counts in, and any disagreement. */
export type DayFigures = Pick<RatedLine, 'status' | 'rating' | 'countedIn' | 'disagreement'>;

const figuresOf = (line: RatedLine | undefined): DayFigures | null =>
  line ? { status: line.status, rating: line.rating, countedIn: line.countedIn, disagreement: line.disagreement } : null;

/**
 * The second day of a side-by-side answer ("RAG Jan 23 | RAG May 23"): its summary on the same
 * bases, or `exists: false` when the plan did not exist on that day.
 */
export function comparedSummary(asAt: string, other: PlanReport | null) {
  if (!other) return { asAt, exists: false as const };
  return { asAt, exists: true as const, basis: other.basis, statusBasis: other.statusBasis, summary: other.summary };
}

/**
 * Every action raised by either day, each with `days` keyed by the two days (null: not raised by
 * then). Its other fields are as at the first day, or as at the second for an action raised between.
 */
export function comparedLines(report: PlanReport, compareWith: string, other: PlanReport | null) {
  const first = new Map(report.actions.map((line) => [line.actionId, line]));
  const second = new Map((other?.actions ?? []).map((line) => [line.actionId, line]));
  const later = (other?.actions ?? []).filter((line) => !first.has(line.actionId));
  return [...report.actions, ...later].map((line) => ({
    ...line,
    days: { [report.asAt]: figuresOf(first.get(line.actionId)), [compareWith]: figuresOf(second.get(line.actionId)) },
  }));
}
