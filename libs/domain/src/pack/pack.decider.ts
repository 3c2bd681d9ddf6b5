import type { Decider } from '../decider';
import { DomainError } from '../domain-error';
import { withEffectiveRules } from '../effective';
import { firstOf, managesPlans, requiredIn } from '../rules';
import type { PackCommand } from './pack.commands';
import type { PackEvent, PackInputs, PackMeeting } from './pack.events';
import { decodePackEvent } from './pack.stream';

/** The packs issued of one plan so far. */
export interface PackRegisterState {
  packIds: string[];
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isDay = (value: string | null | undefined): value is string =>
  typeof value === 'string' && DAY.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);

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
};

/** Issuing a pack to a meeting: a plan manager's act, recorded once, with what the pack was made from and its hash. */
export const packDecider: Decider<PackCommand, PackEvent, PackRegisterState> = {
  initialState: { packIds: [] },
  evolve: (state, event) => ({ packIds: [...state.packIds, event.data.packId] }),
  decode: decodePackEvent,
  decide: (command, state) => withEffectiveRules(decidePack(command, state), command, {}),
};

function decidePack(command: PackCommand, state: PackRegisterState): PackEvent[] | DomainError {
  switch (command.type) {
    case 'IssuePack':
      return (
        firstOf(
          managesPlans(command.actor) ? null : refusePack.notPlanManager(),
          command.facts.planExists ? null : refusePack.unknownPlan(),
          state.packIds.includes(command.packId) ? refusePack.alreadyIssued() : null,
          inputsValid(command.inputs, command.now),
          meetingValid(command.meeting, command.facts.meetingExists),
          /^[0-9a-f]{64}$/.test(command.hash) ? null : refusePack.badHash(),
        ) ?? [issued(command)]
      );
    default: {
      const unhandled: never = command.type;
      throw new Error(`unhandled command ${JSON.stringify(unhandled)}`);
    }
  }
}

function inputsValid(inputs: PackInputs, now: string): DomainError | null {
  return firstOf(
    isDay(inputs.asAt) ? null : refusePack.badDay('asAt'),
    inputs.asAt > now.slice(0, 10) ? refusePack.asAtInFuture() : null,
    inputs.compareWith === null || isDay(inputs.compareWith) ? null : refusePack.badDay('compareWith'),
    requiredIn('PACK', inputs.cover.title, 'cover.title'),
  );
}

function meetingValid(meeting: PackMeeting, meetingExists: boolean): DomainError | null {
  if ((meeting.panelId === null) === (meeting.board === null)) return refusePack.oneMeeting();
  return firstOf(
    meeting.panelId !== null && !meetingExists ? refusePack.unknownMeeting(meeting.panelId) : null,
    meeting.board !== null ? requiredIn('PACK', meeting.board, 'meeting.board') : null,
    isDay(meeting.date) ? null : refusePack.badDay('meeting.date'),
  );
}

function issued({ packId, planId, inputs, hash, meeting }: PackCommand): PackEvent {
  const trimmed: PackMeeting = meeting.board === null ? meeting : { ...meeting, board: meeting.board.trim() };
  return { type: 'PackIssued', data: { packId, planId, inputs, hash, meeting: trimmed } };
}
