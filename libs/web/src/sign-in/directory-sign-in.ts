import type { Response } from 'express';
import type { PageRequest } from '../page/page-request';

/**
 * The seam for signing in through the organisation's directory (OpenID Connect, with `OIDC_ISSUER`
 * and `OIDC_CLIENT_ID` set; `sign-in/oidc`). The sign-in page offers it beside the emailed link, or
 * alone when `only`; `GET /sign-in/directory` calls `start` (a link, not a form: the page's
 * Content-Security-Policy lets forms post only here). The flow's callback route belongs to the
 * provider's own page controller; when it has found the user it calls `Sessions.signIn`, then
 * redirects to the `returnTo` it was started with.
 */
export interface DirectorySignIn {
  /** The button's words, such as "Sign in with your Anytown account". */
  readonly buttonText: string;
  /** True: the sign-in page offers only the directory, and no link is emailed (WEB_SIGN_IN=oidc). */
  readonly only: boolean;
  /** Sends the browser to the directory; `returnTo` is a safe same-site path (see safeReturnTo). */
  start(request: PageRequest, response: Response, returnTo: string): Promise<void>;
  /**
   * Called at sign-out before the session here ends: where to send the browser next, the
   * directory's end-session address for a session begun there, or the signed-out page.
   */
  signOut(request: PageRequest): Promise<string>;
}

export const DIRECTORY_SIGN_IN = Symbol('DIRECTORY_SIGN_IN');
