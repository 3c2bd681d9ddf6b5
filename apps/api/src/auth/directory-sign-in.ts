import { Inject, Injectable } from '@nestjs/common';
import { DirectoryTokenError, OidcTokens, type User } from '@actionplans/auth';
import { DirectorySignInRefused, DirectoryUsers } from '@actionplans/commands';
import { problem, ProblemError } from '../http/problem';

export const OIDC_TOKENS = Symbol('OIDC_TOKENS');

export const unauthorised = (detail: string, code = 'AUTH.UNAUTHENTICATED') =>
  new ProblemError(problem(401, code, detail), { 'WWW-Authenticate': 'Bearer realm="actionplans"' });

/**
 * Turns a verified directory token into one of our users, with the first-sign-in rules the pages'
 * browser sign-in shares (DirectoryUsers); here each refusal is a problem document.
 */
@Injectable()
export class DirectorySignIn {
  constructor(
    @Inject(OIDC_TOKENS) private readonly tokens: OidcTokens,
    private readonly directoryUsers: DirectoryUsers,
  ) {}

  async user(token: string): Promise<User> {
    const person = await this.tokens.verify(token).catch((error: unknown) => {
      if (!(error instanceof DirectoryTokenError)) throw error;
      throw error.status === 401
        ? unauthorised(error.message, error.code)
        : new ProblemError(problem(error.status, error.code, error.message));
    });
    return this.directoryUsers.userFor(person).catch((error: unknown) => {
      throw error instanceof DirectorySignInRefused ? unauthorised(error.message) : error;
    });
  }
}
