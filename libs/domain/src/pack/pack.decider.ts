import type { Decider } from '../decider';
import { DomainError } from '../domain-error';
import { withEffectiveRules } from '../effective';
import { isCalendarDay } from '../reminders/calendar-day';
import { firstOf, managesPlans, requiredIn } from '../rules';
import type { PackCommand } from './pack.commands';
import type { PackEvent, PackInputs, PackMeeting } from './pack.events';
import { decodePackEvent } from './pack.stream';

/** The packs issued of one plan so far; of the scheduled ones, the board dates they were made for and which have been sent. */
export interface PackRegisterState {
  packIds: string[];
  scheduledFor: Map<string, string>;
  sent: Set<string>;
}

export const refusePack = {
  notPlanManager: () => new DomainError('PACK.NOT_PLAN_MANAGER', 'only a plan manager or an admin issues a committee pack', true),
  unknownPlan: () => new DomainError('PACK.UNKNOWN_PLAN', 'there is no such plan to issue a pack of'),
  alreadyIssued: () => new DomainError('PACK.ALREADY_ISSUED', 'this pack has been issued already'),
  unknownMeeting: (panelId: string) => new DomainError('PACK.UNKNOWN_MEETING', `meeting.panelId: there is no panel meeting ${panelId}`),
  oneMeeting: () =>
    new DomainError('PACK.MEETING', 'meeting: name either a panel meeting (panelId) or a board or committee (board), not both or neither'),
  badDay: (field: string) => new DomainError('PACK.INVALID_DATE', `${field}: must be a real day, YYYY-MM-DD`),
  asAtInFuture: () => new DomainError('PACK.AS_AT_IN_FUTURE', 'asAt: a pack is as at today or an earlier day'),
  badHash: () => new DomainError('PACK.HASH', 'hash: must be a SHA-256 in hex'),
  notScheduler: () => new DomainError('PACK.NOT_SCHEDULER', "only the engine's pack schedule makes and sends scheduled packs", true),
  scheduledToBoard: () => new DomainError('PACK.MEETING', 'meeting: a scheduled pack is made for a board date, not a panel meeting'),
  alreadyScheduled: (date: string) =>
    new DomainError('PACK.ALREADY_SCHEDULED', `the scheduled pack for the board of ${date} has been made already`),
  notScheduled: (packId: string) => new DomainError('PACK.NOT_SCHEDULED', `pack ${packId} was not made on the plan's schedule`),
  alreadySent: () => new DomainError('PACK.ALREADY_SENT', 'this scheduled pack has been sent already'),
};

/** Issuing a pack to a meeting: a plan manager's act, recorded once, with what the pack was made from and its hash. */
export const packDecider: Decider<PackCommand, PackEvent, PackRegisterState> = {
  initialState: { packIds: [], scheduledFor: new Map(), sent: new Set() },
  evolve: evolvePacks,
  decode: decodePackEvent,
  decide: (command, state) => withEffectiveRules(decidePack(command, state), command, {}),
};

function decidePack(command: PackCommand, state: PackRegisterState): PackEvent[] | DomainError {
  switch (command.type) {
    case 'IssuePack':
      return (
        firstOf(
          issuerAllowed(command, state),
          command.facts.planExists ? null : refusePack.unknownPlan(),
          state.packIds.includes(command.packId) ? refusePack.alreadyIssued() : null,
          inputsValid(command.inputs, command.now),
          meetingValid(command.meeting, command.facts.meetingExists),
          /^[0-9a-f]{64}$/.test(command.hash) ? null : refusePack.badHash(),
        ) ?? [issued(command)]
      );
    case 'RecordScheduledPackSent':
      return (
        firstOf(
          command.actor.role === 'system' ? null : refusePack.notScheduler(),
          state.scheduledFor.has(command.packId) ? null : refusePack.notScheduled(command.packId),
          state.sent.has(command.packId) ? refusePack.alreadySent() : null,
        ) ?? [
          { type: 'ScheduledPackSent', data: { packId: command.packId, to: command.to, notReached: command.notReached, pdf: command.pdf } },
        ]
      );
    default: {
      const unhandled: never = command;
      throw new Error(`unhandled command ${JSON.stringify(unhandled)}`);
    }
  }
}

function evolvePacks(state: PackRegisterState, event: PackEvent): PackRegisterState {
  if (event.type === 'ScheduledPackSent') return { ...state, sent: new Set([...state.sent, event.data.packId]) };
  const { packId, scheduled, meeting } = event.data;
  return {
    ...state,
    packIds: [...state.packIds, packId],
    scheduledFor: scheduled ? new Map([...state.scheduledFor, [packId, meeting.date]]) : state.scheduledFor,
  };
}

/**
 * A person issues a pack as a plan manager or admin; the engine issues one only on the plan's pack
 * schedule, to a board date, once per date.
 */
function issuerAllowed(command: Extract<PackCommand, { type: 'IssuePack' }>, state: PackRegisterState): DomainError | null {
  if (!command.scheduled) return managesPlans(command.actor) ? null : refusePack.notPlanManager();
  if (command.actor.role !== 'system') return refusePack.notScheduler();
  if (command.meeting.board === null) return refusePack.scheduledToBoard();
  return [...state.scheduledFor.values()].includes(command.meeting.date) ? refusePack.alreadyScheduled(command.meeting.date) : null;
}

function inputsValid(inputs: PackInputs, now: string): DomainError | null {
  return firstOf(
    isCalendarDay(inputs.asAt) ? null : refusePack.badDay('asAt'),
    inputs.asAt > now.slice(0, 10) ? refusePack.asAtInFuture() : null,
    inputs.compareWith === null || isCalendarDay(inputs.compareWith) ? null : refusePack.badDay('compareWith'),
    requiredIn('PACK', inputs.cover.title, 'cover.title'),
  );
}

function meetingValid(meeting: PackMeeting, meetingExists: boolean): DomainError | null {
  if ((meeting.panelId === null) === (meeting.board === null)) return refusePack.oneMeeting();
  return firstOf(
    meeting.panelId !== null && !meetingExists ? refusePack.unknownMeeting(meeting.panelId) : null,
    meeting.board !== null ? requiredIn('PACK', meeting.board, 'meeting.board') : null,
    isCalendarDay(meeting.date) ? null : refusePack.badDay('meeting.date'),
  );
}

function issued({ packId, planId, inputs, hash, meeting, scheduled }: Extract<PackCommand, { type: 'IssuePack' }>): PackEvent {
  const trimmed: PackMeeting = meeting.board === null ? meeting : { ...meeting, board: meeting.board.trim() };
  return {
    type: 'PackIssued',
    data: { packId, planId, inputs, hash, meeting: trimmed, ...(scheduled ? { scheduled: { daysBefore: scheduled.daysBefore } } : {}) },
  };
}
