import {
  categoryCounting,
  ratingCategoryFor,
  type CanonicalStatus,
  type RatingCategory,
  type RatingScheme,
  type StatusBasis,
  type TargetDate,
} from '@actionplans/domain';

/** The rating an action carries: its category key, and on whose authority when a plan manager moderated it. */
export interface RecordedRating {
  category: string;
  /** Null for a rating proposed with a progress update. */
  authority: string | null;
}

/** What the summary and the list need of an action to place it on either basis. */
export interface Ratable {
  status: { status: CanonicalStatus; reason: string };
  rating: RecordedRating | null;
  targetDate: TargetDate | null;
}

/** Where one action counts on a basis, and whether that came from its rating or its computed status. */
export interface CountedIn {
  basis: StatusBasis;
  category: string;
  label: string;
  from: 'rating' | 'computed';
}

/** An action whose rating and computed status fall in different categories, and why. */
export interface Disagreement {
  rated: { category: string; label: string };
  computed: { status: CanonicalStatus; category: string; label: string };
  why: string;
}

export const COUNTING_RULES: Record<StatusBasis, string> = {
  computed:
    'Every action raised in the plan counts once, except duplicates and withdrawn actions, in the category of the plan that counts its computed status. ' +
    'Complete means signed off by the evidence challenge panel. An action past its current target date and not complete is off track whatever its owner reports; ' +
    "one within the plan's warning window and not yet submitted is at least at risk; one with no progress before its start date is not due to start. " +
    'Percentages are of the counted actions, to one decimal place.',
  rating:
    'Every action raised in the plan counts once, except duplicates and withdrawn actions, in the category of its latest rating ' +
    "(the owner's, proposed with a progress update, or the plan manager's moderation, whichever came last). An action never rated counts in the " +
    'category of its computed status. No rating says complete without a panel sign-off. Every action whose rating and computed status fall in ' +
    'different categories is listed with why. Percentages are of the counted actions, to one decimal place.',
};

/** The category an action counts in on the basis; null for duplicates and withdrawn actions, which are never counted. */
export function countedIn(scheme: RatingScheme, action: Ratable, basis: StatusBasis): CountedIn | null {
  const computed = categoryCounting(scheme, action.status.status);
  if (!computed) return null;
  const rated = basis === 'rating' && action.rating ? ratingCategoryFor(scheme, action.rating.category) : null;
  const category = rated ?? computed;
  return { basis, category: category.key, label: category.label, from: rated ? 'rating' : 'computed' };
}

/** Null when the action is unrated, not counted, or rated in the category its computed status falls in. */
export function disagreementOf(scheme: RatingScheme, action: Ratable, today: string): Disagreement | null {
  const computed = categoryCounting(scheme, action.status.status);
  const rated = action.rating ? ratingCategoryFor(scheme, action.rating.category) : null;
  if (!computed || !rated || rated.key === computed.key) return null;
  return {
    rated: { category: rated.key, label: rated.label },
    computed: { status: action.status.status, category: computed.key, label: computed.label },
    why: `rated ${rated.label}${action.rating!.authority ? ` (on the authority of ${action.rating!.authority})` : ''}, ${whyComputed(action, computed, today)}`,
  };
}

function whyComputed(action: Ratable, computed: RatingCategory, today: string): string {
  const due = action.targetDate?.due ?? null;
  if (action.status.status === 'off track' && due && today > due) return `${elapsed(due, today)} past its target date of ${longDay(due)}`;
  return `but ${action.status.reason} (${computed.label})`;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** 2023-01-31 → 31 January 2023, as board papers write days. */
export function longDay(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  return `${date} ${MONTHS[month - 1]} ${year}`;
}

/** Whole months from one day to a later one (days when under a month): "4 months", "12 days". */
export function elapsed(from: string, to: string): string {
  const [y1, m1, d1] = from.split('-').map(Number);
  const [y2, m2, d2] = to.split('-').map(Number);
  const months = (y2 - y1) * 12 + (m2 - m1) - (d2 < d1 ? 1 : 0);
  if (months >= 1) return `${months} month${months === 1 ? '' : 's'}`;
  const days = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
  return `${days} day${days === 1 ? '' : 's'}`;
}
