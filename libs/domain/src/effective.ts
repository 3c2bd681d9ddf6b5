import { isWithinDateRange, RANGE_PROBLEM } from './date-range';
import type { Actor, CommandContext } from './decider';
import { DomainError } from './domain-error';

/**
 * When what a command records actually happened, if not when it is recorded: a day ("the
 * minutes of 14 June 2022") or a moment, with where that is written down. The event stores `at`
 * as its `occurredAt`, apart from its `recordedAt`.
 */
export interface Effective {
  /** ISO 8601 moment in UTC with milliseconds; a day is its first moment (`2022-06-14T00:00:00.000Z`). */
  at: string;
  precision: 'day' | 'moment';
  /** The paper, minutes or system it is taken from; required over HTTP when `at` is in the past. */
  source: string | null;
}

/** When the plan, action or meeting a command concerns began (an ISO moment, null when it has not). */
export interface Beginnings {
  plan?: string | null;
  action?: string | null;
  /** The meeting's first event, or its date for what happens at it (attendance, decisions). */
  meeting?: string | null;
  user?: string | null;
  /** The measure's definition, before which no figure of it was recorded. */
  measure?: string | null;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MOMENT = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,3})?)?(Z|[+-](\d{2}):(\d{2}))$/;

/** A real calendar day written YYYY-MM-DD: 2021-02-30 has the shape of one but never happened. */
export function isRealDay(value: string): boolean {
  const match = DAY.exec(value);
  if (!match) return false;
  const date = new Date(0);
  date.setUTCFullYear(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return date.toISOString().slice(0, 10) === value;
}

/**
 * Reads a day (`2022-06-14`) or a moment with its offset (`2022-06-14T10:00:00+01:00`, `…Z`),
 * normalised to UTC. A moment without an offset is refused: its UTC time would be a guess.
 * Answers a problem in words when the text is neither.
 */
export function readEffective(at: string, source: string | null = null): Effective | { problem: string } {
  const cited = source?.trim() || null;
  if (isRealDay(at))
    return isWithinDateRange(at) ? { at: `${at}T00:00:00.000Z`, precision: 'day', source: cited } : { problem: RANGE_PROBLEM };
  const match = MOMENT.exec(at);
  const [hours, minutes, seconds] = [match?.[2], match?.[3], match?.[4] ?? '0'].map(Number);
  const offset = match?.[6] === 'Z' ? [0, 0] : [Number(match?.[7]), Number(match?.[8])];
  if (!match || !isRealDay(match[1]) || hours > 23 || minutes > 59 || seconds > 59 || offset[0] > 14 || offset[1] > 59) {
    return { problem: 'must be a real day (YYYY-MM-DD) or a moment with its offset (YYYY-MM-DDThh:mm:ssZ or ±hh:mm)' };
  }
  if (!isWithinDateRange(match[1])) return { problem: RANGE_PROBLEM };
  return { at: new Date(at).toISOString(), precision: 'moment', source: cited };
}

export const isEffective = (value: Effective | { problem: string }): value is Effective => 'at' in value;

/** The UTC day of an ISO moment. */
const dayOf = (moment: string) => new Date(moment).toISOString().slice(0, 10);

/**
 * Before `now`'s UTC day. Something that happened earlier today is not past-dated: entering it a
 * few hours late is ordinary, and reports, reminders and as-at views all go by the day.
 */
export const isPastDated = (effective: Effective, now: string) => dayOf(effective.at) < dayOf(now);

/** How an effective date reads in a message: the day for a day, the moment for a moment. */
export const shownAt = (effective: Effective) => (effective.precision === 'day' ? effective.at.slice(0, 10) : effective.at);

/**
 * Whether `effective` is before `began`. A day counts as the whole day, so a day effective date
 * on the day a plan began is not before it, even though its first moment is.
 */
function before(effective: Effective, began: string | null | undefined): boolean {
  if (!began) return false;
  return effective.precision === 'day' ? dayOf(effective.at) < dayOf(began) : Date.parse(effective.at) < Date.parse(began);
}

const WHAT: Record<keyof Beginnings, string> = { plan: 'plan', action: 'action', meeting: 'meeting', user: 'user', measure: 'measure' };

/** Each refusal of an effective date, with its stable code; messages name the field and the problem. */
export const refuseEffective = {
  inFuture: (effective: Effective) =>
    new DomainError('EFFECTIVE.IN_FUTURE', `effective.at: ${shownAt(effective)} is in the future: record it once it has happened`),
  before: (what: keyof Beginnings, effective: Effective, began: string) =>
    new DomainError(
      `EFFECTIVE.BEFORE_${what.toUpperCase()}`,
      `effective.at: ${shownAt(effective)} is before the ${WHAT[what]} it concerns began (${dayOf(began)})`,
    ),
  notPermitted: () =>
    new DomainError(
      'EFFECTIVE.NOT_PERMITTED',
      "effective.at: only the plan's managers and admins record what happened on an earlier day (owners give their progress an earlier asOf instead)",
      true,
    ),
  meetingAhead: (date: string, what = 'its decisions') =>
    new DomainError('EFFECTIVE.IN_FUTURE', `the meeting is on ${date}, in the future: record ${what} once it has met`),
  required: (what: string) => new DomainError('EFFECTIVE.REQUIRED', `effective: ${what} needs the day it happened and its source`),
};

/** Processes (the panel process carrying a decision, the command line) carry dates others already gave. */
const mayPastDate = (actor: Actor) => actor.role === 'plan manager' || actor.role === 'admin' || actor.role === 'system';

/**
 * The rules every effective date keeps, whatever the command: not in the future, not past-dated
 * by anyone but plan managers and admins, and not before what it concerns began. No effective
 * date (the command happened now) keeps them all.
 */
export function effectiveRefusal(command: CommandContext, began: Beginnings): DomainError | null {
  const { effective } = command;
  if (!effective) return null;
  // A day is not in the future until the day after today: today's date names today.
  const future =
    effective.precision === 'day' ? dayOf(effective.at) > dayOf(command.now) : Date.parse(effective.at) > Date.parse(command.now);
  if (future) return refuseEffective.inFuture(effective);
  if (isPastDated(effective, command.now) && !mayPastDate(command.actor)) return refuseEffective.notPermitted();
  return beforeBeginning(effective, began);
}

/** The first of the beginnings `effective` falls before, as its refusal. */
export function beforeBeginning(effective: Effective, began: Beginnings): DomainError | null {
  for (const what of Object.keys(WHAT) as Array<keyof Beginnings>) {
    const moment = began[what];
    if (moment && before(effective, moment)) return refuseEffective.before(what, effective, moment);
  }
  return null;
}

/**
 * A decision as it stands once its effective date is checked: a command the aggregate's own rules
 * accept is then refused if its effective date breaks one, so "there is no such action" still
 * comes before anything about dates. A decision that records nothing has nothing to date.
 */
export function withEffectiveRules<E>(decision: E[] | DomainError, command: CommandContext, began: Beginnings): E[] | DomainError {
  if (!Array.isArray(decision) || decision.length === 0) return decision;
  return effectiveRefusal(command, began) ?? decision;
}
