import { categoryCounting, ratingCategoryFor, type RatingColour, type RatingScheme } from '@actionplans/domain';
import type { RatedLine } from '@actionplans/read-models';

/** A GOV.UK tag: its words and its colour class. */
export interface Tag {
  text: string;
  classes: string;
}

/** GOV.UK Frontend's tag colours for a scheme's colours; black and white have classes of our own (application.scss). */
const TAG_CLASSES: Record<RatingColour, string> = {
  blue: 'govuk-tag--blue',
  green: 'govuk-tag--green',
  amber: 'govuk-tag--orange',
  red: 'govuk-tag--red',
  grey: 'govuk-tag--grey',
  purple: 'govuk-tag--purple',
  black: 'app-tag--black',
  white: 'app-tag--white',
};

export const tagClassOf = (colour: RatingColour | undefined): string => TAG_CLASSES[colour ?? 'grey'];

/** The rating in its category's words and colour; null when never rated. */
export function ratingTag(scheme: RatingScheme, rating: RatedLine['rating']): Tag | null {
  if (!rating) return null;
  const category = ratingCategoryFor(scheme, rating.category);
  return { text: category?.label ?? rating.category, classes: tagClassOf(category?.colour) };
}

/** The computed status in the plan's words, coloured as the category it counts in (grey when not counted). */
export function statusTag(scheme: RatingScheme, status: RatedLine['status']): Tag {
  return { text: status.label, classes: tagClassOf(categoryCounting(scheme, status.status)?.colour) };
}
