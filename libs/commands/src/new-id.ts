import { v5 as uuidv5, v7 as uuidv7 } from 'uuid';
import type { RequestContext } from './request-context';

const NAMESPACE = '6d1c3f5e-0a5b-4c1e-9f7d-3b2a1c0d9e8f';

/**
 * The id of something a request creates. With an `Idempotency-Key` it is derived from the key,
 * so a retry addresses the same stream and finds its first attempt there.
 */
export function newId(context: RequestContext, purpose: string): string {
  return context.idempotency ? uuidv5(`${purpose}\n${context.idempotency.key}`, NAMESPACE) : uuidv7();
}
