import {
  deadlineOf,
  ratingSchemeOf,
  reminderSubject,
  remindersFor,
  type ActionState,
  type CanonicalStatus,
  type PanelOutcome,
  type PlanState,
  type RatingColour,
  type ReminderPolicy,
  type ReportingMeeting,
  type TargetDate,
} from '@actionplans/domain';
import type { ReportAction } from '../sql/report-queries';

/** Where an owned action stands in its owner's work list, most pressing first. */
export const WORK_CATEGORIES = ['overdue', 'due soon', 'awaiting update', 'sent back', 'in hand', 'done'] as const;
export type WorkCategory = (typeof WORK_CATEGORIES)[number];

/** Something asked of the owner, in words a work list can show. */
export interface WorkAsk {
  kind: Exclude<WorkCategory, 'in hand' | 'done'>;
  says: string;
}

/** The panel's latest decision on an action, when it sent the action back to its owners. */
export interface SentBack {
  panelId: string;
  outcome: PanelOutcome;
  rationale: string;
  challengePoints: string[];
  decidedAt: string;
}

/** What a line is worked out from besides the action's row: its plan and what the plan's reminder policy asks. */
export interface WorkFacts {
  plan: PlanState;
  reminderPolicy: ReminderPolicy;
  /** The plan's panel meetings and board dates: each asks its owners for an update beforehand. */
  meetings: ReportingMeeting[];
  /** The day (UTC) the latest progress update was recorded; null if none. */
  lastUpdateOn: string | null;
  sentBack: SentBack | null;
  /** YYYY-MM-DD */
  raisedOn: string;
}

/** One action in its owner's work list. */
export interface WorkLine {
  category: WorkCategory;
  /** Everything asked of the owner, most pressing first; empty when nothing is. */
  asks: WorkAsk[];
  planId: string;
  planTitle: string;
  actionId: string;
  references: string[];
  description: string;
  ownedAs: 'lead' | 'supporting';
  originalTargetDate: TargetDate;
  targetDate: TargetDate;
  /** Computed by the engine from the facts and the day. */
  status: { status: CanonicalStatus; label: string; reason: string };
  /** The latest rating recorded, in the plan's own category; null if never rated. */
  rating: { category: string; label: string; colour: RatingColour | null; authority: string | null } | null;
  latestProgress: { assessment: string; asOf: string; commentary: string } | null;
  /** The points the panel asked to be answered, when it sent the action back. */
  challengePoints: string[];
  /** The meeting an update is asked for, while one is outstanding. */
  updateRequestedFor: ReportingMeeting | null;
}

const DONE: CanonicalStatus[] = ['complete', 'duplicate', 'withdrawn'];
const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** An owned action as its owner's work list shows it: what is asked of them, and where it sorts. */
export function workLineOf(
  action: ReportAction,
  state: ActionState,
  ownedAs: WorkLine['ownedAs'],
  facts: WorkFacts,
  today: string,
): WorkLine {
  const done = DONE.includes(action.status.status);
  const request = done ? null : updateRequested(action.actionId, state, facts, today);
  const asks = done ? [] : asksOf(state, facts, request, today);
  const category: WorkCategory = asks[0]?.kind ?? (done ? 'done' : 'in hand');
  const scheme = ratingSchemeOf(facts.plan);
  const rated = action.rating && scheme.categories.find((candidate) => candidate.key === action.rating!.category);
  return {
    category,
    asks,
    planId: facts.plan.planId!,
    planTitle: facts.plan.title,
    actionId: action.actionId,
    references: action.references,
    description: action.description,
    ownedAs,
    originalTargetDate: action.originalTargetDate,
    targetDate: action.targetDate,
    status: action.status,
    rating: action.rating && { ...action.rating, label: rated?.label ?? action.rating.category, colour: rated?.colour ?? null },
    latestProgress: action.latestProgress,
    challengePoints: asks.some((ask) => ask.kind === 'sent back') ? facts.sentBack!.challengePoints : [],
    updateRequestedFor: request,
  };
}

function asksOf(state: ActionState, facts: WorkFacts, request: ReportingMeeting | null, today: string): WorkAsk[] {
  const asks: WorkAsk[] = [];
  const deadline = deadlineOf(state, today, { warningDays: facts.plan.warningDays });
  if (deadline?.kind === 'overdue') {
    const late = `past its target date of ${deadline.due} by ${plural(-deadline.daysLeft, 'day')}`;
    asks.push({
      kind: 'overdue',
      says:
        state.stage === 'submitted'
          ? `${late}; submitted for sign-off, waiting for the panel`
          : `${late}: report progress, ask for a new date or submit it for sign-off`,
    });
  }
  if (deadline?.kind === 'due soon') {
    const when = deadline.daysLeft === 0 ? 'today' : `in ${plural(deadline.daysLeft, 'day')}`;
    asks.push({ kind: 'due soon', says: `due ${deadline.due}, ${when}: submit it for sign-off, or ask for a new date` });
  }
  if (request)
    asks.push({ kind: 'awaiting update', says: `a progress update is asked for before the ${request.kind} meeting on ${request.date}` });
  const { sentBack } = facts;
  if (state.stage === 'open' && sentBack) {
    const points = sentBack.challengePoints.length;
    asks.push({
      kind: 'sent back',
      says: `the panel decided "${sentBack.outcome}" on ${sentBack.decidedAt.slice(0, 10)}: ${
        points ? `answer its ${plural(points, 'challenge point')} and ` : ''
      }submit it again`,
    });
  }
  return asks;
}

/**
 * The meeting an update is asked for and not yet given: the reminder policy's own update requests
 * (before each panel meeting and board date still to come), fallen due and with no progress
 * recorded since. Only open actions of active plans are asked, as the policy says.
 */
function updateRequested(actionId: string, state: ActionState, facts: WorkFacts, today: string): ReportingMeeting | null {
  const subject = reminderSubject(actionId, state, { active: facts.plan.stage === 'active' }, facts.raisedOn);
  const unanswered = remindersFor(subject, facts.reminderPolicy, facts.meetings, today).filter(
    (reminder) =>
      reminder.kind === 'update request' && reminder.dueOn <= today && !(facts.lastUpdateOn && facts.lastUpdateOn >= reminder.dueOn),
  );
  return unanswered.map((reminder) => reminder.meeting!).sort((a, b) => a.date.localeCompare(b.date))[0] ?? null;
}

/** Most pressing first; within a category, the nearest target date first, then by plan and reference. */
export function byUrgency(a: WorkLine, b: WorkLine): number {
  return (
    WORK_CATEGORIES.indexOf(a.category) - WORK_CATEGORIES.indexOf(b.category) ||
    (a.targetDate.due ?? '9999').localeCompare(b.targetDate.due ?? '9999') ||
    a.planTitle.localeCompare(b.planTitle) ||
    a.references.join(' ').localeCompare(b.references.join(' '), 'en', { numeric: true })
  );
}
