import type { PanelOutcome, Stage } from '@actionplans/domain';

const BRITISH = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "2022-06-14" (or a moment on that day) as "14 June 2022". */
export const britishDate = (day: string) => BRITISH.format(new Date(`${day.slice(0, 10)}T00:00:00Z`));

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
  const dated = message.replace(/\b(\d{4}-\d{2}-\d{2})\b/g, (day) => britishDate(day));
  return `${dated.charAt(0).toUpperCase()}${dated.slice(1)}${/[.!?]$/.test(dated) ? '' : '.'}`;
}
