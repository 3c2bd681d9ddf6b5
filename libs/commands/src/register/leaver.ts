import { Inject } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { actionDecider, actionStream, isDomainError, type ActionState, type Owner } from '@actionplans/domain';
import { CommandRefusedError, EVENT_STORE, type EventStore } from '@actionplans/event-store';
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
    const left = await this.commands.execute(
      new PersonCommandMessage(personId, { type: 'RecordPersonLeft', reason, successorId }, context),
    );
    const leaver = this.register.personOf(personId)!;
    const successor = this.register.personOf(successorId)!;
    const records = new Set([leaver.personId, ...leaver.mergedFrom]);
    const why = `${leaver.name} left (${await this.reasonRecorded(personId, reason)}); their part passes to ${successor.name}`;
    // Each action is a command of its own: If-Match and an idempotency key were for the leaver's record.
    const perAction: RequestContext = { ...context, ifMatch: undefined, idempotency: undefined };
    const stillTheirs = this.register.actionsOwnedBy(personId);
    const alreadyMoved = this.register.actionsHandedOver(personId, successorId).filter((actionId) => !stillTheirs.includes(actionId));
    const moved: string[] = [];
    const refused: LeaverOutcome['refused'] = [];
    for (const actionId of stillTheirs) {
      const state = await this.action(actionId);
      if (!OPEN_STAGES.includes(state.stage)) continue;
      const owners = handedOver(state, records, successor);
      try {
        await this.commands.execute(new ActionCommandMessage(actionId, { type: 'ChangeOwners', ...owners, reason: why }, perAction));
        moved.push(actionId);
      } catch (error) {
        if (!(error instanceof CommandRefusedError) || !isDomainError(error.refusal)) throw error;
        refused.push({ actionId, code: error.refusal.code, message: error.refusal.message });
      }
    }
    return { ...left, moved, alreadyMoved, refused };
  }

  /** The reason on the leaver's record: a retry's actions say the same as the first attempt's did. */
  private async reasonRecorded(personId: string, asked: string): Promise<string> {
    const state = await personStateOf(this.store, personId);
    return state.leftBecause ?? asked;
  }

  private async action(actionId: string): Promise<ActionState> {
    const events = await this.store.readStream(actionStream(actionId));
    return events.reduce((state, event) => actionDecider.evolve(state, actionDecider.decode(event)), actionDecider.initialState);
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
