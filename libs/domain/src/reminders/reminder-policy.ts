import type { Stage } from '../action/action.state';
import type { TargetDate } from '../target-date';
import { dayNumber, isCalendarDay, isoDay } from './calendar-day';

/** What a reminder is for; recorded on the action's stream by `ReminderSent`. */
export type ReminderKind = 'target date approaching' | 'overdue' | 'escalation' | 'update request' | 'no readable target date';

export const REMINDER_KINDS: readonly ReminderKind[] = [
  'target date approaching',
  'overdue',
  'escalation',
  'update request',
  'no readable target date',
];

/** A plan's reminder settings, all in whole days. */
export interface ReminderPolicy {
  /** Remind the owners this many days before the current target date (0: on the day itself). */
  beforeDays: number[];
  /** Once overdue, chase the owners every this many days. */
  chaseEveryDays: number;
  /** Tell the plan manager once an action is this many days overdue. */
  escalateAfterDays: number;
  /** Ask the owners for an update this many days before each panel meeting and board date. */
  updateRequestDaysBefore: number;
}

/** What a plan gets when its manager does not say: 14, 7 and 1 days before; weekly chase; escalate after 14 days. */
export const DEFAULT_REMINDER_POLICY: ReminderPolicy = {
  beforeDays: [14, 7, 1],
  chaseEveryDays: 7,
  escalateAfterDays: 14,
  updateRequestDaysBefore: 7,
};

/** One reminder the policy calls for. */
export interface Reminder {
  /** Deterministic: the same reminder always has the same key, and a different one never does (job id, idempotency key). */
  key: string;
  actionId: string;
  kind: ReminderKind;
  /** The policy rule, in words the history shows. */
  rule: string;
  /** YYYY-MM-DD: it is sent from 08:00 UTC that day. */
  dueOn: string;
  to: 'owners' | 'plan manager';
  /** The target date (YYYY-MM-DD) a deadline reminder is about; null for update requests and unreadable dates. */
  aboutTargetDate: string | null;
  /** The meeting an update request is for. */
  meeting?: ReportingMeeting;
}

/** What the policy needs to know of one action. */
export interface ReminderSubject {
  actionId: string;
  stage: Stage;
  /** The current (last approved) target date. */
  targetDate: TargetDate | null;
  /**
   * The plan is active: a draft (being built or imported) and a closed plan owe nothing. What fell
   * due while it was a draft is owed from its activation on, once (the digest carries it).
   */
  planActive: boolean;
  /** YYYY-MM-DD the action was raised: when an unreadable date is first reported, so the reminder is the same on every pass. */
  raisedOn: string;
  /**
   * YYYY-MM-DD the plan went live (activated or reopened). An action already overdue then is owed
   * one overdue line on that day and chases from it, and escalates counting from it: what fell due
   * before the engine ran the plan is not sent as a burst of chases and escalations.
   */
  liveSince?: string;
  /**
   * What the action's history already says settles it, though it is still open: a sign-off
   * recorded on a body's word waiting for a second officer (ADR 33; an import's completed rows are
   * these), or a duplicate of another action, which carries it. Nobody is reminded or chased about
   * it; if the sign-off is rejected or the link removed, reminders resume.
   */
  settledBy?: 'sign-off proposed' | 'duplicate';
}

/** A panel meeting or a board date that receives reports. */
export interface ReportingMeeting {
  kind: 'panel' | 'board';
  id: string;
  /** YYYY-MM-DD */
  date: string;
}

/**
 * The reminders one action should get, as of `today` (YYYY-MM-DD, passed in: the domain reads no
 * clock): those due today or earlier that should still go, and those still to come, so a scheduler
 * can queue them. It does not know what has been sent: the caller drops keys already recorded by
 * `ReminderSent`. A reminder that stops being computed is cancelled (signed off, withdrawn,
 * submitted, settled as `settledBy` says, plan closed or still a draft) or rescheduled (a revised date gives new keys).
 */
export function remindersFor(subject: ReminderSubject, policy: ReminderPolicy, meetings: ReportingMeeting[], today: string): Reminder[] {
  if (!owesReminders(subject)) return [];
  const reminders: Reminder[] = [];
  deadlineReminders(subject, policy, dayNumber(today), reminders);
  updateRequests(subject.actionId, policy.updateRequestDaysBefore, meetings, today, reminders);
  return reminders.filter(onTheCalendar);
}

/** Only an open action of an active plan that nothing in its history settles is owed anything. */
const owesReminders = (subject: ReminderSubject) => subject.stage === 'open' && subject.planActive && !subject.settledBy;

/**
 * A day past 9999-12-31 (a target date stored as 9999-12-31, plus the days to its escalation) has
 * no YYYY-MM-DD, and "10000-01-14" sorts before today as text and parses as no time at all: either
 * way it would count as due at once. Such a reminder falls on no day, so it is never due.
 */
const onTheCalendar = (reminder: Reminder) => isCalendarDay(reminder.dueOn);

function deadlineReminders(subject: ReminderSubject, policy: ReminderPolicy, today: number, into: Reminder[]): void {
  const { actionId, targetDate } = subject;
  // A recurring action has no deadline to be behind, so nobody is reminded or chased about one.
  if (targetDate?.precision === 'recurring') return;
  if (!targetDate || targetDate.due === null) {
    into.push({
      key: `${actionId}|no-readable-date`,
      actionId,
      kind: 'no readable target date',
      rule: 'no readable target date',
      dueOn: subject.raisedOn,
      to: 'plan manager',
      aboutTargetDate: null,
    });
    return;
  }
  const due = dayNumber(targetDate.due);
  const live = subject.liveSince ? dayNumber(subject.liveSince) : null;
  // Overdue before the plan went live: the clock of chases and escalation starts when it did.
  const overdueFrom = live !== null && due < live ? live : due;
  approaching(actionId, targetDate.due, due, policy.beforeDays, today, into);
  chases(actionId, targetDate.due, { day: overdueFrom, wentLive: overdueFrom !== due }, policy.chaseEveryDays, today, into);
  into.push({
    key: `${actionId}|escalation|${targetDate.due}`,
    actionId,
    kind: 'escalation',
    rule:
      overdueFrom === due
        ? `escalation after ${plural(policy.escalateAfterDays, 'day')} overdue`
        : `escalation: still overdue ${plural(policy.escalateAfterDays, 'day')} after the plan went live on ${subject.liveSince}`,
    dueOn: isoDay(overdueFrom + policy.escalateAfterDays),
    to: 'plan manager',
    aboutTargetDate: targetDate.due,
  });
}

/**
 * Every reminder still to come before the date, and of those already due only the latest: after
 * downtime the owner gets one "7 days before", not a "14 days" and a "7 days" together. Once the
 * date has passed none go: the overdue chase takes over.
 */
function approaching(actionId: string, dueIso: string, due: number, beforeDays: number[], today: number, into: Reminder[]): void {
  if (today > due) return;
  let latestDue = -1;
  for (const days of beforeDays) if (due - days <= today && (latestDue < 0 || days < latestDue)) latestDue = days;
  for (const days of beforeDays) {
    if (due - days <= today && days !== latestDue) continue;
    into.push({
      key: `${actionId}|before-${days}|${dueIso}`,
      actionId,
      kind: 'target date approaching',
      rule: days === 0 ? 'on the target date' : `${plural(days, 'day')} before the target date`,
      dueOn: isoDay(due - days),
      to: 'owners',
      aboutTargetDate: dueIso,
    });
  }
}

/**
 * Chase n falls on due + n × every (n ≥ 1). Only the most recent one already due and the next one
 * are returned, never a backlog. The key names the chase's day rather than n, so a change of
 * cadence neither resends a chase already sent that day nor renumbers the ones to come. For an
 * action already overdue when its plan went live, the chases count from that day, starting with
 * one line on the day itself.
 */
function chases(
  actionId: string,
  dueIso: string,
  from: { day: number; wentLive: boolean },
  every: number,
  today: number,
  into: Reminder[],
): void {
  const first = from.wentLive ? 0 : 1;
  const chasesDue = today < from.day ? first - 1 : Math.floor((today - from.day) / every);
  for (let n = Math.max(first, chasesDue); n <= chasesDue + 1; n += 1) {
    const dueOn = isoDay(from.day + n * every);
    const rule = !from.wentLive
      ? `overdue chase ${n} (every ${plural(every, 'day')})`
      : n === 0
        ? `overdue when the plan went live on ${dueOn}`
        : `overdue chase ${n} since the plan went live (every ${plural(every, 'day')})`;
    into.push({
      key: `${actionId}|overdue|${dueIso}|${dueOn}`,
      actionId,
      kind: 'overdue',
      rule,
      dueOn,
      to: 'owners',
      aboutTargetDate: dueIso,
    });
  }
}

/** Every open action, whatever its date, is asked for an update before each meeting still to come (today's included). */
function updateRequests(actionId: string, daysBefore: number, meetings: ReportingMeeting[], today: string, into: Reminder[]): void {
  for (const { kind, id, date } of meetings) {
    if (date < today) continue;
    into.push({
      key: `${actionId}|update|${kind}:${id}|${date}`,
      actionId,
      kind: 'update request',
      rule: `update before ${kind} meeting on ${date}`,
      dueOn: isoDay(dayNumber(date) - daysBefore),
      to: 'owners',
      aboutTargetDate: null,
      meeting: { kind, id, date },
    });
  }
}

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** One spell of an action being overdue: from the day after its target date (or from when its plan went live) until it is signed off or given a new date. */
export interface OverdueEpisode {
  actionId: string;
  /** The target date it is overdue against (YYYY-MM-DD): a revised date begins another episode. */
  aboutTargetDate: string;
  /** The first day it counts as overdue. */
  since: string;
}

/**
 * Whether an action is overdue on `today`, by the rules its reminders follow: open, in an active
 * plan, with a deadline (not recurring, readable) that has passed. Null when it is not.
 */
export function overdueEpisode(subject: ReminderSubject, today: string): OverdueEpisode | null {
  const { targetDate } = subject;
  if (!owesReminders(subject)) return null;
  if (!targetDate || targetDate.due === null || targetDate.precision === 'recurring' || !isCalendarDay(targetDate.due)) return null;
  const dayAfter = isoDay(dayNumber(targetDate.due) + 1);
  const since = subject.liveSince && subject.liveSince > dayAfter ? subject.liveSince : dayAfter;
  return since <= today ? { actionId: subject.actionId, aboutTargetDate: targetDate.due, since } : null;
}
