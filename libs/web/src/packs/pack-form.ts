import type { PackMeeting } from '@actionplans/domain';
import type { PackRequest } from '@actionplans/read-models';
import type { FormError } from '../page/nunjucks';
import { dayOf, typedDay } from '../plans/plan-query';

type Form = Record<string, unknown>;

/** What the pack form asks: the pack's inputs, and the meeting it is issued to. */
export interface PackForm {
  request: PackRequest;
  /** The panel meeting chosen, or the board named: what an issue records. */
  meeting: { panelId: string } | { board: string; date: string } | null;
  typed: Record<string, unknown>;
  errors: FormError[];
}

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');
/** One recommendation a line, blank lines left out. */
const lines = (value: unknown) =>
  (typeof value === 'string' ? value : '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);

/** Reads the form (sent as GET or POST): a field that cannot be read is said beside it, in the GOV.UK date input's words. */
export function readPackForm(form: Form, today: string, planTitle: string, issuing: boolean): PackForm {
  const errors: FormError[] = [];
  const typed = {
    ...form,
    asAt: typedDay(form, 'asAt'),
    compareWith: typedDay(form, 'compareWith'),
    meetingDate: typedDay(form, 'meetingDate'),
  };
  const asAt = dayOf(typed.asAt, 'asAt', 'The day the figures are as at', today, errors) ?? today;
  const compareWith = dayOf(typed.compareWith, 'compareWith', 'The day to compare with', today, errors) ?? null;
  const meetingDate = dayOf(typed.meetingDate, 'meetingDate', 'The date of the meeting', today, errors, true);
  const basis = text(form.basis);
  const panelId = text(form.panelId);
  const board = text(form.board);
  const title = text(form.title) || `${planTitle}: progress report`;
  if (issuing && !panelId && !board)
    errors.push({ field: 'board', text: 'Choose the panel meeting, or enter the board or committee the pack is for' });
  if (issuing && !panelId && board && !meetingDate) errors.push({ field: 'meetingDate-day', text: 'Enter the date of the meeting' });
  return {
    request: {
      asAt,
      basis: basis === 'rating' || basis === 'computed' ? basis : undefined,
      compareWith,
      exceptionsOnly: form.exceptionsOnly === 'yes',
      cover: { title, purpose: text(form.purpose), recommendations: lines(form.recommendations) },
      meeting: { name: board || 'Not yet issued to a meeting', date: meetingDate ?? asAt },
    },
    meeting: panelId ? { panelId } : board && meetingDate ? { board, date: meetingDate } : null,
    typed,
    errors,
  };
}

/** The meeting as an issue records it, from the panel meeting's own day where one was chosen. */
export const recordedMeeting = (meeting: NonNullable<PackForm['meeting']>, panelDate: string | null): PackMeeting =>
  'panelId' in meeting
    ? { panelId: meeting.panelId, board: null, date: panelDate ?? '' }
    : { panelId: null, board: meeting.board, date: meeting.date };
