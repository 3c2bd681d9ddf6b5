import type { Actor, Effective } from '@actionplans/domain';

/** Who gives a command, when, and on what terms: what every command carries in, from any entry point. */
export interface RequestContext {
  actor: Actor;
  /** The moment the command is decided (ISO 8601). */
  now: string;
  correlationId?: string;
  /** The event that caused this command, when a process gives it. */
  causationId?: string;
  /** The version the client last saw (`If-Match`). */
  ifMatch?: number;
  /** The client's key scoped to its user, and a fingerprint of the request it came with. */
  idempotency?: { key: string; request: string };
  /** Answer only once this process's readers have seen the result (read-your-writes for a request). */
  waitForReaders?: boolean;
  /** When what the command records actually happened, and its source, when not now. */
  effective?: Effective;
}

/** A process or the command line acting as itself, now. */
export const acting = (actor: Actor, extra: Omit<RequestContext, 'actor' | 'now'> = {}): RequestContext => ({
  actor,
  now: new Date().toISOString(),
  ...extra,
});
