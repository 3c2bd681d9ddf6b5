import { Inject } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { actionDecider, actionStream, isDomainError, type ActionState, type Owner } from '@actionplans/domain';
import {
  CommandRefusedError,
  EVENT_STORE,
  PreconditionFailedError,
  WrongExpectedVersionError,
  type EventStore,
} from '@actionplans/event-store';
import { PeopleRegister, type RegisteredPerson } from '@actionplans/read-models';
import { ActionCommandMessage } from '../action/action.messages';
import type { CommandOutcome } from '../command-runner';
import type { RequestContext } from '../request-context';
import { personStateOf } from './register.handler';
import { PersonCommandMessage } from './register.messages';

/**
 * What a leaver's command did: their record, the actions it moved, those an earlier attempt had
 * moved already (the successor owns them, the leaver no longer does), and any an action's own rules refused.
 */
export interface LeaverOutcome extends CommandOutcome {
  moved: string[];
  alreadyMoved: string[];
  refused: Array<{ actionId: string; code: string; message: string }>;
}

/** A person left: records it on their register record and moves each of their open actions to `successorId`. */
export class ReassignLeaver extends Command<LeaverOutcome> {
  constructor(
    readonly personId: string,
    readonly successorId: string,
    readonly reason: string,
    readonly context: RequestContext,
  ) {
    super();
  }
}

const OPEN_STAGES: ActionState['stage'][] = ['open', 'submitted'];

/**
 * One command for a leaver: `PersonLeft` on their record, then for each open action they own
 * (under this record or one merged into it) the action's own `ChangeOwners`, with the reason, so
 * each action's history says who left, who took over and why, and every owner rule still applies.
 * Asked again with the same successor (after some actions were refused, or a crash part way), it
 * records nothing more on the leaver and moves only what they still own, with the reason first
 * recorded; actions moved already are listed, not touched.
 */
@CommandHandler(ReassignLeaver)
export class ReassignLeaverHandler implements ICommandHandler<ReassignLeaver> {
  constructor(
    private readonly commands: CommandBus,
    private readonly register: PeopleRegister,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ personId, successorId, reason, context }: ReassignLeaver): Promise<LeaverOutcome> {
    const left = await this.recordLeft(personId, successorId, reason, context);
    const leaver = this.register.personOf(personId)!;
    const successor = this.register.personOf(successorId)!;
    const records = new Set([leaver.personId, ...leaver.mergedFrom]);
    const why = `${leaver.name} left (${await this.reasonRecorded(personId, reason)}); their part passes to ${successor.name}`;
    const stillTheirs = this.register.actionsOwnedBy(personId);
    const alreadyMoved = this.register.actionsHandedOver(personId, successorId).filter((actionId) => !stillTheirs.includes(actionId));
    const outcome: LeaverOutcome = { ...left, moved: [], alreadyMoved, refused: [] };
    for (const actionId of stillTheirs) {
      const result = await this.handOver(actionId, records, successor, why, context);
      if (result === 'moved') outcome.moved.push(actionId);
      else if (result === 'already moved') outcome.alreadyMoved.push(actionId);
      else if (result !== 'closed') outcome.refused.push({ actionId, ...result });
    }
    return outcome;
  }

  /**
   * Moves one action, decided on the version just read (If-Match): a concurrent attempt of the same
   * leaver (a retry sent twice, a double click) that moved it first makes this one read it again
   * and find the leaver gone, so the action is moved once and its history says it once. The
   * index the list came from may lag: an action no longer theirs when read is not changed again.
   */
  private async handOver(actionId: string, records: Set<string>, successor: RegisteredPerson, why: string, context: RequestContext) {
    for (let attempt = 1; ; attempt += 1) {
      const { state, version } = await this.action(actionId);
      if (!OPEN_STAGES.includes(state.stage)) return 'closed' as const;
      if (![...state.leadOwners, ...state.supportingOwners].some((owner) => owner.personId && records.has(owner.personId)))
        return 'already moved' as const;
      // Each action is a command of its own: the request's If-Match and idempotency key were for the leaver's record.
      const perAction: RequestContext = { ...context, ifMatch: version, idempotency: undefined };
      const body = { type: 'ChangeOwners' as const, ...handedOver(state, records, successor), reason: why };
      try {
        await this.commands.execute(new ActionCommandMessage(actionId, body, perAction));
        return 'moved' as const;
      } catch (error) {
        const raced = error instanceof PreconditionFailedError || error instanceof WrongExpectedVersionError;
        if (raced && attempt < 5) continue;
        if (!(error instanceof CommandRefusedError) || !isDomainError(error.refusal)) throw error;
        return { code: error.refusal.code, message: error.refusal.message };
      }
    }
  }

  /** `PersonLeft` once: a concurrent attempt that stored it first makes this one a retry, which records nothing more. */
  private async recordLeft(personId: string, successorId: string, reason: string, context: RequestContext): Promise<CommandOutcome> {
    const send = () =>
      this.commands.execute(new PersonCommandMessage(personId, { type: 'RecordPersonLeft', reason, successorId }, context));
    try {
      return await send();
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      return send();
    }
  }

  /** The reason on the leaver's record: a retry's actions say the same as the first attempt's did. */
  private async reasonRecorded(personId: string, asked: string): Promise<string> {
    const state = await personStateOf(this.store, personId);
    return state.leftBecause ?? asked;
  }

  private async action(actionId: string): Promise<{ state: ActionState; version: number }> {
    const events = await this.store.readStream(actionStream(actionId));
    const state = events.reduce((folded, event) => actionDecider.evolve(folded, actionDecider.decode(event)), actionDecider.initialState);
    return { state, version: events.length };
  }
}

/** The action's owners with the leaver's places taken by the successor (once, where they already own it). */
function handedOver(state: ActionState, records: Set<string>, successor: RegisteredPerson) {
  const taker: Owner = {
    kind: 'person',
    name: successor.name,
    personId: successor.personId,
    ...(successor.email ? { email: successor.email } : {}),
  };
  const already = (owners: Owner[]) => owners.some((owner) => owner.personId === successor.personId);
  const replace = (owners: Owner[], skip: boolean) =>
    owners.flatMap((owner) => (owner.personId && records.has(owner.personId) ? (skip ? [] : [taker]) : [owner]));
  const leadOwners = replace(state.leadOwners, already(state.leadOwners));
  const supportingOwners = replace(state.supportingOwners, already([...state.leadOwners, ...state.supportingOwners])).filter(
    (owner) => !(owner.personId === successor.personId && already(leadOwners)),
  );
  return { leadOwners, supportingOwners };
}
