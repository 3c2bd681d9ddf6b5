import { RATING_SCHEMES, ratingSchemeOf, type PlanState, type RatingScheme, type StatusLabels } from '@actionplans/domain';
import type { Form } from './form-context';
import type { FormReader } from './form-reader';
import { schemeTitle } from './manage-views';

/** The settings form's checkboxes: the categories that need the action's impact measures achieved (ADR 36). */
export const MEASURES_FIELD = 'measuresAchieved';

/** The keys of the scheme's categories that need the action's impact measures achieved. */
export const flaggedKeys = (scheme: RatingScheme): string[] =>
  scheme.categories.filter((category) => category.requiresMeasuresAchieved).map((category) => category.key);

/** The plan's categories as GOV.UK checkboxes, ticked as the form stands (the plan's, or what was sent back). */
export function measuresAchievedItems(plan: PlanState, values: Form): Array<{ value: string; text: string; checked: boolean }> {
  const ticked = values[MEASURES_FIELD];
  const keys = Array.isArray(ticked) ? ticked : ticked ? [ticked] : [];
  return ratingSchemeOf(plan).categories.map((category) => ({
    value: category.key,
    text: category.label,
    checked: keys.includes(category.key),
  }));
}

/** The labels of the plan's categories that need measures achieved, for the settings summary. */
export function measuresAchievedWords(plan: PlanState): string {
  const scheme = ratingSchemeOf(plan);
  const labels = scheme.categories.filter((category) => category.requiresMeasuresAchieved).map((category) => category.label);
  return labels.length ? labels.join(', ') : 'None';
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((key) => b.includes(key));

/**
 * The scheme the settings form sends: the ready-made one chosen by name (or none, to keep the
 * plan's), as before, while the ticks match the categories of that scheme already needing measures
 * achieved; otherwise that scheme in full with the ticks applied to the categories of the same key.
 * A scheme with a flag added is no longer the ready-made one, so it goes in full. A tick the chosen
 * scheme has no category for is refused beside the checkboxes rather than dropped.
 */
export function readSchemeAsked(
  read: FormReader,
  plan: PlanState,
  chosen: string,
  labels: StatusLabels,
): { ratingScheme?: string | RatingScheme } {
  const asChosen = chosen ? { ratingScheme: chosen } : {};
  const current = ratingSchemeOf(plan);
  const ticked = read.all(MEASURES_FIELD);
  const unknown = ticked.find((key) => !current.categories.some((category) => category.key === key));
  if (unknown !== undefined) {
    read.fail(MEASURES_FIELD, 'Select only categories of the plan’s own scheme');
    return asChosen;
  }
  // The plan's categories as the form would leave them: its labels serve until it has a scheme of its own.
  const base = (chosen && RATING_SCHEMES[chosen]) || ratingSchemeOf({ ratingScheme: plan.ratingScheme, statusLabels: labels });
  if (sameSet(ticked, flaggedKeys(base))) return asChosen;
  const missing = ticked.filter((key) => !base.categories.some((category) => category.key === key));
  if (missing.length) {
    const names = missing.map((key) => `“${current.categories.find((category) => category.key === key)!.label}”`).join(', ');
    read.fail(
      MEASURES_FIELD,
      `${schemeTitle(chosen)} has no category matching ${names}: save the new scheme first, then tick its categories that need measures achieved`,
    );
    return asChosen;
  }
  return {
    ratingScheme: {
      ...base,
      categories: base.categories.map(({ requiresMeasuresAchieved: _, ...category }) =>
        ticked.includes(category.key) ? { ...category, requiresMeasuresAchieved: true } : category,
      ),
    },
  };
}
