import type { Decider } from '../decider';
import { isDomainError, type DomainError } from '../domain-error';
import { withEffectiveRules } from '../effective';
import { DEFAULT_REMINDER_POLICY, type ReminderPolicy } from '../reminders/reminder-policy';
import { firstOf } from '../rules';
import type { PlanCommand } from './plan.commands';
import type { PackSchedule, PlanEvent } from './plan.events';
import {
  allCountedComplete,
  boardDatesValid,
  bodyNames,
  completionSettingsValid,
  groupingKnown,
  kindValid,
  notInFuture,
  onlyPlanManagers,
  packScheduleValid,
  planExists,
  planOpenToChange,
  readSourceDate,
  referencesValid,
  refusePlan,
  reminderPolicyValid,
  requiredForPlan as required,
  settingsValid,
  statusLabelsValid,
} from './plan.rules';
import { decodePlanEvent } from './plan.stream';
import { COMPLETION_STEPS, type RatingScheme } from './rating-scheme';
import { basisValid, refuseRating, resolveRatingScheme } from './rating-scheme.rules';
import {
  defaultStatusLabels,
  evolvePlan,
  initialPlanState,
  isWithin,
  PLAN_DEFAULTS,
  ratingSchemeOf,
  type PlanState,
  type StatusLabels,
} from './plan.state';

type Decision = PlanEvent[] | DomainError;
type Of<T extends PlanCommand['type']> = Extract<PlanCommand, { type: T }>;
type Data<T extends PlanEvent['type']> = Extract<PlanEvent, { type: T }>['data'];

/** Every rule of one plan, as a pure function of its history and a command. */
export const planDecider: Decider<PlanCommand, PlanEvent, PlanState> = {
  initialState: initialPlanState,
  evolve: evolvePlan,
  decode: decodePlanEvent,
  // Nothing about a plan is effective before the plan began.
  decide: (command, state) => withEffectiveRules(planRules.decide(command, state), command, { plan: command.began }),
};

/** The plan's own rules, before its effective date is checked. */
const planRules: Pick<Decider<PlanCommand, PlanEvent, PlanState>, 'decide'> = {
  decide(command, state): Decision {
    switch (command.type) {
      case 'CreatePlan':
        return create(command, state);
      case 'AmendPlan':
        return amendPlan(command, state);
      case 'AddGrouping':
        return addGrouping(command, state);
      case 'AmendGrouping':
        return amendGrouping(command, state);
      case 'ActivatePlan':
        return (
          firstOf(
            planOpenToChange(state),
            onlyPlanManagers(command.actor),
            state.stage === 'active' ? refusePlan.alreadyActive() : null,
            required(command.submittedTo, 'submittedTo'),
            notInFuture('submittedOn', command.submittedOn, command.now),
          ) ?? [{ type: 'PlanActivated', data: { submittedTo: command.submittedTo.trim(), submittedOn: command.submittedOn } }]
        );
      case 'ClosePlan':
        return close(command, state);
      case 'ReopenPlan':
        return (
          firstOf(
            planExists(state),
            onlyPlanManagers(command.actor),
            state.stage === 'closed' ? null : refusePlan.notClosed(),
            required(command.reason, 'reason'),
          ) ?? [{ type: 'PlanReopened', data: { reason: command.reason.trim() } }]
        );
      default: {
        const unhandled: never = command;
        throw new Error(`unhandled command ${JSON.stringify(unhandled)}`);
      }
    }
  },
};

const trimmedLabels = (labels: Partial<StatusLabels> | undefined): Partial<StatusLabels> =>
  Object.fromEntries(Object.entries(labels ?? {}).map(([status, label]) => [status, label.trim()]));
const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((value, i) => value === b[i]);

/** Keys in order, so a scheme read back from the store (canonical JSON, keys sorted) equals the one it was created from. */
const keysSorted = (_: string, value: unknown) =>
  value && typeof value === 'object' && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    : value;
const sameScheme = (a: RatingScheme, b: RatingScheme | null) => JSON.stringify(a, keysSorted) === JSON.stringify(b, keysSorted);

/**
 * The scheme asked for, resolved (null: none asked), or why it is refused; `completeAt` sets the
 * step it counts as complete, on the scheme asked for or else the plan's own.
 */
function schemeAsked(c: Of<'CreatePlan'> | Of<'AmendPlan'>, state: PlanState): RatingScheme | DomainError | null {
  const asked = c.ratingScheme === undefined ? null : resolveRatingScheme(c.ratingScheme);
  if (c.completeAt === undefined || isDomainError(asked)) return asked;
  if (!COMPLETION_STEPS.includes(c.completeAt)) return refuseRating.invalidCompleteAt(c.completeAt);
  const base = asked ?? ratingSchemeOf({ ...state, statusLabels: { ...state.statusLabels, ...trimmedLabels(c.statusLabels) } });
  // The step already counted changes nothing: a settings form sends it every time.
  if ((base.completeAt ?? 'panel sign-off') === c.completeAt) return asked;
  return { ...base, completeAt: c.completeAt };
}
const refusalOf = (value: unknown) => (isDomainError(value) ? value : null);

function create(c: Of<'CreatePlan'>, state: PlanState): Decision {
  const scheme = schemeAsked(c, state);
  const sourceDate = readSourceDate(c.source.date);
  return (
    firstOf(
      state.stage === 'none' ? null : refusePlan.alreadyCreated(),
      onlyPlanManagers(c.actor),
      kindValid(c.kind, 'kind'),
      required(c.title, 'title'),
      required(c.source.body, 'source body'),
      sourceDate === null ? refusePlan.invalidSourceDate(c.source.date) : null,
      statusLabelsValid(c.statusLabels),
      settingsValid(c),
      reminderPolicyValid(c.reminderPolicy),
      refusalOf(scheme),
      basisValid(c.defaultBasis),
      completionSettingsValid(c),
    ) ?? [
      {
        type: 'PlanCreated',
        data: {
          planId: c.planId,
          kind: c.kind.trim(),
          title: c.title.trim(),
          source: { ...c.source, body: c.source.body.trim(), date: sourceDate! },
          statusLabels: { ...defaultStatusLabels(), ...trimmedLabels(c.statusLabels) },
          quorum: c.quorum ?? PLAN_DEFAULTS.quorum,
          ...(c.quorum !== undefined ? { quorumSet: true } : {}),
          warningDays: c.warningDays ?? PLAN_DEFAULTS.warningDays,
          reminderPolicy: { ...DEFAULT_REMINDER_POLICY, ...orderedPolicy(c.reminderPolicy) },
          ...(scheme ? { ratingScheme: scheme as RatingScheme } : {}),
          ...(c.defaultBasis ? { defaultBasis: c.defaultBasis } : {}),
          // Left out when not set, so a plan created without them records exactly what it did before.
          ...(c.approvalToClose ? { approvalToClose: c.approvalToClose.trim() } : {}),
          ...(c.delegatedSignOff?.length ? { delegatedSignOff: bodyNames(c.delegatedSignOff) } : {}),
        },
      },
    ]
  );
}

function amendPlan(c: Of<'AmendPlan'>, state: PlanState): Decision {
  const scheme = schemeAsked(c, state);
  const refused = firstOf(
    planOpenToChange(state),
    onlyPlanManagers(c.actor),
    c.title === undefined ? null : required(c.title, 'title'),
    statusLabelsValid(c.statusLabels),
    settingsValid(c),
    reminderPolicyValid(c.reminderPolicy),
    boardDatesValid(c.boardDates),
    refusalOf(scheme),
    basisValid(c.defaultBasis),
    completionSettingsValid(c),
    packScheduleValid(c.packSchedule),
    required(c.reason, 'reason'),
  );
  if (refused) return refused;
  const changes = planChanges(c, state, scheme as RatingScheme | null);
  // An amendment that changes nothing would only add noise to the history auditors read.
  return Object.keys(changes).length === 0
    ? refusePlan.nothingToAmend()
    : [{ type: 'PlanAmended', data: { ...changes, reason: c.reason.trim() } }];
}

/** Only what differs from the plan as it stands, so the history says exactly what was amended. */
function planChanges(c: Of<'AmendPlan'>, state: PlanState, scheme: RatingScheme | null): Omit<Data<'PlanAmended'>, 'reason'> {
  const title = c.title?.trim();
  const labels = Object.entries(trimmedLabels(c.statusLabels)).filter(
    ([status, label]) => state.statusLabels[status as keyof StatusLabels] !== label,
  );
  const policy = reminderPolicyChanges(c.reminderPolicy, state.reminderPolicy);
  // Board dates are a set of days: order and repeats in the request carry no meaning.
  const boardDates = c.boardDates && [...new Set(c.boardDates)].sort();
  return {
    ...(title !== undefined && title !== state.title ? { title } : {}),
    ...(labels.length > 0 ? { statusLabels: Object.fromEntries(labels) } : {}),
    // A form sends the quorum it shows: the same value again is no choice of the plan's own (ADR 29).
    ...(c.quorum !== undefined && c.quorum !== state.quorum ? { quorum: c.quorum } : {}),
    ...(c.warningDays !== undefined && c.warningDays !== state.warningDays ? { warningDays: c.warningDays } : {}),
    ...(Object.keys(policy).length > 0 ? { reminderPolicy: policy } : {}),
    ...(boardDates && !sameList(boardDates, state.boardDates) ? { boardDates } : {}),
    ...(scheme && !sameScheme(scheme, state.ratingScheme) ? { ratingScheme: scheme } : {}),
    ...(c.defaultBasis !== undefined && c.defaultBasis !== state.defaultBasis ? { defaultBasis: c.defaultBasis } : {}),
    ...completionChanges(c, state),
    ...packScheduleChange(c.packSchedule, state.packSchedule),
  };
}

/** The schedule with its board's name trimmed, when it differs from the plan's. */
function packScheduleChange(
  asked: PackSchedule | null | undefined,
  current: PackSchedule | null,
): Pick<Data<'PlanAmended'>, 'packSchedule'> {
  if (asked === undefined) return {};
  const schedule = asked && { daysBefore: asked.daysBefore, board: asked.board.trim() };
  const same =
    schedule === null
      ? current === null
      : current !== null && schedule.daysBefore === current.daysBefore && schedule.board === current.board;
  return same ? {} : { packSchedule: schedule };
}

/** Approval to close (null: none) and the delegated bodies, when they differ from the plan's. */
function completionChanges(c: Of<'AmendPlan'>, state: PlanState): Pick<Data<'PlanAmended'>, 'approvalToClose' | 'delegatedSignOff'> {
  const approvalToClose = c.approvalToClose === undefined ? undefined : c.approvalToClose?.trim() || null;
  const delegated = c.delegatedSignOff && bodyNames(c.delegatedSignOff);
  return {
    ...(approvalToClose !== undefined && approvalToClose !== state.approvalToClose ? { approvalToClose } : {}),
    ...(delegated && !sameList([...delegated].sort(), [...state.delegatedSignOff].sort()) ? { delegatedSignOff: delegated } : {}),
  };
}

/**
 * The settings given, without any left undefined (a request object may carry them), and the days
 * before a date furthest first, so [1, 7, 14] and [14, 7, 1] are the same policy.
 */
function orderedPolicy(policy: Partial<ReminderPolicy> | undefined): Partial<ReminderPolicy> {
  const given = Object.entries(policy ?? {}).filter(([, value]) => value !== undefined);
  return Object.fromEntries(
    given.map(([setting, value]) => [setting, Array.isArray(value) ? [...value].sort((a: number, b: number) => b - a) : value]),
  );
}

function reminderPolicyChanges(asked: Partial<ReminderPolicy> | undefined, current: ReminderPolicy): Partial<ReminderPolicy> {
  return Object.fromEntries(
    Object.entries(orderedPolicy(asked)).filter(([setting, value]) => {
      const was = current[setting as keyof ReminderPolicy];
      return Array.isArray(value) ? !sameList(value.map(String), (was as number[]).map(String)) : value !== was;
    }),
  );
}

function addGrouping(c: Of<'AddGrouping'>, state: PlanState): Decision {
  return (
    firstOf(
      planOpenToChange(state),
      onlyPlanManagers(c.actor),
      state.groupings.has(c.groupingId) ? refusePlan.groupingExists(c.groupingId) : null,
      c.parentId === null ? null : groupingKnown(state, c.parentId),
      kindValid(c.kind, 'kind'),
      required(c.title, 'title'),
      referencesValid(c.references),
    ) ?? [
      {
        type: 'GroupingAdded',
        data: {
          groupingId: c.groupingId,
          parentId: c.parentId,
          kind: c.kind.trim(),
          references: c.references.map((r) => r.trim()),
          title: c.title.trim(),
        },
      },
    ]
  );
}

function amendGrouping(c: Of<'AmendGrouping'>, state: PlanState): Decision {
  const { groupingId, parentId } = c;
  const refused = firstOf(
    planOpenToChange(state),
    onlyPlanManagers(c.actor),
    groupingKnown(state, groupingId),
    parentId == null ? null : groupingKnown(state, parentId),
    parentId != null && isWithin(state, parentId, groupingId) ? refusePlan.groupingCycle(groupingId, parentId) : null,
    c.title === undefined ? null : required(c.title, 'title'),
    c.kind === undefined ? null : kindValid(c.kind, 'kind'),
    referencesValid(c.references ?? []),
    required(c.reason, 'reason'),
  );
  if (refused) return refused;
  const changes = groupingChanges(c, state);
  return Object.keys(changes).length === 0
    ? refusePlan.nothingToAmend()
    : [{ type: 'GroupingAmended', data: { groupingId, ...changes, reason: c.reason.trim() } }];
}

function groupingChanges(c: Of<'AmendGrouping'>, state: PlanState): Omit<Data<'GroupingAmended'>, 'groupingId' | 'reason'> {
  const was = state.groupings.get(c.groupingId)!;
  const title = c.title?.trim();
  const references = c.references?.map((r) => r.trim());
  return {
    ...(title !== undefined && title !== was.title ? { title } : {}),
    ...(references !== undefined && !sameList(references, was.references) ? { references } : {}),
    ...(c.kind !== undefined && c.kind.trim() !== was.kind ? { kind: c.kind.trim() } : {}),
    ...(c.parentId !== undefined && c.parentId !== was.parentId ? { parentId: c.parentId } : {}),
  };
}

function close(c: Of<'ClosePlan'>, state: PlanState): Decision {
  return (
    firstOf(
      planOpenToChange(state),
      onlyPlanManagers(c.actor),
      state.stage === 'draft' ? refusePlan.notActive() : null,
      required(c.approvedBy, 'approvedBy'),
      notInFuture('approvedOn', c.approvedOn, c.now),
      allCountedComplete(c.facts.actions),
    ) ?? [
      {
        type: 'PlanClosed',
        data: {
          approvedBy: c.approvedBy.trim(),
          approvedOn: c.approvedOn,
          counted: c.facts.actions.filter((a) => a.counted && a.complete).length,
        },
      },
    ]
  );
}
