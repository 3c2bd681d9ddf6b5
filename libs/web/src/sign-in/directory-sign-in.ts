import type { Response } from 'express';
import type { PageRequest } from '../page/page-request';

/**
 * The seam for signing in through the organisation's directory (OpenID Connect, with `OIDC_ISSUER`
 * set). Provided to `WebModule.forRoot({ directorySignIn })`, the sign-in page offers it instead of
 * the emailed link, and `POST /sign-in/directory` calls `start`. The flow's callback route belongs
 * to the provider's own page controller; when it has found the user it calls `Sessions.signIn`,
 * then redirects to the `returnTo` it was started with.
 */
export interface DirectorySignIn {
  /** The button's words, such as "Sign in with your Anytown account". */
  readonly buttonText: string;
  /** Sends the browser to the directory; `returnTo` is a safe same-site path (see safeReturnTo). */
  start(request: PageRequest, response: Response, returnTo: string): Promise<void>;
}

export const DIRECTORY_SIGN_IN = Symbol('DIRECTORY_SIGN_IN');
