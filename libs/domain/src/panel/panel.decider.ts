import type { Decider } from '../decider';
import type { DomainError } from '../domain-error';
import type { PanelCommand } from './panel.commands';
import type { PanelEvent } from './panel.events';
import { chairsOrManages, distinctUsers, firstOf, inThisPlan, isDay, isScheduled, managesPlans, refuse, required } from './panel.rules';
import { evolvePanel, initialPanelState, type PanelState } from './panel.state';
import { decodePanelEvent } from './panel.stream';

type Decision = PanelEvent[] | DomainError;
type Of<T extends PanelCommand['type']> = Extract<PanelCommand, { type: T }>;

/** Every rule of one evidence challenge panel meeting, as a pure function of its history and a command. */
export const panelDecider: Decider<PanelCommand, PanelEvent, PanelState> = {
  initialState: initialPanelState,
  evolve: evolvePanel,
  decode: decodePanelEvent,
  decide(command, state): Decision {
    switch (command.type) {
      case 'SchedulePanel':
        return schedule(command, state);
      case 'TableAction':
        return table(command, state);
      case 'RecordAttendance':
        return recordAttendance(command, state);
      case 'DecideOnAction':
        return decideOnAction(command, state);
      default: {
        const unhandled: never = command;
        throw new Error(`unhandled command ${JSON.stringify(unhandled)}`);
      }
    }
  },
};

function schedule(c: Of<'SchedulePanel'>, state: PanelState): Decision {
  return (
    firstOf(
      c.facts.planExists ? null : refuse.unknownPlan(c.planId),
      c.facts.unknownUsers.length ? refuse.unknownUsers(c.facts.unknownUsers) : null,
      state.scheduled ? refuse.alreadyScheduled() : null,
      managesPlans(c.actor) ? null : refuse.notPlanManager(),
      required(c.title, 'title'),
      required(c.chair, 'chair'),
      isDay(c.date),
    ) ?? [
      {
        type: 'PanelScheduled',
        data: {
          panelId: c.panelId,
          planId: c.planId,
          title: c.title.trim(),
          date: c.date,
          chair: c.chair.trim(),
          members: distinctUsers([...c.members, c.chair]),
        },
      },
    ]
  );
}

function table(c: Of<'TableAction'>, state: PanelState): Decision {
  const { action } = c.facts;
  return (
    firstOf(
      inThisPlan(state, c.actionId, action),
      isScheduled(state),
      chairsOrManages(state, c.actor),
      action?.stage === 'submitted' ? null : refuse.actionNotSubmitted(),
      state.tabled.has(c.actionId) ? refuse.alreadyTabled(c.actionId) : null,
    ) ?? [{ type: 'ActionTabled', data: { actionId: c.actionId, references: action!.references, submittedVersion: action!.version } }]
  );
}

function recordAttendance(c: Of<'RecordAttendance'>, state: PanelState): Decision {
  const present = distinctUsers(c.present);
  const strangers = present.filter((userId) => !state.members.includes(userId));
  return (
    firstOf(isScheduled(state), chairsOrManages(state, c.actor), strangers.length ? refuse.notMembers(strangers) : null) ?? [
      { type: 'AttendanceRecorded', data: { present } },
    ]
  );
}

/** Signing off at the evidence panel, or sending the action back, deferring or not accepting it. */
function decideOnAction(c: Of<'DecideOnAction'>, state: PanelState): Decision {
  const { action } = c.facts;
  const outside = inThisPlan(state, c.actionId, action);
  if (outside) return outside;
  // Owners may sit on the panel and be present, but they do not hold themselves to account.
  const conflicted = action!.ownerUserIds;
  const counted = state.present.filter((userId) => !conflicted.includes(userId));
  const challengePoints = (c.challengePoints ?? []).map((point) => point.trim()).filter((point) => point !== '');
  const deferredTo = c.deferredTo?.trim() || null;
  const evidenceConsidered = action!.evidenceConsidered;
  const refused = firstOf(
    onTheAgenda(c, state),
    mayDecide(c, state, conflicted, counted),
    required(c.rationale, 'rationale'),
    c.outcome === 'more evidence required' && challengePoints.length === 0 ? refuse.noChallengePoints() : null,
    c.outcome === 'signed off' && evidenceConsidered.length === 0 ? refuse.noEvidence() : null,
    deferredTo && c.outcome !== 'deferred' ? refuse.deferredToWithoutDeferral() : null,
    deferredTo !== null && deferredTo === state.panelId ? refuse.deferredToItself() : null,
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
        countedTowardsQuorum: counted,
        evidenceConsidered,
        decidedBy: c.actor.userId,
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

/** Attendance is taken before any decision, so until then nobody is present. */
function mayDecide(c: Of<'DecideOnAction'>, state: PanelState, conflicted: string[], counted: string[]): DomainError | null {
  const { quorum } = c.facts;
  return firstOf(
    state.present.includes(c.actor.userId) ? null : refuse.notPresent(),
    conflicted.includes(c.actor.userId) ? refuse.conflicted() : null,
    counted.length >= quorum ? null : refuse.notQuorate(quorum, counted.length),
  );
}
