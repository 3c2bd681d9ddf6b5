import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { v5 as uuidv5 } from 'uuid';
import { UserDirectory, type DirectoryPerson, type User } from '@actionplans/auth';
import type { Actor } from '@actionplans/domain';
import { CommandRefusedError, WrongExpectedVersionError } from '@actionplans/event-store';
import { LiveIndex } from '@actionplans/read-models';
import { acting } from '../request-context';
import { UserCommandMessage } from './user.messages';

/** Sign-in through the directory acts as `system`: the history shows it, not an admin, added or changed the user. */
export const DIRECTORY_SIGN_IN_ACTOR: Actor = { userId: 'directory-sign-in', role: 'system' };

const NAMESPACE = 'a3f0c2d4-5b6e-4f70-8a9b-0c1d2e3f4a5b';

/** Why a person the directory vouches for is not let in; the message is fit to show them. */
export class DirectorySignInRefused extends Error {
  constructor(
    readonly code: 'AUTH.USER_DISABLED' | 'AUTH.SIGN_IN_REFUSED' | 'AUTH.SIGN_IN_NOT_VISIBLE',
    message: string,
  ) {
    super(message);
    this.name = 'DirectorySignInRefused';
  }
}

/**
 * Turns a person the directory vouches for (a bearer token to the API, or a browser sign-in to the
 * pages) into one of our users. The first sign-in adds the person (or links a user an admin added
 * with the same, verified, email address), and a role the directory changes is recorded, so the
 * audit trail says who had which role and since when. A person already known with the same role
 * costs no write; a user disabled here stays out whatever the directory says.
 */
@Injectable()
export class DirectoryUsers {
  private readonly signingIn = new Map<string, Promise<User>>();

  constructor(
    private readonly commands: CommandBus,
    private readonly users: UserDirectory,
    private readonly index: LiveIndex,
  ) {}

  /** The user `person` is here, recording their first sign-in or a new role; throws DirectorySignInRefused. */
  async userFor(person: DirectoryPerson): Promise<User> {
    const known = this.users.byIdentity(person.issuer, person.subject);
    if (known?.disabled) throw new DirectorySignInRefused('AUTH.USER_DISABLED', 'your account here is disabled; ask an administrator');
    if (known && known.role === person.role) return known;
    // Several first requests at once (a browser opening a page) record the sign-in once.
    const key = `${person.issuer}\n${person.subject}`;
    let pending = this.signingIn.get(key);
    if (!pending) {
      pending = this.record(person, known?.userId).finally(() => this.signingIn.delete(key));
      this.signingIn.set(key, pending);
    }
    return pending;
  }

  private async record(person: DirectoryPerson, knownId: string | undefined): Promise<User> {
    const byEmail = person.emailVerified && person.email ? this.users.unlinkedByEmail(person.email)?.userId : undefined;
    const userId = knownId ?? byEmail ?? uuidv5(`${person.issuer}\n${person.subject}`, NAMESPACE);
    const command = {
      type: 'SignInFromDirectory',
      userId,
      issuer: person.issuer,
      subject: person.subject,
      name: person.name,
      email: person.email,
      role: person.role,
    } as const;
    for (let attempt = 1; ; attempt += 1) {
      try {
        const result = await this.commands.execute(new UserCommandMessage(userId, command, acting(DIRECTORY_SIGN_IN_ACTOR)));
        await this.index.waitFor(result.position, 5_000);
        break;
      } catch (error) {
        if (error instanceof WrongExpectedVersionError && attempt < 3) continue;
        if (error instanceof CommandRefusedError)
          throw new DirectorySignInRefused('AUTH.SIGN_IN_REFUSED', `you cannot sign in here: ${(error.refusal as Error).message}`);
        throw error;
      }
    }
    const user = this.users.get(userId);
    if (!user)
      throw new DirectorySignInRefused(
        'AUTH.SIGN_IN_NOT_VISIBLE',
        'your sign-in was recorded but is not visible yet; try again in a moment',
      );
    return user;
  }
}
