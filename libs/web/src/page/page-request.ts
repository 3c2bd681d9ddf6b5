import type { User } from '@actionplans/auth';
import type { Request } from 'express';
import type { WebSession } from '../session/session-store';

/**
 * A request to a page. `user` is the same principal the API's bearer guard sets, found here from
 * the session cookie; it is set only on page routes, so a cookie never names anyone to the API.
 */
export type PageRequest = Request & { user?: User; webSession?: WebSession; file?: UploadedFormFile };

/** The file a `@FileForm` route's form sent, held in memory. */
export interface UploadedFormFile {
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

/** The per-request nonce every page's scripts carry (Content-Security-Policy). */
export const cspNonceOf = (response: { locals: Record<string, unknown> }): string =>
  typeof response.locals.cspNonce === 'string' ? response.locals.cspNonce : '';
