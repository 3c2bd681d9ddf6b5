import type { CanonicalStatus, RatingCategory, RatingColour } from '@actionplans/domain';

/** A GOV.UK tag as govukTag takes it. */
export interface Tag {
  text: string;
  classes: string;
}

// GOV.UK Frontend's tag colours for a scheme's colours; black and white are a board's own, styled in application.scss.
const RATING_CLASSES: Record<RatingColour, string> = {
  blue: 'govuk-tag--blue',
  green: 'govuk-tag--green',
  amber: 'govuk-tag--orange',
  red: 'govuk-tag--red',
  grey: 'govuk-tag--grey',
  purple: 'govuk-tag--purple',
  black: 'app-tag--black',
  white: 'app-tag--white',
};

const STATUS_CLASSES: Record<CanonicalStatus, string> = {
  complete: '',
  'awaiting sign-off': 'govuk-tag--purple',
  'on track': 'govuk-tag--green',
  'at risk': 'govuk-tag--orange',
  'off track': 'govuk-tag--red',
  'not started': 'govuk-tag--grey',
  'not due to start': 'govuk-tag--grey',
  duplicate: 'govuk-tag--grey',
  withdrawn: 'govuk-tag--grey',
};

/** The tag class of a rating scheme's colour; grey when the colour is not known. */
export const ratingColourClass = (colour: RatingColour | undefined): string => RATING_CLASSES[colour ?? 'grey'];

/** A rating in its plan's own label and colour. */
export const ratingTag = (category: Pick<RatingCategory, 'label' | 'colour'>): Tag => ({
  text: category.label,
  classes: ratingColourClass(category.colour),
});

/** A computed status in the plan's own wording, coloured by what it means. */
export const statusTag = (status: { status: CanonicalStatus; label: string }): Tag => ({
  text: status.label || status.status,
  classes: STATUS_CLASSES[status.status],
});
