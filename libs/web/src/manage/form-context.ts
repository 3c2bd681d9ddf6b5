import { createHash, randomUUID } from 'node:crypto';
import type { RequestContext } from '@actionplans/commands';
import canonicalize from 'canonicalize';
import type { PageRequest } from '../page/page-request';

/** A form as it comes in: each field's text (checkboxes may send several). */
export type Form = Record<string, string | string[] | undefined>;

/** A key for a form that creates something, sent back with it: sending it twice stores it once, as the API's Idempotency-Key. */
export const newFormKey = (): string => randomUUID();

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The context a form's command carries, in the API's shape: the signed-in actor, now, waiting for
 * this process's readers (the next page shows the change), the version the form was shown at as
 * `ifMatch`, and the form's key scoped to its user as the idempotency key.
 */
export function formContext(request: PageRequest, form: Form): RequestContext {
  const user = request.user!;
  const actor = { userId: user.userId, role: user.role };
  const { _csrf, formKey, version, ...fields } = form;
  const key = typeof formKey === 'string' && formKey.length > 0 && formKey.length <= 255 ? formKey : undefined;
  return {
    actor,
    now: new Date().toISOString(),
    correlationId: randomUUID(),
    waitForReaders: true,
    ifMatch: typeof version === 'string' && /^\d{1,15}$/.test(version) ? Number(version) : undefined,
    idempotency:
      key === undefined
        ? undefined
        : {
            key: sha256(`${actor.userId}\n${key}`),
            request: sha256(`${request.method} ${request.path}\n${canonicalize(fields) ?? ''}`),
          },
  };
}
