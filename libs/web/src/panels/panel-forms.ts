import { DomainError } from '@actionplans/domain';
import {
  CommandRefusedError,
  IdempotencyKeyReusedError,
  PreconditionFailedError,
  WrongExpectedVersionError,
} from '@actionplans/event-store';
import { effectiveIds, refusalText } from '../page/effective-form';
import type { FormError } from '../page/nunjucks';
import { inWords } from './panel-format';

/** A form as the page guard reads it: a field sent more than once (checkboxes) comes as a list. */
export type Form = Record<string, string | undefined>;

/** A field that may be sent once, many times or not at all, as a list. */
export const asList = (value: unknown): string[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]).map(String).filter((item) => item.trim() !== '');

/** A textarea's lines that say something, one item each. */
export const lines = (value: string | undefined): string[] =>
  (value ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');

/** Refusals a page cannot answer beside a field: nothing to show, or someone else's rule about who acts. */
const NOT_A_FORM_ERROR = /\.NOT_FOUND$/;

/** Engine refusals whose own words suit a form less than these. */
const WORDS: Record<string, string> = {
  'PANEL.CHALLENGE_POINTS_REQUIRED': 'Enter the challenge points the owner must answer, one on each line',
  // The engine names the action by its id, which means nothing on a page that shows its reference.
  'PANEL.ALREADY_DECIDED': 'The panel’s decision on this action has been recorded already: it is shown below',
  'PANEL.ALREADY_TABLED': 'That action is on this meeting’s agenda already',
  // The engine names members by their ids; the form names them, and the member is ticked in both lists.
  'PANEL.APOLOGIES_FROM_PRESENT': 'A member ticked as present cannot also be recorded as sending apologies',
  'PANEL.APOLOGIES_FROM_ATTENDEE':
    'A member recorded present at this meeting’s decisions attended it, so cannot be recorded as sending apologies',
};

/**
 * A command's refusal as the form shows it: a refused rule (the API's 422, and its refusals about
 * who acts) beside the field `fieldOf` names, in the engine's words (a refused effective date in
 * the page's, beside "When did this happen?" when the form has it, its ids suffixed by
 * `effectiveSuffix`); a change by someone else at the same moment (409/412) as what happened,
 * keeping what was typed. Anything else is not a refusal: the caller lets it through to the error
 * pages.
 */
export function refusalOf(
  error: unknown,
  fieldOf: (code: string) => string,
  effectiveSuffix?: string,
): { error: FormError; status: number } | null {
  if (error instanceof CommandRefusedError && error.refusal instanceof DomainError) {
    const { code, message } = error.refusal;
    if (NOT_A_FORM_ERROR.test(code)) return null;
    const dated = refusalText(error.refusal);
    const field = dated && effectiveSuffix !== undefined ? effectiveIds(effectiveSuffix).date : fieldOf(code);
    return { error: { field, text: dated ?? WORDS[code] ?? inWords(message) }, status: 422 };
  }
  if (error instanceof WrongExpectedVersionError || error instanceof PreconditionFailedError) {
    const text = 'Someone else changed this meeting at the same moment. It is shown as it is now: check it and send the form again';
    return { error: { field: fieldOf('CONFLICT'), text }, status: 409 };
  }
  if (error instanceof IdempotencyKeyReusedError) {
    return { error: { field: fieldOf('CONFLICT'), text: 'This form was sent already with other answers: reload the page' }, status: 409 };
  }
  return null;
}
