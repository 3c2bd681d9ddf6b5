import { Inject, Injectable } from '@nestjs/common';
import { UserDirectory, type User } from '@actionplans/auth';
import type { Request, Response } from 'express';
import type { PageRequest } from '../page/page-request';
import { WEB_SETTINGS, type WebSettings } from '../web-settings';
import { clientOf } from './session-client';
import { KEPT_FORM_MS, SessionStore, type KeptForm, type WebSession } from './session-store';

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

  /**
   * Sets `request.webSession` and `request.user` from the cookie, if it names a live session; if it
   * names a signed-in session that has just lapsed, sets `request.lapsedSession` instead.
   */
  async load(request: PageRequest, now = new Date()): Promise<void> {
    const cookie = (request.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
    const live = cookie ? await this.live(cookie, now, request) : undefined;
    if (!live) return;
    request.webSession = live.session;
    request.user = live.user;
  }

  /**
   * The signed-in user and session a request's cookie names, for the one route outside the pages
   * that takes a session: the reminder queues' dashboard (not the API, which never reads the cookie).
   */
  async fromCookieHeader(request: Request, now = new Date()): Promise<{ session: WebSession; user?: User } | undefined> {
    const cookie = cookieNamed(request.headers.cookie, SESSION_COOKIE);
    return cookie ? this.live(cookie, now) : undefined;
  }

  /**
   * Signs `user` out of the browser whose cookie the request carries, if that session is theirs:
   * how a script that opened a dashboard session with its token ends it. Says whether one ended.
   */
  async signOutOf(request: Request, response: Response, user: User): Promise<boolean> {
    const live = await this.fromCookieHeader(request);
    response.clearCookie(SESSION_COOKIE, this.cookieOptions(request));
    if (!live || live.session.userId !== user.userId) return false;
    await this.store.end(live.session.id);
    return true;
  }

  /** The live session a cookie's value names, with its user looked up afresh: a disabled or removed user's session ends. */
  private async live(cookie: string, now: Date, request?: PageRequest): Promise<{ session: WebSession; user?: User } | undefined> {
    const found = await this.store.lookUp(cookie, now);
    if (found && 'lapsed' in found && found.lapsed.userId && request) request.lapsedSession = found.lapsed;
    const session = found && 'live' in found ? found.live : undefined;
    if (!session) return undefined;
    const user = session.userId ? this.users.get(session.userId) : undefined;
    if (session.userId && (!user || user.disabled)) {
      await this.store.end(session.id);
      return undefined;
    }
    return { session, user };
  }

  /**
   * A session for a visitor who is not signed in, holding the CSRF token of the form they were shown,
   * or the form they sent after their last session lapsed, until they sign in again.
   */
  async begin(request: PageRequest, response: Response, csrfToken: string, keptForm?: KeptForm): Promise<WebSession> {
    const { cookie, session } = await this.store.open(null, new Date(), { csrfToken, keptForm });
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
    const now = new Date();
    // A form kept when this browser's last session lapsed goes on to the new session, if it was this user's and is recent.
    const kept = request.webSession?.keptForm;
    const keptForm = kept?.userId === user.userId && now.getTime() - kept.keptAt < KEPT_FORM_MS ? kept : undefined;
    if (request.webSession) await this.store.end(request.webSession.id);
    const { cookie, session } = await this.store.open(user.userId, now, { client: clientOf(request), keptForm });
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

  private setCookie(request: Request, response: Response, value: string): void {
    // No Max-Age: the cookie goes with the browser; the server decides when the session has lapsed.
    response.cookie(SESSION_COOKIE, value, this.cookieOptions(request));
  }

  private cookieOptions(request: Request) {
    // Secure when the engine is reached over https, or when a trusted proxy says this request came so (TRUST_PROXY).
    const secure = this.settings.publicUrl.startsWith('https:') || request.secure;
    return { httpOnly: true, sameSite: 'lax' as const, path: '/', secure };
  }
}

/** One cookie's value from a Cookie header, as cookie-parser would read it. */
function cookieNamed(header: string | undefined, name: string): string | undefined {
  const found = (header ?? '')
    .split(';')
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${name}=`));
  if (!found) return undefined;
  try {
    return decodeURIComponent(found.slice(name.length + 1));
  } catch {
    return undefined;
  }
}
