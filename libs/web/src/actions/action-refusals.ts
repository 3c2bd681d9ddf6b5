import type { DomainError } from '@actionplans/domain';
import { dayInWords } from '../page/dates';
import { effectiveRefusalError } from '../page/effective-form';
import type { FormError } from '../page/nunjucks';

/** The forms of an action's page, each with the field a refusal about the whole form is shown beside. */
export const ACTION_FORMS = {
  progress: 'commentary',
  evidence: 'title',
  revision: 'proposed-day',
  submission: 'evidenceIds',
  approval: 'authority',
  delegated: 'body',
} as const;
export type ActionForm = keyof typeof ACTION_FORMS;

/** Refusals that belong to one field, in the words the page uses for it. */
const BESIDE: Partial<Record<ActionForm, Record<string, { field: string; text?: string }>>> = {
  progress: {
    'ACTION.REQUIRED': { field: 'commentary', text: 'Enter what has happened since the last update' },
    'ACTION.AS_OF_IN_FUTURE': { field: 'asOf-day', text: 'The date the update is as of must be today or in the past' },
    'ACTION.AS_OF_BEFORE_RAISED': {
      field: 'asOf-day',
      text: 'The date the update is as of must be on or after the day the action was raised',
    },
    'ACTION.BACKDATING_REASON_REQUIRED': {
      field: 'backdatingReason',
      text: 'Enter why this update is as of an earlier day than today',
    },
    'RATING.UNKNOWN_CATEGORY': { field: 'rating' },
    'RATING.COMPLETE_WITHOUT_SIGN_OFF': { field: 'rating' },
    'RATING.MEASURES_NOT_ACHIEVED': { field: 'rating' },
  },
  evidence: {
    'ACTION.REQUIRED': { field: 'title', text: 'Enter a title for the evidence' },
    'ACTION.EVIDENCE_SOURCE': { field: 'link', text: 'Enter a link to the evidence, or choose a file to upload' },
    'ACTION.FILE_NOT_UPLOADED': { field: 'file', text: 'The file did not arrive: choose it again' },
    'ACTION.FILE_RESTRICTED': { field: 'file' },
  },
  revision: {
    'ACTION.REVISION_PENDING': {
      field: 'proposed-day',
      text: 'A new target date is already waiting for a plan manager’s approval: you can ask again once it is decided',
    },
    'ACTION.TARGET_DATE_UNREADABLE': { field: 'proposed-day' },
    'ACTION.REQUIRED': { field: 'reason', text: 'Enter why the target date needs to change' },
  },
  approval: {
    'ACTION.REQUIRED': { field: 'authority', text: 'Enter the minute or paper that records the approval' },
  },
  delegated: {
    'EFFECTIVE.REQUIRED': { field: 'effectiveAt-day', text: 'Enter the day the body met and signed the action off' },
  },
  submission: {
    'ACTION.NO_EVIDENCE': { field: 'evidenceIds', text: 'Select the evidence that shows the action is complete' },
    'ACTION.UNKNOWN_EVIDENCE': { field: 'evidenceIds' },
  },
};

/**
 * A refused command on one of the action's forms as the GOV.UK error pattern shows it: beside the
 * field it is about, in words; a refusal of the whole form (the action was signed off meanwhile)
 * beside the form's first field. An unanswered challenge point goes beside that point's answer, and
 * a refused effective date beside "When did this happen?".
 */
export function refusalErrors(form: ActionForm, refusal: DomainError, challengePoints: string[] = []): FormError[] {
  const signedOffOn = /on \d{4}-\d{2}-\d{2} would come before the sign-off it follows, on (\d{4}-\d{2}-\d{2})/.exec(refusal.message)?.[1];
  if (refusal.code === 'ACTION.APPROVAL_BEFORE_SIGN_OFF' && signedOffOn) {
    return [
      {
        field: 'effectiveAt-day',
        text: `The date of the approval must be on or after ${dayInWords(signedOffOn)}, the day the action was signed off`,
      },
    ];
  }
  const dated = effectiveRefusalError(refusal);
  if (dated) return [dated];
  const givenOn = /given on (\d{4}-\d{2}-\d{2})/.exec(refusal.message)?.[1];
  if (refusal.code === 'ACTION.AS_OF_IN_FUTURE' && givenOn) {
    return [{ field: 'asOf-day', text: `The date the update is as of must be on or before the day it was given, ${dayInWords(givenOn)}` }];
  }
  if (refusal.code === 'ACTION.CHALLENGE_UNANSWERED') {
    const index = challengePoints.findIndex((point) => refusal.message.includes(`"${point}"`));
    if (index >= 0)
      return [{ field: `answer-${index + 1}`, text: `Enter your answer to the panel’s challenge: “${challengePoints[index]}”` }];
  }
  const beside = BESIDE[form]?.[refusal.code];
  return [{ field: beside?.field ?? ACTION_FORMS[form], text: beside?.text ?? sentence(refusal.message) }];
}

/** A domain message ("the action is with the panel: wait for its decision") as a sentence on a page. */
export const sentence = (message: string): string => message.charAt(0).toUpperCase() + message.slice(1);
