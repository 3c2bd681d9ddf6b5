import { ASSESSMENTS, EVIDENCE_KINDS, isWithinDateRange, type Assessment, type EvidenceKind } from '@actionplans/domain';
import type { FormError } from '../page/nunjucks';

/** A form as sent: every field a string (or several), kept to show again when it is refused. */
export type Sent = Record<string, string | string[] | undefined>;

/** A form read: the command's fields when nothing is missing or malformed, else what to fix. */
export type Read<T> = { ok: true; command: T } | { ok: false; errors: FormError[] };

const text = (sent: Sent, name: string) => {
  const value = sent[name];
  return (Array.isArray(value) ? value[0] : (value ?? '')).trim();
};
const list = (sent: Sent, name: string) => {
  const value = sent[name];
  return (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((item) => item !== '');
};
const tooLong = (value: string, max: number, field: string, what: string): FormError | null =>
  value.length > max ? { field, text: `${what} must be ${max.toLocaleString('en-GB')} characters or fewer` } : null;
const done = <T>(errors: Array<FormError | null>, command: T): Read<T> => {
  const found = errors.filter((error): error is FormError => error !== null);
  return found.length ? { ok: false, errors: found } : { ok: true, command };
};

/**
 * A GOV.UK date input's three fields (`<name>-day`, `-month`, `-year`) as YYYY-MM-DD, or what is
 * wrong with them in the pattern's words. The error links to the day field, the first one.
 */
export function readDateInput(sent: Sent, name: string, what: string): { day: string } | { error: FormError } {
  const [day, month, year] = ['day', 'month', 'year'].map((part) => text(sent, `${name}-${part}`));
  const field = `${name}-day`;
  if (!day && !month && !year) return { error: { field, text: `Enter ${what}` } };
  if (!day || !month || !year) return { error: { field, text: `${capital(what)} must include a day, month and year` } };
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) {
    return { error: { field, text: `${capital(what)} must be a real date` } };
  }
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00.000Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso) {
    return { error: { field, text: `${capital(what)} must be a real date` } };
  }
  if (!isWithinDateRange(iso)) return { error: { field, text: `${capital(what)} must be between ${OUTER_YEARS}` } };
  return { day: iso };
}

/** The range every date the engine takes keeps (libs/domain date-range), in the words of a page. */
export const OUTER_YEARS = '1 January 1900 and 31 December 2199';

const capital = (words: string) => words.charAt(0).toUpperCase() + words.slice(1);

export interface ProgressCommand {
  commentary: string;
  assessment: Assessment;
  asOf: string;
  backdatingReason?: string;
  rating?: string;
}

/**
 * The update-progress form, checked as the API's request is: the rule on backdating is the
 * command's. `asOfWhenEmpty` is the day an empty "as of" stands for: a plan manager entering a
 * paper's update leaves it empty for the day the update was given, which is the latest it may be.
 */
export function readProgress(sent: Sent, asOfWhenEmpty?: string): Read<ProgressCommand> {
  const commentary = text(sent, 'commentary');
  const assessment = text(sent, 'assessment') as Assessment;
  const empty = ['day', 'month', 'year'].every((part) => !text(sent, `asOf-${part}`));
  const asOf = empty && asOfWhenEmpty ? { day: asOfWhenEmpty } : readDateInput(sent, 'asOf', 'the date the update is as of');
  const backdatingReason = text(sent, 'backdatingReason');
  const rating = text(sent, 'rating');
  return done(
    [
      commentary
        ? tooLong(commentary, 8000, 'commentary', 'What has happened')
        : { field: 'commentary', text: 'Enter what has happened since the last update' },
      ASSESSMENTS.includes(assessment)
        ? null
        : { field: 'assessment', text: 'Select whether the action is on track, at risk or off track' },
      'error' in asOf ? asOf.error : null,
      tooLong(backdatingReason, 2000, 'backdatingReason', 'The reason'),
    ],
    {
      commentary,
      assessment,
      asOf: 'day' in asOf ? asOf.day : '',
      ...(backdatingReason ? { backdatingReason } : {}),
      ...(rating ? { rating } : {}),
    },
  );
}

export interface EvidenceCommand {
  title: string;
  kind: EvidenceKind;
  link?: string;
  restricted: boolean;
}

/** The add-evidence form: a title, a kind, and a link or a file (the file is read by the controller). */
export function readEvidence(sent: Sent, hasFile: boolean): Read<EvidenceCommand> {
  const title = text(sent, 'title');
  const kind = text(sent, 'kind') as EvidenceKind;
  const link = text(sent, 'link');
  const linkError =
    link && !isWebAddress(link)
      ? { field: 'link', text: 'Enter a link that starts with https:// or http://' }
      : !link && !hasFile
        ? { field: 'link', text: 'Enter a link to the evidence, or choose a file to upload' }
        : link && hasFile
          ? { field: 'link', text: 'Give a link or a file, not both' }
          : null;
  return done(
    [
      title ? tooLong(title, 500, 'title', 'The title') : { field: 'title', text: 'Enter a title for the evidence' },
      EVIDENCE_KINDS.includes(kind) ? null : { field: 'kind', text: 'Select what kind of evidence this is' },
      linkError ?? tooLong(link, 2000, 'link', 'The link'),
    ],
    { title, kind, ...(link ? { link } : {}), restricted: text(sent, 'restricted') === 'yes' },
  );
}

function isWebAddress(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.');
  } catch {
    return false;
  }
}

/** The ask-for-a-new-date form: the proposed day (sent as YYYY-MM-DD, which the domain reads) and why. */
export function readRevision(sent: Sent): Read<{ proposed: string; reason: string }> {
  const proposed = readDateInput(sent, 'proposed', 'the new target date');
  const reason = text(sent, 'reason');
  return done(
    [
      'error' in proposed ? proposed.error : null,
      reason ? tooLong(reason, 2000, 'reason', 'The reason') : { field: 'reason', text: 'Enter why the target date needs to change' },
    ],
    { proposed: 'day' in proposed ? proposed.day : '', reason },
  );
}

/** The submit-for-sign-off form: the evidence relied on, a note, and an answer to each open challenge point (`answer-1`, …). */
export function readSubmission(
  sent: Sent,
  challengePoints: string[],
): Read<{ evidenceIds: string[]; note?: string; answers: Record<string, string> }> {
  const evidenceIds = list(sent, 'evidenceIds');
  const note = text(sent, 'note');
  const answers: Record<string, string> = Object.fromEntries(
    challengePoints.map((point, i): [string, string] => [point, text(sent, `answer-${i + 1}`)]).filter(([, answer]) => answer),
  );
  return done(
    [
      evidenceIds.length ? null : { field: 'evidenceIds', text: 'Select the evidence that shows the action is complete' },
      tooLong(note, 8000, 'note', 'The note'),
      // An unanswered point is the command's rule to refuse (ACTION.CHALLENGE_UNANSWERED), shown beside its answer.
      ...challengePoints.map((point, i) => tooLong(answers[point] ?? '', 8000, `answer-${i + 1}`, 'The answer')),
    ],
    { evidenceIds, ...(note ? { note } : {}), answers },
  );
}

/** The approval-to-close form: on whose authority (the day is "When did this happen?", required). */
export function readApproval(sent: Sent): Read<{ authority: string }> {
  const authority = text(sent, 'authority');
  return done(
    [
      authority
        ? tooLong(authority, 500, 'authority', 'The authority')
        : { field: 'authority', text: 'Enter the minute or paper that records the approval' },
    ],
    { authority },
  );
}

/** A delegated body's sign-off: which of the plan's bodies, on whose authority, and why. */
export function readDelegatedSignOff(sent: Sent, bodies: string[]): Read<{ body: string; authority: string; rationale: string }> {
  const body = text(sent, 'body');
  const authority = text(sent, 'authority');
  const rationale = text(sent, 'rationale');
  return done(
    [
      bodies.includes(body) ? null : { field: 'body', text: 'Select the body that signed the action off' },
      authority
        ? tooLong(authority, 500, 'authority', 'The authority')
        : { field: 'authority', text: 'Enter the minute or paper that records the sign-off' },
      rationale ? tooLong(rationale, 8000, 'rationale', 'The reason') : { field: 'rationale', text: 'Enter why the body signed it off' },
    ],
    { body, authority, rationale },
  );
}
