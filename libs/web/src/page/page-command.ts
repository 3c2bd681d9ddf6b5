import { createHash, randomUUID } from 'node:crypto';
import type { User } from '@actionplans/auth';
import type { RequestContext } from '@actionplans/commands';
import canonicalize from 'canonicalize';
import type { PageRequest } from './page-request';

/** The hidden fields a page's form carries to send its command on the API's terms. */
export interface CommandFields {
  /** The version of what the form was filled in against (the API's `If-Match`). */
  version?: string;
  /** A key made when the form was shown (the API's `Idempotency-Key`): sending it twice stores it once. */
  idempotencyKey?: string;
}

const KEY = /^[\w-]{1,255}$/;

/** A fresh key for a form about to be shown; a refused form gets a new one, since nothing was stored under the old. */
export const newIdempotencyKey = (): string => randomUUID();

/**
 * The RequestContext a page's form sends its command with, built as the API builds it from a
 * request: the signed-in user as the actor, If-Match from the version the form was filled in
 * against, the idempotency key scoped to the user with a fingerprint of what was sent, and
 * read-your-writes, so the page shown next includes the change.
 */
export function pageCommandContext(request: PageRequest, user: User, fields: CommandFields, sent: unknown): RequestContext {
  const actor = { userId: user.userId, role: user.role };
  const version = fields.version && /^\d{1,15}$/.test(fields.version) ? Number(fields.version) : undefined;
  const key = fields.idempotencyKey && KEY.test(fields.idempotencyKey) ? fields.idempotencyKey : undefined;
  return {
    actor,
    now: new Date().toISOString(),
    correlationId: requestIdOf(request),
    waitForReaders: true,
    ifMatch: version,
    idempotency: key
      ? {
          key: sha256(`${actor.userId}\n${key}`),
          request: sha256(`${request.method} ${request.path}\n${canonicalize(sent ?? null) ?? ''}`),
        }
      : undefined,
  };
}

/** The id the request log gave this request (so the events name it as the API's do), or a new one. */
function requestIdOf(request: PageRequest): string {
  const id = (request as { id?: unknown }).id;
  return typeof id === 'string' ? id : randomUUID();
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
