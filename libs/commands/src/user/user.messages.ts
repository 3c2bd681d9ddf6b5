import { Command } from '@nestjs/cqrs';
import { v7 as uuidv7 } from 'uuid';
import type { NewUser, UserCommand } from '@actionplans/auth';
import type { CommandBody } from '@actionplans/domain';
import type { CommandOutcome } from '../command-runner';
import type { RequestContext } from '../request-context';

/** A personal API token, answered once: only its hash is stored. */
export interface IssuedToken {
  userId: string;
  token: string;
  version: number;
  position: number;
}

/** Adds a user with a personal API token (an admin, or the command line). */
export class AddUser extends Command<IssuedToken> {
  constructor(
    readonly user: NewUser,
    readonly context: RequestContext,
    readonly userId: string = uuidv7(),
  ) {
    super();
  }
}

/** Replaces a user's token: the old one stops working. */
export class IssueApiToken extends Command<IssuedToken> {
  constructor(
    readonly userId: string,
    readonly context: RequestContext,
  ) {
    super();
  }
}

/** Any other command on one user (directory sign-in, role changes, disabling). */
export class UserCommandMessage extends Command<CommandOutcome> {
  constructor(
    readonly userId: string,
    readonly body: CommandBody<Exclude<UserCommand, { type: 'AddUser' | 'IssueApiToken' }>>,
    readonly context: RequestContext,
  ) {
    super();
  }
}
