import type { CommandOutcome } from '@actionplans/commands';
import { DomainError } from '@actionplans/domain';
import {
  CommandRefusedError,
  IdempotencyKeyReusedError,
  PreconditionFailedError,
  WrongExpectedVersionError,
} from '@actionplans/event-store';
import { effectiveRefusalError } from '../page/effective-form';
import type { FormError } from '../page/nunjucks';

/** Refusals about who is acting or what does not exist: answered by the 403 and 404 pages, as the API answers them. */
const NOT_FOR_A_FIELD = /\.(NOT_FOUND|NOT_OWNER|NOT_PLAN_MANAGER|PANEL_DECIDES|NOT_ADMIN|NOT_CHAIR|NOT_PRESENT|FILE_RESTRICTED)$/;

/** What a form's command came to: stored, refused by a rule (beside its field), or a conflict with someone else's change. */
export type FormOutcome =
  | { sent: true; outcome: CommandOutcome }
  | { sent: false; errors: FormError[]; conflict?: undefined }
  | { sent: false; errors: FormError[]; conflict: string };

/**
 * Sends a form's command and reads a refusal as the page shows it. A rule's refusal (the API's
 * 422 and 409 `ALREADY_…`) goes beside the field `fieldOf` names for its code (or `fallback`), in
 * the words it gives or else the rule's own; one of its effective date beside "When did this
 * happen?" (ids suffixed by `idSuffix`); a version conflict (the API's 409 and 412) says someone
 * else changed it. Anything else is thrown to the error pages.
 */
export async function sendForm(
  send: () => Promise<CommandOutcome>,
  fieldOf: Record<string, string | FormError>,
  fallback: string,
  idSuffix = '',
): Promise<FormOutcome> {
  try {
    return { sent: true, outcome: await send() };
  } catch (error) {
    const refusal: unknown = error instanceof CommandRefusedError ? error.refusal : error;
    const dated = refusal instanceof DomainError ? effectiveRefusalError(refusal, idSuffix) : null;
    if (dated) return { sent: false, errors: [dated] };
    if (refusal instanceof DomainError && !refusal.forbids && !NOT_FOR_A_FIELD.test(refusal.code)) {
      const beside = fieldOf[refusal.code] ?? fallback;
      return { sent: false, errors: [typeof beside === 'string' ? { field: beside, text: sentence(refusal.message) } : beside] };
    }
    if (error instanceof PreconditionFailedError || error instanceof WrongExpectedVersionError) {
      return {
        sent: false,
        errors: [],
        conflict: 'Someone else changed this while you were on this page. Check what it says now: what you typed is kept below.',
      };
    }
    if (error instanceof IdempotencyKeyReusedError) {
      return {
        sent: false,
        errors: [{ field: fallback, text: 'This form was sent already with other answers. Open the page again to start afresh.' }],
      };
    }
    throw error;
  }
}

/** A rule's message ("the plan is closed: reopen it…") as a sentence. */
export const sentence = (text: string): string => (text ? text[0].toUpperCase() + text.slice(1) : text);
