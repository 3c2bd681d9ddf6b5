import type { PanelOutcome, Stage } from '@actionplans/domain';
import { asSentence, datesInText } from '../page/dates';

/** A GOV.UK tag: its words and colour class. */
export interface Tag {
  text: string;
  classes: string;
}

const OUTCOMES: Record<PanelOutcome, Tag> = {
  'signed off': { text: 'Signed off', classes: 'govuk-tag--blue' },
  'more evidence required': { text: 'More evidence required', classes: 'govuk-tag--orange' },
  deferred: { text: 'Deferred', classes: 'govuk-tag--yellow' },
  'not accepted': { text: 'Not accepted', classes: 'govuk-tag--red' },
};

const STAGES: Record<Exclude<Stage, 'not raised'>, Tag> = {
  open: { text: 'Open', classes: 'govuk-tag--grey' },
  submitted: { text: 'Awaiting sign-off', classes: 'govuk-tag--light-blue' },
  complete: { text: 'Complete', classes: 'govuk-tag--blue' },
  withdrawn: { text: 'Withdrawn', classes: 'govuk-tag--grey' },
};

export const outcomeTag = (outcome: PanelOutcome): Tag => OUTCOMES[outcome];
export const stageTag = (stage: Exclude<Stage, 'not raised'>): Tag => STAGES[stage];

/** The four outcomes, in the order the form offers them. */
export const OUTCOME_CHOICES = Object.entries(OUTCOMES).map(([value, tag]) => ({ value: value as PanelOutcome, text: tag.text }));

/** An engine's refusal as a sentence: capitalised, with its days in British form. */
export function inWords(message: string): string {
  const dated = asSentence(datesInText(message));
  return /[.!?]$/.test(dated) ? dated : `${dated}.`;
}
