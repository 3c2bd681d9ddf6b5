import { createHash, randomUUID } from 'node:crypto';
import type { User } from '@actionplans/auth';
import type { RequestContext } from '@actionplans/commands';
import canonicalize from 'canonicalize';
import type { PageRequest } from './page-request';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * What a form sends its command with: the same context the API's controllers build for a request
 * (the signed-in user as actor in their role, now, the request's id as correlation, and
 * read-your-writes, so the page after the redirect shows the form's effect). With `idempotencyKey`
 * (a key the form was rendered with), sending the same form twice stores it once, as the API's
 * `Idempotency-Key` does.
 */
export function pageCommandContext(request: PageRequest, user: User, idempotencyKey?: string): RequestContext {
  const { _csrf: _, ...form } = (request.body ?? {}) as Record<string, unknown>;
  // The request log gives every request its id (the API's requestId), the correlation of what it stores.
  const requestId = (request as { id?: unknown }).id;
  return {
    actor: { userId: user.userId, role: user.role },
    now: new Date().toISOString(),
    correlationId: typeof requestId === 'string' ? requestId : randomUUID(),
    waitForReaders: true,
    idempotency: idempotencyKey
      ? {
          key: sha256(`${user.userId}\n${idempotencyKey}`),
          request: sha256(`${request.method} ${request.path}\n${canonicalize(form) ?? ''}`),
        }
      : undefined,
  };
}
