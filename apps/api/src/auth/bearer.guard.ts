import { type CanActivate, type ExecutionContext, Injectable, Optional } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  bearerToken,
  FailedSignIns,
  hashApiToken,
  OidcTokens,
  READ_ONLY_ROLES,
  UserDirectory,
  type Role,
  type User,
} from '@actionplans/auth';
import { LiveIndex } from '@actionplans/read-models';
import { WEB_PAGE } from '@actionplans/web';
import type { Request } from 'express';
import { problem, ProblemError } from '../http/problem';
import { CHANGES_NOTHING, PUBLIC, ROLES_ALLOWED } from './auth.decorators';
import { DirectorySignIn, unauthorised } from './directory-sign-in';

const CHANGES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Every request names its user with `Authorization: Bearer <token>`: a personal API token, or,
 * with single sign-on configured, a JWT from the organisation's OpenID Connect provider.
 */
@Injectable()
export class BearerGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly users: UserDirectory,
    private readonly index: LiveIndex,
    @Optional() private readonly directory?: DirectorySignIn,
    @Optional() private readonly failures?: FailedSignIns,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) return true;
    // Pages name their user from the session cookie, in their own guard; this guard never reads a cookie.
    if (this.reflector.getAllAndOverride<boolean>(WEB_PAGE, targets)) return true;
    const request = context.switchToHttp().getRequest<Request & { user?: User }>();
    const user = await this.counted(request, () => this.authenticate(request.headers.authorization));
    request.user = user;
    const changesNothing = this.reflector.getAllAndOverride<boolean | undefined>(CHANGES_NOTHING, targets);
    if (CHANGES.has(request.method) && READ_ONLY_ROLES.includes(user.role) && !changesNothing) {
      throw new ProblemError(problem(403, 'AUTH.READ_ONLY', `the ${user.role} role can read but not change anything`));
    }
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_ALLOWED, targets);
    if (allowed && !allowed.includes(user.role)) {
      throw new ProblemError(problem(403, 'AUTH.ROLE', `this needs one of the roles: ${allowed.join(', ')}; you act as ${user.role}`));
    }
    return true;
  }

  /**
   * A token refused counts against the address it came from (the client's, through a proxy
   * TRUST_PROXY names); an address over the limit is refused before its token is even looked at.
   * A request with no token guesses nothing and is not counted.
   */
  private async counted(request: Request, authenticate: () => Promise<User>): Promise<User> {
    if (!this.failures || !bearerToken(request.headers.authorization)) return authenticate();
    const address = request.ip ?? 'unknown';
    refuseIfTooManyFailures(this.failures, address);
    try {
      return await authenticate();
    } catch (error) {
      if (error instanceof ProblemError && error.problem.status === 401) this.failures.record(address, Date.now());
      throw error;
    }
  }

  private async authenticate(header: string | undefined): Promise<User> {
    const token = bearerToken(header);
    if (!token) {
      throw unauthorised(
        this.directory
          ? 'send the token from your organisation\'s sign-in, or your personal API token, as "Authorization: Bearer <token>"'
          : 'send your personal API token as "Authorization: Bearer <token>"',
      );
    }
    if (OidcTokens.looksLikeJwt(token)) {
      if (!this.directory) throw unauthorised('single sign-on is not set up here (OIDC_ISSUER); use a personal API token');
      return this.directory.user(token);
    }
    const hash = hashApiToken(token);
    // A user added a moment ago (by `actionplans users add`) may not have reached this process yet.
    const user = this.users.byTokenHash(hash) ?? ((await this.index.catchUpToHead(2_000)) ? this.users.byTokenHash(hash) : undefined);
    if (!user) throw unauthorised('the token is not valid (unknown, replaced, or its user is disabled)');
    return user;
  }
}

/** 429 with Retry-After for an address that has failed to authenticate too often in the last minute. */
export function refuseIfTooManyFailures(failures: FailedSignIns, address: string): void {
  const wait = failures.retryAfter(address, Date.now());
  if (wait === 0) return;
  throw new ProblemError(
    problem(
      429,
      'AUTH.TOO_MANY_FAILURES',
      `too many failed attempts to authenticate from your address in the last minute: wait ${wait} s (Retry-After), then check the token`,
    ),
    { 'Retry-After': String(wait) },
  );
}
