import { Command } from '@nestjs/cqrs';
import type { CommandBody, OrganisationCommand, PersonCommand } from '@actionplans/domain';
import type { CommandOutcome } from '../command-runner';
import type { RequestContext } from '../request-context';

/** Registering or renaming an organisation in the register, from any entry point. */
export class OrganisationCommandMessage extends Command<CommandOutcome> {
  constructor(
    readonly organisationId: string,
    readonly body: CommandBody<OrganisationCommand>,
    readonly context: RequestContext,
  ) {
    super();
  }
}

/** Registering a person, changing their details, merging a second record of them; not the merge's second half. */
export class PersonCommandMessage extends Command<CommandOutcome> {
  constructor(
    readonly personId: string,
    readonly body: CommandBody<Exclude<PersonCommand, { type: 'TakeInMergedPerson' }>>,
    readonly context: RequestContext,
  ) {
    super();
  }
}
