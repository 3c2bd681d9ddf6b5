import {
  CANONICAL_STATUSES,
  type CompletionStep,
  PACK_SCHEDULE_MAX_DAYS,
  RATING_SCHEMES,
  ratingSchemeOf,
  readTargetDate,
  type PackSchedule,
  type PlanState,
  type PlanStatusKey,
  type RatingScheme,
  type ReminderPolicy,
  type StatusLabels,
} from '@actionplans/domain';
import canonicalize from 'canonicalize';
import type { Form } from './form-context';
import type { FormReader } from './form-reader';
import { dayInWords } from '../page/dates';
import { flaggedKeys, MEASURES_FIELD, measuresAchievedWords, readSchemeAsked } from './measures-achieved';
import { schemeTitle } from './manage-views';

/** A status label's field: "label-not-due-to-start". */
export const labelField = (status: PlanStatusKey) => `label-${status.replace(/\s+/g, '-')}`;

/**
 * The ready-made scheme the plan rates in, by name; '' when it rates in categories of its own (an
 * import's, or its labels'). Compared as canonical JSON: the store gives the plan back with its keys sorted.
 */
function readyMadeScheme(plan: PlanState): string {
  const scheme = plan.ratingScheme;
  const named = scheme && RATING_SCHEMES[scheme.name];
  return named && canonicalize(named) === canonicalize(scheme) ? scheme.name : '';
}

/** The settings form filled in from the plan as it stands. */
export function settingsValues(plan: PlanState, version: number): Form {
  const policy = plan.reminderPolicy;
  return {
    version: String(version),
    title: plan.title,
    ratingScheme: readyMadeScheme(plan),
    [MEASURES_FIELD]: flaggedKeys(ratingSchemeOf(plan)),
    defaultBasis: plan.defaultBasis,
    warningDays: String(plan.warningDays),
    quorum: String(plan.quorum),
    beforeDays: policy.beforeDays.join(', '),
    chaseEveryDays: String(policy.chaseEveryDays),
    escalateAfterDays: String(policy.escalateAfterDays),
    updateRequestDaysBefore: String(policy.updateRequestDaysBefore),
    boardDates: plan.boardDates.map((day) => dayInWords(day)).join('\n'),
    packDaysBefore: plan.packSchedule ? String(plan.packSchedule.daysBefore) : '',
    packBoard: plan.packSchedule?.board ?? '',
    approvalToClose: plan.approvalToClose ?? '',
    delegatedSignOff: plan.delegatedSignOff.join('\n'),
    completeAt: ratingSchemeOf(plan).completeAt ?? 'panel sign-off',
    ...Object.fromEntries(CANONICAL_STATUSES.map((status) => [labelField(status), plan.statusLabels[status]])),
  };
}

/** What AmendPlan is sent from the settings form: every setting as typed; the command keeps only what differs. */
export interface SettingsAmendment {
  title: string;
  /** A ready-made scheme's name, or a scheme in full when categories need measures achieved. */
  ratingScheme?: string | RatingScheme;
  defaultBasis: 'computed' | 'rating';
  warningDays?: number;
  quorum?: number;
  statusLabels: StatusLabels;
  reminderPolicy: Partial<ReminderPolicy>;
  boardDates: string[];
  /** Null: no pack is made on a schedule. */
  packSchedule: PackSchedule | null;
  /** Null: none required. */
  approvalToClose: string | null;
  delegatedSignOff: string[];
  completeAt: CompletionStep;
  reason: string;
}

/**
 * Reads the settings form with the limits the API's request checks, each problem against its field;
 * the plan as it stands says which categories the ticks for measures achieved change.
 */
export function readSettings(read: FormReader, plan: PlanState): SettingsAmendment {
  const title = read.text('title', 'Enter the plan’s title', 500, 'Title');
  const scheme = read.raw('ratingScheme');
  if (scheme && !RATING_SCHEMES[scheme]) read.fail('ratingScheme', 'Select how the board rates actions');
  const statusLabels = readLabels(read);
  return {
    title,
    ...(scheme && !RATING_SCHEMES[scheme] ? {} : readSchemeAsked(read, plan, scheme, statusLabels)),
    defaultBasis: read.raw('defaultBasis') === 'rating' ? 'rating' : 'computed',
    warningDays: required(read, 'warningDays', 'Warning days', 0, 365),
    quorum: required(read, 'quorum', 'The quorum', 1, 50),
    statusLabels,
    reminderPolicy: {
      beforeDays: readBeforeDays(read),
      chaseEveryDays: required(read, 'chaseEveryDays', 'Days between chases', 1, 90),
      escalateAfterDays: required(read, 'escalateAfterDays', 'Days overdue before the plan manager is told', 0, 365),
      updateRequestDaysBefore: required(read, 'updateRequestDaysBefore', 'Days before a meeting to ask for updates', 0, 90),
    },
    boardDates: readBoardDates(read),
    packSchedule: readPackSchedule(read),
    ...readCompletion(read),
    reason: read.text('reason', 'Enter why the settings change', 2000, 'The reason'),
  };
}

/** Two-step completion: the body approving closure (empty: none), the delegated bodies one a line, and the step counted. */
function readCompletion(read: FormReader): Pick<SettingsAmendment, 'approvalToClose' | 'delegatedSignOff' | 'completeAt'> {
  const approvalToClose = read.raw('approvalToClose').trim();
  if (approvalToClose.length > 200) read.fail('approvalToClose', 'The body approving closure must be 200 characters or fewer');
  const delegatedSignOff = read
    .raw('delegatedSignOff')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  if (delegatedSignOff.some((name) => name.length > 200))
    read.fail('delegatedSignOff', 'Each body that may take the sign-off must be 200 characters or fewer');
  return {
    approvalToClose: approvalToClose || null,
    delegatedSignOff,
    completeAt: read.raw('completeAt') === 'approval to close' ? 'approval to close' : 'panel sign-off',
  };
}

/** A whole number that must be given. */
function required(read: FormReader, name: string, label: string, min: number, max: number): number | undefined {
  const value = read.whole(name, label, min, max);
  if (value === undefined) read.fail(name, `Enter ${label.charAt(0).toLowerCase()}${label.slice(1)}`);
  return value;
}

function readLabels(read: FormReader): StatusLabels {
  const labels = CANONICAL_STATUSES.map((status) => {
    const field = labelField(status);
    return [status, read.text(field, `Enter the plan’s words for “${status}”`, 200, 'The label')];
  });
  return Object.fromEntries(labels) as StatusLabels;
}

/** "14, 7, 1": the days before a target date owners are reminded, each once. */
function readBeforeDays(read: FormReader): number[] {
  const typed = read.raw('beforeDays');
  const days = typed ? typed.split(/[\s,]+/).filter(Boolean) : [];
  if (days.some((day) => !/^\d{1,3}$/.test(day) || Number(day) > 365)) {
    read.fail('beforeDays', 'Give each number of days as a whole number from 0 to 365, separated by commas, like 14, 7, 1');
  } else if (new Set(days.map(Number)).size !== days.length) read.fail('beforeDays', 'Give each number of days once');
  return days.map(Number);
}

/** The pack schedule: both fields, or neither for none. */
function readPackSchedule(read: FormReader): PackSchedule | null {
  const board = read.raw('packBoard').trim();
  const typedDays = read.raw('packDaysBefore').trim();
  if (!typedDays && !board) return null;
  const daysBefore = read.whole('packDaysBefore', 'Days before each board date', 1, PACK_SCHEDULE_MAX_DAYS);
  if (!typedDays) read.fail('packDaysBefore', 'Enter how many days before each board date to send the pack, or clear the board’s name');
  if (!board) read.fail('packBoard', 'Enter the board or committee the pack is for');
  else if (board.length > 200) read.fail('packBoard', 'The board’s name must be 200 characters or fewer');
  return daysBefore === undefined ? null : { daysBefore, board };
}

/** Board and committee dates, one a line, as papers write them ("14 June 2022", "14/06/2022"). */
function readBoardDates(read: FormReader): string[] {
  const lines = read
    .raw('boardDates')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  const days = lines.map((line) => readTargetDate(line));
  const unread = lines.find((_, i) => days[i].precision !== 'day' || !days[i].due);
  if (unread !== undefined) read.fail('boardDates', `“${unread}” is not a day: give each date as a day, like 14 June 2022`);
  return days.flatMap((day) => (day.precision === 'day' && day.due ? [day.due] : []));
}

/** The plan's settings as the manage page lists them, each a row of GOV.UK's summary list. */
export function settingsRows(plan: PlanState): Array<{ key: { text: string }; value: { text: string } }> {
  const scheme = ratingSchemeOf(plan);
  const policy = plan.reminderPolicy;
  const rows: Array<[string, string]> = [
    ['Title', plan.title],
    ['Rating scheme', `${schemeTitle(scheme.name)}: ${scheme.categories.map((category) => category.label).join(', ')}`],
    ['Categories needing impact measures achieved', measuresAchievedWords(plan)],
    ['Summaries count', plan.defaultBasis === 'rating' ? 'The ratings recorded' : 'The status the engine works out'],
    ['Warning days', `${plan.warningDays} days before a target date`],
    ['Quorum', `${plan.quorum} panel ${plan.quorum === 1 ? 'member' : 'members'}`],
    ['Reminders', `${policy.beforeDays.join(', ')} days before a target date; chased every ${policy.chaseEveryDays} days once overdue`],
    ['Board dates', plan.boardDates.map((day) => dayInWords(day)).join(', ') || 'None'],
    [
      'Packs',
      plan.packSchedule
        ? `Made and emailed to the plan’s managers ${plan.packSchedule.daysBefore} ${plan.packSchedule.daysBefore === 1 ? 'day' : 'days'} before each board date, for the ${plan.packSchedule.board}`
        : 'Made only when issued',
    ],
  ];
  return rows.map(([key, value]) => ({ key: { text: key }, value: { text: value } }));
}
