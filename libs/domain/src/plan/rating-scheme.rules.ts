import type { CanonicalStatus } from '../action/action.status';
import { DomainError } from '../domain-error';
import type { MeasureAchievement } from '../measure/measure.status';
import { firstOf } from '../rules';
import {
  COMPLETION_STEPS,
  COUNTED_STATUSES,
  RATING_COLOURS,
  RATING_SCHEMES,
  type RatingCategory,
  type RatingScheme,
} from './rating-scheme';

/** Which figure a summary counts: what people rated, or what the engine computes from the facts. */
export type StatusBasis = 'rating' | 'computed';
export const STATUS_BASES: readonly StatusBasis[] = ['rating', 'computed'];

const quoted = (values: readonly string[]) => values.map((value) => `"${value}"`).join(', ');

/** Each refusal a rating scheme or a rating can give, with its stable code. */
export const refuseRating = {
  unknownScheme: (name: string) =>
    new DomainError(
      'RATING.UNKNOWN_SCHEME',
      `ratingScheme "${name}" is not a ready-made scheme: use ${quoted(Object.keys(RATING_SCHEMES))}, or give its categories in full`,
    ),
  noCategories: () => new DomainError('RATING.NO_CATEGORIES', 'ratingScheme: a scheme needs a name and at least one category'),
  invalidCategory: (index: number, why: string) => new DomainError('RATING.INVALID_CATEGORY', `ratingScheme category ${index + 1}: ${why}`),
  repeatedCategory: (what: string) => new DomainError('RATING.CATEGORY_REPEATED', `ratingScheme: ${what} names two categories`),
  unknownState: (key: string, state: string) =>
    new DomainError(
      'RATING.UNKNOWN_STATE',
      `ratingScheme category "${key}" counts "${state}", which is not a counted state: use ${quoted(COUNTED_STATUSES)}`,
    ),
  stateNotCounted: (state: string) =>
    new DomainError(
      'RATING.STATE_NOT_COUNTED',
      `ratingScheme: no category counts "${state}"; every counted state must fall in exactly one category`,
    ),
  stateCountedTwice: (state: string, keys: string[]) =>
    new DomainError(
      'RATING.STATE_COUNTED_TWICE',
      `ratingScheme: "${state}" is counted by ${quoted(keys)}; it must fall in exactly one category`,
    ),
  invalidCompleteAt: (step: unknown) =>
    new DomainError(
      'RATING.INVALID_COMPLETE_AT',
      `ratingScheme completeAt ${JSON.stringify(step)} is not a step: use ${quoted(COMPLETION_STEPS)}`,
    ),
  invalidBasis: (basis: unknown) =>
    new DomainError('RATING.INVALID_BASIS', `defaultBasis ${JSON.stringify(basis)} is not a basis: use "rating" or "computed"`),
  unknownCategory: (rating: string, scheme: RatingScheme) =>
    new DomainError(
      'RATING.UNKNOWN_CATEGORY',
      `rating "${rating}" is not a category of the plan's scheme ${scheme.name}: use ${quoted(scheme.categories.map((c) => c.key))}`,
    ),
  completeWithoutSignOff: (label: string) =>
    new DomainError(
      'RATING.COMPLETE_WITHOUT_SIGN_OFF',
      `rating "${label}" says complete, but only a panel sign-off completes an action and this one is not signed off`,
    ),
  measuresNotAchieved: (label: string, measures: MeasureAchievement[]) =>
    new DomainError(
      'RATING.MEASURES_NOT_ACHIEVED',
      `rating "${label}" requires the action's impact measures achieved: ${measures
        .map((m) => `"${m.name}" (${m.measureId}) is ${m.status === 'achieved' ? 'achieved only on a provisional figure' : m.status}`)
        .join('; ')}`,
    ),
  completeWithoutApproval: (label: string, body: string) =>
    new DomainError(
      'RATING.COMPLETE_WITHOUT_APPROVAL',
      `rating "${label}" says complete, but this plan counts an action complete only once ${body} approves closure`,
    ),
};

/** A preset's name or a scheme given in full, made whole and checked; a coded refusal otherwise. */
export function resolveRatingScheme(given: string | RatingScheme): RatingScheme | DomainError {
  if (typeof given === 'string') return RATING_SCHEMES[given.trim()] ?? refuseRating.unknownScheme(given);
  if (typeof given !== 'object' || given === null || !Array.isArray(given.categories) || given.categories.length === 0)
    return refuseRating.noCategories();
  if (typeof given.name !== 'string' || given.name.trim() === '') return refuseRating.noCategories();
  const notObject = given.categories.findIndex((c) => typeof c !== 'object' || c === null || Array.isArray(c));
  if (notObject >= 0) return refuseRating.invalidCategory(notObject, 'give it as { key, label, colour, meaning, counts }');
  if (given.completeAt !== undefined && !COMPLETION_STEPS.includes(given.completeAt))
    return refuseRating.invalidCompleteAt(given.completeAt);
  const flag = given.categories.findIndex(
    (c) => c.requiresMeasuresAchieved !== undefined && typeof c.requiresMeasuresAchieved !== 'boolean',
  );
  if (flag >= 0) return refuseRating.invalidCategory(flag, 'requiresMeasuresAchieved must be true or false');
  const scheme: RatingScheme = {
    name: given.name.trim(),
    categories: given.categories.map(({ requiresMeasuresAchieved, ...c }) => ({
      ...c,
      key: text(c.key),
      label: text(c.label),
      meaning: text(c.meaning),
      // Kept only when true, so a scheme stored before measures reads back the same.
      ...(requiresMeasuresAchieved === true ? { requiresMeasuresAchieved: true } : {}),
    })),
    // Kept only when given, so a scheme stored before two-step completion reads back the same.
    ...(given.completeAt ? { completeAt: given.completeAt } : {}),
  };
  return (
    firstOf(...scheme.categories.map(categoryValid), distinct(scheme, 'key'), distinct(scheme, 'label'), countsEachOnce(scheme)) ?? scheme
  );
}

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

function categoryValid(c: RatingCategory, index: number): DomainError | null {
  if (c.key === '' || c.key.length > 100) return refuseRating.invalidCategory(index, 'key must be 1 to 100 characters');
  if (c.label === '' || c.label.length > 200) return refuseRating.invalidCategory(index, 'label must be 1 to 200 characters');
  if (!RATING_COLOURS.includes(c.colour)) return refuseRating.invalidCategory(index, `colour must be one of ${quoted(RATING_COLOURS)}`);
  if (c.meaning.length > 1000) return refuseRating.invalidCategory(index, 'meaning must be at most 1000 characters');
  if (!Array.isArray(c.counts) || c.counts.length === 0) return refuseRating.invalidCategory(index, 'counts must name at least one state');
  const unknown = c.counts.find((state) => !COUNTED_STATUSES.includes(state));
  return unknown === undefined ? null : refuseRating.unknownState(c.key, String(unknown));
}

function distinct(scheme: RatingScheme, field: 'key' | 'label'): DomainError | null {
  const seen = new Set<string>();
  for (const c of scheme.categories) {
    const value = c[field].toLowerCase();
    if (seen.has(value)) return refuseRating.repeatedCategory(`${field} "${c[field]}"`);
    seen.add(value);
  }
  return null;
}

/** Every counted state falls in exactly one category, so a summary's rows add up to the counted actions. */
function countsEachOnce(scheme: RatingScheme): DomainError | null {
  const counting = (state: CanonicalStatus) => scheme.categories.filter((c) => c.counts.includes(state)).map((c) => c.key);
  return firstOf(
    ...COUNTED_STATUSES.map((state) => {
      const keys = counting(state);
      if (keys.length === 0) return refuseRating.stateNotCounted(state);
      return keys.length > 1 ? refuseRating.stateCountedTwice(state, keys) : null;
    }),
  );
}

export const basisValid = (basis: unknown) =>
  basis === undefined || STATUS_BASES.includes(basis as StatusBasis) ? null : refuseRating.invalidBasis(basis);
