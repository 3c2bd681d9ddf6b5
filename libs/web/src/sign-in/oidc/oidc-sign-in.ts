import { Inject, Injectable, Logger } from '@nestjs/common';
import { OidcTokens, type User } from '@actionplans/auth';
import { DirectoryUsers } from '@actionplans/commands';
import type { Response } from 'express';
import type { PageRequest } from '../../page/page-request';
import { newSecret } from '../../session/session-store';
import { SESSION_COOKIE, Sessions } from '../../session/sessions';
import type { DirectorySignIn } from '../directory-sign-in';
import { OidcClient } from './oidc-client';
import { OidcSignInError } from './oidc-sign-in-error';
import { OidcSignIns } from './oidc-sign-ins';

/** What the provider sign-in is given by the web module (see oidcSignIn). */
export interface OidcSignInSettings {
  providerName: string;
  only: boolean;
}

export const OIDC_SIGN_IN_SETTINGS = Symbol('OIDC_SIGN_IN_SETTINGS');
/** The claims-to-role mapping of `OIDC_*`, the same OidcTokens the API's bearer tokens go through. */
export const OIDC_CLAIMS = Symbol('OIDC_CLAIMS');

/** Signed out here only, because the provider offers no RP-initiated logout: the page says so. */
export const SIGNED_OUT_HERE_ONLY = '/signed-out?provider=still-signed-in';

/**
 * Signing in to the pages through the organisation's OpenID Connect provider: the authorization-code
 * flow with PKCE, state and nonce bound to the browser's session, then the same role mapping and
 * first-sign-in rules as a bearer token to the API (OidcTokens.personFrom, DirectoryUsers).
 */
@Injectable()
export class OidcSignIn implements DirectorySignIn {
  readonly buttonText: string;
  readonly only: boolean;
  private readonly logger = new Logger('oidc-sign-in');

  constructor(
    @Inject(OIDC_SIGN_IN_SETTINGS) settings: OidcSignInSettings,
    @Inject(OIDC_CLAIMS) private readonly claims: OidcTokens,
    private readonly client: OidcClient,
    private readonly signIns: OidcSignIns,
    private readonly sessions: Sessions,
    private readonly directoryUsers: DirectoryUsers,
  ) {
    this.buttonText = `Sign in with ${settings.providerName}`;
    this.only = settings.only;
  }

  async start(request: PageRequest, response: Response, returnTo: string): Promise<void> {
    const session = request.webSession ?? (await this.sessions.begin(request, response, newSecret()));
    const checks = OidcClient.newChecks();
    const url = await this.client.authorizationUrl(checks);
    await this.signIns.begin(session.id, checks, returnTo, new Date());
    response.redirect(303, url);
  }

  /** The callback: checks it belongs to this browser's sign-in, redeems the code, signs the user in; returns where to go. */
  async finish(request: PageRequest, response: Response, query: URLSearchParams): Promise<string> {
    const pending = request.webSession && (await this.signIns.take(request.webSession.id, new Date()));
    if (!pending || query.get('state') !== pending.state) {
      throw new OidcSignInError('state', 'the sign-in coming back is not the one this browser started, or it was used or took too long');
    }
    const signedIn = await this.client.redeem(query.toString(), pending);
    const user: User = await this.directoryUsers.userFor(this.claims.personFrom(signedIn.claims));
    const cookie = await this.sessions.signIn(request, response, user);
    await this.signIns.remember(request.webSession!.id, cookie, signedIn.idToken, new Date());
    return pending.returnTo;
  }

  async signOut(request: PageRequest): Promise<string> {
    const cookie = (request.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
    const idToken = request.webSession && cookie ? await this.signIns.forget(request.webSession.id, cookie) : undefined;
    if (!idToken) return '/signed-out';
    // Signing out here never waits on the provider: unreachable, it is done here only, and the page says so.
    const endAtIssuer = await this.client.endSessionUrl(idToken).catch((error: Error) => {
      this.logger.warn(`signed out here only: ${error.message}`);
      return null;
    });
    return endAtIssuer ?? SIGNED_OUT_HERE_ONLY;
  }
}
