import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  organisationDecider,
  organisationStream,
  personDecider,
  personStream,
  type CommandWithFacts,
  type MergeTargetFacts,
  type OrganisationCommand,
  type PersonCommand,
  type PersonState,
} from '@actionplans/domain';
import { EVENT_STORE, type EventStore } from '@actionplans/event-store';
import { CommandRunner, type CommandOutcome } from '../command-runner';
import { OrganisationCommandMessage, PersonCommandMessage } from './register.messages';

/** Reads the contact person an organisation's contact names, from their stream at the moment of deciding. */
@CommandHandler(OrganisationCommandMessage)
export class OrganisationCommandHandler implements ICommandHandler<OrganisationCommandMessage> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  execute({ organisationId, body, context }: OrganisationCommandMessage): Promise<CommandOutcome> {
    return this.runner.run(organisationId, organisationStream(organisationId), organisationDecider, context, () => this.withFacts(body));
  }

  private async withFacts(body: OrganisationCommandMessage['body']): Promise<CommandWithFacts<OrganisationCommand>> {
    if (body.type !== 'SetOrganisationContact') return body;
    const personId = body.contact.personId;
    if (!personId) return { ...body, facts: { person: null } };
    const state = await personStateOf(this.store, personId);
    return { ...body, facts: { person: { registered: state.registered, mergedInto: state.mergedInto } } };
  }
}

/**
 * Reads the other records a person's rule needs (their organisation, a successor, the record a
 * duplicate merges into) from their streams at the moment of deciding. A merge is two writes:
 * the duplicate is closed first (so nothing more is recorded on it), then the record kept notes it.
 * If the second write was lost, the same merge asked again writes nothing on the duplicate and
 * writes the second half (the decider spots the half-done merge from both streams).
 */
@CommandHandler(PersonCommandMessage)
export class PersonCommandHandler implements ICommandHandler<PersonCommandMessage> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ personId, body, context }: PersonCommandMessage): Promise<CommandOutcome> {
    const outcome = await this.runner.run(personId, personStream(personId), personDecider, context, () => this.withFacts(body));
    if (body.type === 'MergePersonInto') {
      const takeIn = { type: 'TakeInMergedPerson' as const, personId, reason: body.reason, facts: {} };
      // Its own rule makes it idempotent; the request's If-Match and idempotency key were for the duplicate.
      const kept = { ...context, ifMatch: undefined, idempotency: undefined };
      await this.runner.run(body.personId, personStream(body.personId), personDecider, kept, () => takeIn);
    }
    return outcome;
  }

  private async withFacts(body: PersonCommandMessage['body']): Promise<CommandWithFacts<PersonCommand>> {
    switch (body.type) {
      case 'RegisterPerson':
      case 'ChangePersonDetails':
        return { ...body, facts: { organisation: await this.organisation(body.details.organisationId) } };
      case 'RecordPersonLeft':
        return { ...body, facts: { successor: body.successorId === null ? null : await this.person(body.successorId) } };
      case 'MergePersonInto':
        return { ...body, facts: { into: await this.person(body.personId) } };
    }
  }

  private async person(personId: string): Promise<MergeTargetFacts> {
    const state = await personStateOf(this.store, personId);
    return { registered: state.registered, mergedInto: state.mergedInto, mergedFrom: state.mergedFrom };
  }

  private async organisation(organisationId: string | null) {
    if (organisationId === null) return null;
    const events = await this.store.readStream(organisationStream(organisationId));
    return { registered: events.length > 0, mergedInto: null };
  }
}

/** A person's record as its rules see it, folded from its stream. */
export async function personStateOf(store: EventStore, personId: string): Promise<PersonState> {
  const events = await store.readStream(personStream(personId));
  return events.reduce((folded, event) => personDecider.evolve(folded, personDecider.decode(event)), personDecider.initialState);
}
