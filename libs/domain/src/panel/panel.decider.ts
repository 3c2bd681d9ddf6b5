import type { Decider } from '../decider';
import { DomainError } from '../domain-error';
import { beforeBeginning, isPastDated, refuseEffective, withEffectiveRules, type Beginnings, type Effective } from '../effective';
import type { PanelCommand } from './panel.commands';
import type { AttendanceExtras } from './minutes.commands';
import type { PanelEvent } from './panel.events';
import { decisionStanding, refusalToDecide } from './panel.quorum';
import { chairsOrManages, distinctUsers, firstOf, isDay, isScheduled, managesPlans, refuse, required, seatsHeld } from './panel.rules';
import { evolvePanel, initialPanelState, type PanelState } from './panel.state';
import { amendsApprovedMinutes, attendanceExtras, decideMinutes, decidingMember } from './minutes.decider';
import { declaredOn } from './minutes.state';
import { confirmDecisionEntry, rejectDecisionEntry } from './decision-entry';
import { decodePanelEvent } from './panel.stream';
import { decidable, refuseStandingMeeting, standingMeetingDefaults, tableable } from '../standing-panel/standing-meeting';

type Decision = PanelEvent[] | DomainError;
type Of<T extends PanelCommand['type']> = Extract<PanelCommand, { type: T }>;

/** Every rule of one evidence challenge panel meeting, as a pure function of its history and a command. */
export const panelDecider: Decider<PanelCommand, PanelEvent, PanelState> = {
  initialState: initialPanelState,
  evolve: evolvePanel,
  decode: decodePanelEvent,
  decide: (command, state) =>
    amendsApprovedMinutes(command, state) ?? withEffectiveRules(panelRules.decide(command, state), command, beginningsOf(command, state)),
};

const dayStart = (day: string | null) => (day ? `${day}T00:00:00.000Z` : null);

/** A meeting's tabling counts from its scheduling; what happens at it, from its day. */
function beginningsOf(command: PanelCommand, state: PanelState): Beginnings {
  switch (command.type) {
    case 'SchedulePanel':
    case 'ScheduleStandingPanelMeeting':
      return { plan: command.facts.planBegan };
    case 'TableAction':
    case 'AddAgendaItem':
    case 'DeclareInterest':
      return { meeting: command.began };
    case 'RecordAttendance':
    case 'RecordItemNotes':
    case 'RecordResultingAction':
    case 'ApproveMinutes':
    case 'RecordEarlierMinutesApproved':
      return { meeting: dayStart(state.date) };
    case 'DecideOnAction':
      return { meeting: dayStart(state.date), action: command.facts.action?.began };
    case 'ConfirmDecisionEntry':
    case 'RejectDecisionEntry':
      return { meeting: dayStart(state.date) };
  }
}

/**
 * The effective date of a decision the command gives none: its meeting's day, once that day has
 * passed. On the day itself the moment of recording is on that day already, and keeps the order
 * of the day's events (a submission in the morning, its sign-off in the afternoon).
 */
export function meetingDayEffective(date: string | null, now: string): Effective | undefined {
  const meeting: Effective | null = date ? { at: dayStart(date)!, precision: 'day', source: null } : null;
  return meeting && isPastDated(meeting, now) ? meeting : undefined;
}

/** The panel's own rules, before an effective date the command gives is checked. */
const panelRules: Pick<Decider<PanelCommand, PanelEvent, PanelState>, 'decide'> = {
  decide(command, state): Decision {
    switch (command.type) {
      case 'SchedulePanel':
        return schedule(command, state);
      case 'ScheduleStandingPanelMeeting':
        return scheduleStanding(command, state);
      case 'TableAction':
        return table(command, state);
      case 'RecordAttendance':
        return recordAttendance(command, state);
      case 'DecideOnAction':
        return decideOnAction(command, state);
      case 'ConfirmDecisionEntry':
        return confirmDecisionEntry(command, state);
      case 'RejectDecisionEntry':
        return rejectDecisionEntry(command, state);
      case 'DeclareInterest':
      case 'AddAgendaItem':
      case 'RecordItemNotes':
      case 'RecordResultingAction':
      case 'ApproveMinutes':
      case 'RecordEarlierMinutesApproved':
        return decideMinutes(command, state);
      default: {
        const unhandled: never = command;
        throw new Error(`unhandled command ${JSON.stringify(unhandled)}`);
      }
    }
  },
};

/** Only users who hold a panel seat (ADR 28) and are enabled are scheduled to sit on it, the chair included. */
function schedule(c: Of<'SchedulePanel'>, state: PanelState): Decision {
  const members = distinctUsers([...c.members, c.chair]);
  return (
    firstOf(
      c.facts.planExists ? null : refuse.unknownPlan(c.planId),
      c.facts.unknownUsers.length ? refuse.unknownUsers(c.facts.unknownUsers) : null,
      state.scheduled ? refuse.alreadyScheduled() : null,
      managesPlans(c.actor) ? null : refuse.notPlanManager(),
      required(c.title, 'title'),
      required(c.chair, 'chair'),
      isDay(c.date),
      seatsHeld(members, c.facts.people),
    ) ?? [
      {
        type: 'PanelScheduled',
        data: {
          panelId: c.panelId,
          planId: c.planId,
          title: c.title.trim(),
          date: c.date,
          chair: c.chair.trim(),
          members,
        },
      },
    ]
  );
}

/** A standing panel's meeting is scheduled as a meeting of one of the plans it serves, taking the panel's chair and members unless given others. */
function scheduleStanding(c: Of<'ScheduleStandingPanelMeeting'>, state: PanelState): Decision {
  const standing = c.facts.standingPanel;
  const meeting = standingMeetingDefaults(c, standing);
  const refused = firstOf(
    managesPlans(c.actor) ? null : refuse.notPlanManager(),
    standing ? null : refuseStandingMeeting.unknownStandingPanel(c.standingPanelId),
    standing && !standing.planIds.includes(meeting.planId) ? refuseStandingMeeting.planNotServed(meeting.planId) : null,
  );
  if (refused) return refused;
  const scheduled = schedule({ ...c, ...meeting, type: 'SchedulePanel' }, state);
  return Array.isArray(scheduled)
    ? scheduled.map((event) =>
        event.type === 'PanelScheduled' ? { ...event, data: { ...event.data, standingPanelId: c.standingPanelId } } : event,
      )
    : scheduled;
}

function table(c: Of<'TableAction'>, state: PanelState): Decision {
  const { action } = c.facts;
  // At a standing panel's meeting each action's plan is recorded: they differ.
  const planOf = state.standingPanelId === null ? {} : { planId: action?.planId };
  return (
    firstOf(
      tableable(state, c.actionId, action, c.facts.servedPlans),
      isScheduled(state),
      chairsOrManages(state, c.actor),
      action?.stage === 'submitted' ? null : refuse.actionNotSubmitted(),
      state.tabled.has(c.actionId) ? refuse.alreadyTabled(c.actionId) : null,
    ) ?? [
      {
        type: 'ActionTabled',
        data: { actionId: c.actionId, references: action!.references, submittedVersion: action!.version, ...planOf },
      },
    ]
  );
}

/** Those present must be members still holding a seat: a member disabled or moved to another role since does not attend. */
function recordAttendance(c: Of<'RecordAttendance'>, state: PanelState): Decision {
  const present = distinctUsers(c.present);
  const strangers = present.filter((userId) => !state.members.includes(userId));
  const extras = attendanceExtras(c, present, state);
  return (
    firstOf(
      isScheduled(state),
      chairsOrManages(state, c.actor),
      strangers.length ? refuse.notMembers(strangers) : null,
      seatsHeld(present, c.facts.people),
      extras instanceof DomainError ? extras : null,
    ) ?? [{ type: 'AttendanceRecorded', data: { present, ...(extras as AttendanceExtras) } }]
  );
}

/** Signing off at the evidence panel, or sending the action back, deferring or not accepting it. */
function decideOnAction(c: Of<'DecideOnAction'>, state: PanelState): Decision {
  const { action } = c.facts;
  const outside = decidable(state, c.actionId, action);
  if (outside) return outside;
  const standing = decisionStanding({ ...state, declared: declaredOn(state.minutes, c.actionId) }, c.facts);
  const deciding = decidingMember(c);
  if (deciding instanceof DomainError) return deciding;
  const challengePoints = (c.challengePoints ?? []).map((point) => point.trim()).filter((point) => point !== '');
  const deferredTo = c.deferredTo?.trim() || null;
  const evidenceConsidered = action!.evidenceConsidered;
  const refused = firstOf(
    onTheAgenda(c, state),
    refusalToDecide(deciding.decider, state.present, standing),
    required(c.rationale, 'rationale'),
    c.outcome === 'more evidence required' && challengePoints.length === 0 ? refuse.noChallengePoints() : null,
    c.outcome === 'signed off' && evidenceConsidered.length === 0 ? refuse.noEvidence() : null,
    deferredTo && c.outcome !== 'deferred' ? refuse.deferredToWithoutDeferral() : null,
    deferredTo !== null && deferredTo === state.panelId ? refuse.deferredToItself() : null,
    c.effective ? null : onTheMeetingDay(state, c.now, action!.began),
  );
  if (refused) return refused;
  return [
    {
      type: 'PanelDecisionRecorded',
      data: {
        decisionId: c.decisionId,
        actionId: c.actionId,
        outcome: c.outcome,
        rationale: c.rationale.trim(),
        challengePoints: c.outcome === 'more evidence required' ? challengePoints : [],
        deferredTo,
        present: state.present,
        countedTowardsQuorum: standing.counted,
        evidenceConsidered,
        decidedBy: deciding.decider.userId,
        ...(deciding.enteredBy ? { enteredBy: deciding.enteredBy, awaitingConfirmation: true as const } : {}),
        ...(state.standingPanelId && c.facts.quorumFrom ? { quorum: { needed: standing.needed, from: c.facts.quorumFrom } } : {}),
      },
    },
  ];
}

function onTheAgenda(c: Of<'DecideOnAction'>, state: PanelState): DomainError | null {
  return firstOf(
    isScheduled(state),
    state.tabled.has(c.actionId) ? null : refuse.notTabled(c.actionId),
    state.decisions.has(c.actionId) ? refuse.alreadyDecided(c.actionId) : null,
    state.decisionIds.has(c.decisionId) ? refuse.decisionExists(c.decisionId) : null,
    c.facts.action?.stage === 'submitted' ? null : refuse.actionNotSubmitted(),
  );
}

/** A decision given no effective date is effective on its meeting's day: one that has come, and not before the action began. */
function onTheMeetingDay(state: PanelState, now: string, actionBegan: string | null | undefined): DomainError | null {
  if (state.date && state.date > now.slice(0, 10)) return refuseEffective.meetingAhead(state.date);
  const meetingDay = meetingDayEffective(state.date, now);
  return meetingDay ? beforeBeginning(meetingDay, { action: actionBegan }) : null;
}
