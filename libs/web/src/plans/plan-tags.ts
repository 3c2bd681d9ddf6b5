import { categoryCounting, ratingCategoryFor, type RatingScheme } from '@actionplans/domain';
import type { RatedLine } from '@actionplans/read-models';
import { ratingColourClass, type Tag } from '../page/tags';

export type { Tag };

/** The rating in its category's words and colour; null when never rated. */
export function ratingTag(scheme: RatingScheme, rating: RatedLine['rating']): Tag | null {
  if (!rating) return null;
  const category = ratingCategoryFor(scheme, rating.category);
  return { text: category?.label ?? rating.category, classes: ratingColourClass(category?.colour) };
}

/** The computed status in the plan's words, coloured as the category it counts in (grey when not counted). */
export function statusTag(scheme: RatingScheme, status: RatedLine['status']): Tag {
  return { text: status.label, classes: ratingColourClass(categoryCounting(scheme, status.status)?.colour) };
}
