import type { Actor } from '../decider';
import { DomainError } from '../domain-error';
import { isCalendarDay } from '../reminders/calendar-day';
import { DEFAULT_REMINDER_POLICY, type ReminderPolicy } from '../reminders/reminder-policy';
import { firstOf, managesPlans, requiredIn } from '../rules';
import { readTargetDate } from '../target-date';
import type { ActionAtClosure } from './plan.commands';
import { CANONICAL_STATUSES, type PlanState, type StatusLabels } from './plan.state';
import { MINIMUM_QUORUM } from '../panel/panel.quorum';

/** Each refusal the plan's rules can give, with its stable code. */
export const refusePlan = {
  notFound: () => new DomainError('PLAN.NOT_FOUND', 'there is no such plan'),
  alreadyCreated: () => new DomainError('PLAN.ALREADY_CREATED', 'this plan has been created already'),
  notPlanManager: () => new DomainError('PLAN.NOT_PLAN_MANAGER', 'only a plan manager can do this'),
  closed: () => new DomainError('PLAN.CLOSED', 'the plan is closed: reopen it before changing it'),
  alreadyActive: () => new DomainError('PLAN.ALREADY_ACTIVE', 'the plan is active already: only a draft plan is activated'),
  notActive: () => new DomainError('PLAN.NOT_ACTIVE', 'only an active plan can be closed: activate the draft first'),
  notClosed: () => new DomainError('PLAN.NOT_CLOSED', 'only a closed plan can be reopened'),
  unknownStatus: (key: string) =>
    new DomainError('PLAN.UNKNOWN_STATUS', `"${key}" is not a status: label one of ${CANONICAL_STATUSES.join(', ')}`),
  blankLabel: (key: string) => new DomainError('PLAN.BLANK_STATUS_LABEL', `the label for "${key}" must not be blank`),
  invalidQuorum: () =>
    new DomainError('PLAN.INVALID_QUORUM', `a quorum is a whole number of panel members, at least ${MINIMUM_QUORUM}: nobody decides alone`),
  invalidWarningDays: () => new DomainError('PLAN.INVALID_WARNING_DAYS', 'warning days are a whole number from 0 to 365'),
  invalidReminderPolicy: (why: string) => new DomainError('PLAN.INVALID_REMINDER_POLICY', `reminder policy: ${why}`),
  invalidBoardDate: (date: unknown) =>
    new DomainError('PLAN.INVALID_BOARD_DATE', `board date ${JSON.stringify(date)} is not a real day written YYYY-MM-DD`),
  invalidKind: (field: string) => new DomainError('PLAN.INVALID_KIND', `${field} must be a text of 1 to 100 characters`),
  invalidSourceDate: (date: unknown) =>
    new DomainError(
      'PLAN.INVALID_SOURCE_DATE',
      `source date ${JSON.stringify(date)} is not a day or a month: write YYYY-MM-DD, YYYY-MM or as the paper does ("JANUARY 2022")`,
    ),
  invalidApprovalToClose: () =>
    new DomainError('PLAN.INVALID_APPROVAL_TO_CLOSE', 'approvalToClose must name the body (1 to 200 characters), or be null for none'),
  invalidDelegatedSignOff: (why: string) => new DomainError('PLAN.INVALID_DELEGATED_SIGN_OFF', `delegatedSignOff: ${why}`),
  invalidPackSchedule: (why: string) => new DomainError('PLAN.INVALID_PACK_SCHEDULE', `packSchedule: ${why}`),
  nothingToAmend: () => new DomainError('PLAN.NOTHING_TO_AMEND', 'the amendment changes nothing'),
  unknownGrouping: (id: string) => new DomainError('PLAN.UNKNOWN_GROUPING', `grouping ${id} is not in this plan`),
  groupingExists: (id: string) => new DomainError('PLAN.GROUPING_EXISTS', `grouping ${id} is in this plan already`),
  groupingCycle: (id: string, parentId: string) =>
    new DomainError('PLAN.GROUPING_CYCLE', `grouping ${id} cannot move under ${parentId}: it would sit within itself`),
  dateInFuture: (field: string, date: string) =>
    new DomainError('PLAN.DATE_IN_FUTURE', `${field} ${date} is in the future: record it once it has happened`),
  noCountedActions: () => new DomainError('PLAN.NO_COUNTED_ACTIONS', 'the plan has no counted actions, so nothing shows it is done'),
  actionsOutstanding: (references: string[]) =>
    new DomainError(
      'PLAN.ACTIONS_OUTSTANDING',
      `${references.length} counted action${references.length === 1 ? ' is' : 's are'} not signed off: ${references.join(', ')}`,
    ),
};

export const requiredForPlan = (value: string | undefined | null, field: string) => requiredIn('PLAN', value, field);

export const onlyPlanManagers = (actor: Actor) => (managesPlans(actor) ? null : refusePlan.notPlanManager());

export const planExists = (state: PlanState) => (state.stage === 'none' ? refusePlan.notFound() : null);

/** The plan exists and is not closed: a draft or an active plan can still be built and amended. */
export const planOpenToChange = (state: PlanState) => planExists(state) ?? (state.stage === 'closed' ? refusePlan.closed() : null);

export const groupingKnown = (state: PlanState, groupingId: string) =>
  state.groupings.has(groupingId) ? null : refusePlan.unknownGrouping(groupingId);

/**
 * Whether an action may be raised into `groupingId` of this plan: the plan exists, is a draft or
 * active (not closed), and has that grouping.
 */
export function mayRaiseActionIn(state: PlanState, groupingId: string): DomainError | null {
  return firstOf(planOpenToChange(state), groupingKnown(state, groupingId));
}

/** Labels name canonical statuses only, and say something. */
export function statusLabelsValid(labels: Partial<StatusLabels> | undefined): DomainError | null {
  const statuses: readonly string[] = CANONICAL_STATUSES;
  return firstOf(
    ...Object.entries(labels ?? {}).map(([key, label]) => {
      if (!statuses.includes(key)) return refusePlan.unknownStatus(key);
      return typeof label !== 'string' || label.trim() === '' ? refusePlan.blankLabel(key) : null;
    }),
  );
}

export function settingsValid(settings: { quorum?: number; warningDays?: number }): DomainError | null {
  const { quorum, warningDays } = settings;
  return firstOf(
    quorum === undefined || (Number.isInteger(quorum) && quorum >= MINIMUM_QUORUM) ? null : refusePlan.invalidQuorum(),
    warningDays === undefined || (Number.isInteger(warningDays) && warningDays >= 0 && warningDays <= 365)
      ? null
      : refusePlan.invalidWarningDays(),
  );
}

/** The bounds of each single-number reminder setting, in whole days. */
const REMINDER_DAY_LIMITS = { chaseEveryDays: [1, 90], escalateAfterDays: [0, 365], updateRequestDaysBefore: [0, 90] } as const;
const wholeDays = (value: unknown, min: number, max: number) =>
  Number.isInteger(value) && (value as number) >= min && (value as number) <= max;

/** The settings given (any subset) are known and in whole days within their bounds; reminder days before a date do not repeat. */
export function reminderPolicyValid(policy: Partial<ReminderPolicy> | undefined): DomainError | null {
  if (policy === undefined) return null;
  if (typeof policy !== 'object' || policy === null || Array.isArray(policy))
    return refusePlan.invalidReminderPolicy('give it as named settings');
  const known = Object.keys(DEFAULT_REMINDER_POLICY);
  const unknownSetting = Object.keys(policy).find((key) => !known.includes(key));
  if (unknownSetting !== undefined)
    return refusePlan.invalidReminderPolicy(`"${unknownSetting}" is not a setting: use ${known.join(', ')}`);
  return firstOf(
    beforeDaysValid(policy.beforeDays),
    ...Object.entries(REMINDER_DAY_LIMITS).map(([setting, [min, max]]) => {
      const value = policy[setting as keyof typeof REMINDER_DAY_LIMITS];
      return value === undefined || wholeDays(value, min, max)
        ? null
        : refusePlan.invalidReminderPolicy(`${setting} must be a whole number of days from ${min} to ${max}`);
    }),
  );
}

function beforeDaysValid(beforeDays: unknown): DomainError | null {
  if (beforeDays === undefined) return null;
  if (!Array.isArray(beforeDays) || !beforeDays.every((days) => wholeDays(days, 0, 365))) {
    return refusePlan.invalidReminderPolicy('beforeDays must be whole numbers of days from 0 to 365');
  }
  // Two equal entries would be one reminder under two names.
  return new Set(beforeDays).size === beforeDays.length ? null : refusePlan.invalidReminderPolicy('beforeDays must not repeat a day');
}

/** Board dates are real days written YYYY-MM-DD; past ones are kept, as the record of meetings held. */
export function boardDatesValid(dates: string[] | undefined): DomainError | null {
  if (dates === undefined) return null;
  if (!Array.isArray(dates)) return refusePlan.invalidBoardDate(dates);
  const invalid = dates.find((date) => !isCalendarDay(date));
  return invalid === undefined ? null : refusePlan.invalidBoardDate(invalid);
}

export const referencesValid = (references: string[]) => firstOf(...references.map((reference) => requiredForPlan(reference, 'reference')));

/** A submission or an approval is a record of fact, so it cannot be dated after the day it is recorded. */
export const notInFuture = (field: string, date: string, now: string) =>
  date > now.slice(0, 10) ? refusePlan.dateInFuture(field, date) : null;

/** A plan closes only when every counted action is signed off, and there is at least one. */
export function allCountedComplete(actions: ActionAtClosure[]): DomainError | null {
  const counted = actions.filter((action) => action.counted);
  if (counted.length === 0) return refusePlan.noCountedActions();
  const outstanding = counted.filter((action) => !action.complete);
  return outstanding.length === 0
    ? null
    : refusePlan.actionsOutstanding(outstanding.map((action) => action.references.join(' ') || action.actionId));
}

/** Plan and grouping kinds are the papers' own words ("written statement of action", "sub-action"), kept short. */
export const kindValid = (kind: unknown, field: string) =>
  typeof kind === 'string' && kind.trim() !== '' && kind.trim().length <= 100 ? null : refusePlan.invalidKind(field);

/**
 * A report's date as YYYY-MM-DD, or YYYY-MM when the paper gives only a month ("JANUARY 2022",
 * "2022-01"); null when it is neither.
 */
export function readSourceDate(text: unknown): string | null {
  if (typeof text !== 'string') return null;
  const clean = text.trim();
  const month = /^(\d{4})-(\d{2})$/.exec(clean);
  if (month) return Number(month[2]) >= 1 && Number(month[2]) <= 12 ? clean : null;
  const read = readTargetDate(clean);
  if (read.precision === 'day') return read.due;
  // "To commence…" and "by…" are target wording, not a report's date.
  return read.precision === 'month' && /^[A-Za-z]{3,9}[ -]\d{4}$/.test(clean) ? read.due!.slice(0, 7) : null;
}

const BODY_NAME_MAX = 200;
const DELEGATED_MAX = 20;
const bodyName = (value: unknown) => typeof value === 'string' && value.trim() !== '' && value.trim().length <= BODY_NAME_MAX;

/** The body approving closure is named, or null for none; delegated bodies are named once each. */
export function completionSettingsValid(settings: { approvalToClose?: string | null; delegatedSignOff?: string[] }): DomainError | null {
  const { approvalToClose, delegatedSignOff } = settings;
  if (approvalToClose !== undefined && approvalToClose !== null && !bodyName(approvalToClose)) return refusePlan.invalidApprovalToClose();
  if (delegatedSignOff === undefined) return null;
  if (!Array.isArray(delegatedSignOff) || delegatedSignOff.length > DELEGATED_MAX)
    return refusePlan.invalidDelegatedSignOff(`give a list of at most ${DELEGATED_MAX} bodies`);
  if (!delegatedSignOff.every(bodyName))
    return refusePlan.invalidDelegatedSignOff(`each body is named in 1 to ${BODY_NAME_MAX} characters`);
  const names = delegatedSignOff.map((name) => name.trim().toLowerCase());
  return new Set(names).size === names.length ? null : refusePlan.invalidDelegatedSignOff('a body is named twice');
}

/** How far ahead of a board date a pack may be made: a quarter, the longest cycle in the papers. */
export const PACK_SCHEDULE_MAX_DAYS = 90;

/** A pack schedule names its board and a whole number of days ahead; null turns it off. */
export function packScheduleValid(schedule: unknown): DomainError | null {
  if (schedule === undefined || schedule === null) return null;
  if (typeof schedule !== 'object' || Array.isArray(schedule))
    return refusePlan.invalidPackSchedule('give daysBefore and board, or null for no scheduled pack');
  const { daysBefore, board, ...rest } = schedule as Record<string, unknown>;
  const unknownSetting = Object.keys(rest)[0];
  return firstOf(
    unknownSetting === undefined ? null : refusePlan.invalidPackSchedule(`"${unknownSetting}" is not a setting: use daysBefore and board`),
    Number.isInteger(daysBefore) && (daysBefore as number) >= 1 && (daysBefore as number) <= PACK_SCHEDULE_MAX_DAYS
      ? null
      : refusePlan.invalidPackSchedule(`daysBefore must be a whole number of days from 1 to ${PACK_SCHEDULE_MAX_DAYS}`),
    typeof board === 'string' && bodyName(board)
      ? null
      : refusePlan.invalidPackSchedule(`board names the board or committee in 1 to ${BODY_NAME_MAX} characters`),
  );
}

/**
 * ADR 32: a plan's managers, for reminders, escalations and scheduled packs, are whoever created it
 * and every plan manager who records anything on the plan's own stream. Whether this event on it
 * makes its actor one.
 */
export const makesPlanManager = (eventType: string, actorRole: string) => eventType === 'PlanCreated' || actorRole === 'plan manager';

/** Names as given, trimmed; the same list in another order is the same setting. */
export const bodyNames = (names: string[]) => names.map((name) => name.trim());
