import type { User } from '@actionplans/auth';
import type { Request } from 'express';
import type { WebSession } from '../session/session-store';

/**
 * A request to a page. `user` is the same principal the API's bearer guard sets, found here from
 * the session cookie; it is set only on page routes, so a cookie never names anyone to the API.
 */
export type PageRequest = Request & {
  user?: User;
  webSession?: WebSession;
  /** The signed-in session the cookie named, when it had lapsed by this request. */
  lapsedSession?: WebSession;
  file?: UploadedFormFile;
};

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

/** A file sent with a `@FormWithFile` form: its bytes and the name it had on the sender's computer. */
export interface UploadedFile {
  name: string;
  content: Buffer;
}

/** The file a `@FormWithFile` form carried; `tooLarge` when one was sent over the route's limit. */
export function uploadedFile(request: PageRequest): UploadedFile | 'tooLarge' | null {
  const sent = request as PageRequest & { file?: { originalname: string; buffer: Buffer }; fileTooLarge?: boolean };
  if (sent.fileTooLarge) return 'tooLarge';
  return sent.file && sent.file.buffer.length > 0 ? { name: sent.file.originalname, content: sent.file.buffer } : null;
}
