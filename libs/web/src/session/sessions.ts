import { Inject, Injectable } from '@nestjs/common';
import { UserDirectory, type User } from '@actionplans/auth';
import type { Response } from 'express';
import type { PageRequest } from '../page/page-request';
import { WEB_SETTINGS, type WebSettings } from '../web-settings';
import { clientOf } from './session-client';
import { SessionStore, type WebSession } from './session-store';

export const SESSION_COOKIE = 'actionplans_session';

/**
 * The session of the browser making a page request: found from its cookie, begun when a page first
 * needs a CSRF token, renewed (a new id) at sign-in, ended at sign-out. The user it names is looked
 * up afresh on every request, so a role change applies at once and a disabled user is signed out.
 */
@Injectable()
export class Sessions {
  constructor(
    readonly store: SessionStore,
    private readonly users: UserDirectory,
    @Inject(WEB_SETTINGS) private readonly settings: WebSettings,
  ) {}

  /** Sets `request.webSession` and `request.user` from the cookie, if it names a live session. */
  async load(request: PageRequest, now = new Date()): Promise<void> {
    const cookie = (request.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
    const session = cookie ? await this.store.find(cookie, now) : undefined;
    if (!session) return;
    const user = session.userId ? this.users.get(session.userId) : undefined;
    if (session.userId && (!user || user.disabled)) {
      await this.store.end(session.id);
      return;
    }
    request.webSession = session;
    request.user = user;
  }

  /** A session for a visitor who is not signed in, holding the CSRF token of the form they were shown. */
  async begin(request: PageRequest, response: Response, csrfToken: string): Promise<WebSession> {
    const { cookie, session } = await this.store.open(null, new Date(), { csrfToken });
    this.setCookie(request, response, cookie);
    request.webSession = session;
    return session;
  }

  /**
   * Signs a user in: whatever session the browser had ends and a new one begins, so an id planted
   * before sign-in is worth nothing after it. Every way of signing in (emailed link, directory) ends here.
   * Returns the new cookie's value, which the database never holds (the directory seals its ID token with it).
   */
  async signIn(request: PageRequest, response: Response, user: User): Promise<string> {
    if (request.webSession) await this.store.end(request.webSession.id);
    const { cookie, session } = await this.store.open(user.userId, new Date(), { client: clientOf(request) });
    this.setCookie(request, response, cookie);
    request.webSession = session;
    request.user = user;
    return cookie;
  }

  async signOut(request: PageRequest, response: Response): Promise<void> {
    if (request.webSession) await this.store.end(request.webSession.id);
    response.clearCookie(SESSION_COOKIE, this.cookieOptions(request));
    request.webSession = undefined;
    request.user = undefined;
  }

  private setCookie(request: PageRequest, response: Response, value: string): void {
    // No Max-Age: the cookie goes with the browser; the server decides when the session has lapsed.
    response.cookie(SESSION_COOKIE, value, this.cookieOptions(request));
  }

  private cookieOptions(request: PageRequest) {
    // Secure when the engine is reached over https, or when a trusted proxy says this request came so (TRUST_PROXY).
    const secure = this.settings.publicUrl.startsWith('https:') || request.secure;
    return { httpOnly: true, sameSite: 'lax' as const, path: '/', secure };
  }
}
