import { createHash, randomUUID } from 'node:crypto';
import type { RequestContext } from '@actionplans/commands';
import type { Effective } from '@actionplans/domain';
import canonicalize from 'canonicalize';
import { readEffectiveForm } from '../page/effective-form';
import type { PageRequest } from '../page/page-request';

/** A form as it comes in: each field's text (checkboxes may send several). */
export type Form = Record<string, string | string[] | undefined>;

/** A key for a form that creates something, sent back with it: sending it twice stores it once, as the API's Idempotency-Key. */
export const newFormKey = (): string => randomUUID();

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The context a form's command carries, in the API's shape: the signed-in actor, now, waiting for
 * this process's readers (the next page shows the change), the version the form was shown at as
 * `ifMatch`, the form's key scoped to its user as the idempotency key, and when what it records
 * happened, if the form said (`readWhen`).
 */
export function formContext(request: PageRequest, form: Form, effective?: Effective): RequestContext {
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
    effective,
    idempotency:
      key === undefined
        ? undefined
        : {
            key: sha256(`${actor.userId}\n${key}`),
            request: sha256(`${request.method} ${request.path}\n${canonicalize(fields) ?? ''}`),
          },
  };
}

/**
 * The form's "When did this happen?" as the signed-in user may give it; what is wrong with it is
 * added to `fail` (the form reader's), so it is shown with the form's other problems.
 */
export function readWhen(
  request: PageRequest,
  form: Form,
  fail: (field: string, text: string) => void,
  options: { defaultDay?: string; idSuffix?: string } = {},
): Effective | undefined {
  const user = request.user!;
  const when = readEffectiveForm(form, { actor: { userId: user.userId, role: user.role }, now: new Date().toISOString(), ...options });
  for (const error of when.errors) fail(error.field, error.text);
  return when.effective;
}
