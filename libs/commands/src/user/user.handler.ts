import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { v7 as uuidv7 } from 'uuid';
import { newApiToken, userDecider, userStream, type NewUser, type UserCommand } from '@actionplans/auth';
import type { CommandWithFacts } from '@actionplans/domain';
import { CommandRunner, type CommandOutcome } from '../command-runner';
import type { RequestContext } from '../request-context';
import { AddUser, IssueApiToken, UserCommandMessage, type IssuedToken } from './user.messages';

/**
 * Adds a user with a new token. The token is returned here once and never stored: only its
 * hash is. Exported for fixtures that write users without an app; entry points send `AddUser`.
 */
export function addUser(runner: CommandRunner, user: NewUser, context: RequestContext, userId: string = uuidv7()): Promise<IssuedToken> {
  return withNewToken(runner, userId, context, (tokenHash) => ({
    type: 'AddUser',
    userId,
    name: user.name,
    email: user.email ?? null,
    role: user.role,
    tokenHash,
  }));
}

async function withNewToken(
  runner: CommandRunner,
  userId: string,
  context: RequestContext,
  command: (tokenHash: string) => CommandWithFacts<UserCommand>,
): Promise<IssuedToken> {
  const { token, hash } = newApiToken();
  const result = await runner.run(userId, userStream(userId), userDecider, context, () => command(hash));
  return { userId, token, version: result.version, position: result.position };
}

@CommandHandler(AddUser)
export class AddUserHandler implements ICommandHandler<AddUser> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ user, context, userId }: AddUser): Promise<IssuedToken> {
    return addUser(this.runner, user, context, userId);
  }
}

@CommandHandler(IssueApiToken)
export class IssueApiTokenHandler implements ICommandHandler<IssueApiToken> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ userId, context }: IssueApiToken): Promise<IssuedToken> {
    return withNewToken(this.runner, userId, context, (tokenHash) => ({ type: 'IssueApiToken', tokenHash }));
  }
}

@CommandHandler(UserCommandMessage)
export class UserCommandHandler implements ICommandHandler<UserCommandMessage> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ userId, body, context }: UserCommandMessage): Promise<CommandOutcome> {
    return this.runner.run(userId, userStream(userId), userDecider, context, () => body);
  }
}
