import type { CommandBus } from '@nestjs/cqrs';
import type { Actor } from '@actionplans/domain';
import { WrongExpectedVersionError } from '@actionplans/event-store';
import type { RequestContext } from '../request-context';
import { ActionCommandMessage } from './action.messages';

/** One download of a restricted file, through the piece of restricted evidence that let the reader have it. */
export interface RestrictedRead {
  actionId: string;
  evidenceId: string;
  sha256: string;
}

const ATTEMPTS = 5;

/**
 * Records each read on its action's stream before the file's bytes are sent, so a download that
 * could not be recorded is not served (the caller lets the error through). The read is a command
 * like any other, by the reader, on the bus; it takes none of the request's If-Match or
 * Idempotency-Key, which were about the GET. Two reads of one action at the same moment collide on
 * its version: both happened, so the later retries.
 */
export async function recordRestrictedReads(
  commands: CommandBus,
  reads: readonly RestrictedRead[],
  reader: Actor,
  correlationId?: string,
): Promise<void> {
  const context: RequestContext = { actor: reader, now: new Date().toISOString(), correlationId };
  for (const read of firstPerAction(reads)) {
    const message = new ActionCommandMessage(
      read.actionId,
      { type: 'RecordRestrictedRead', evidenceId: read.evidenceId, sha256: read.sha256 },
      context,
    );
    for (let attempt = 1; ; attempt += 1) {
      try {
        await commands.execute(message);
        break;
      } catch (error) {
        if (error instanceof WrongExpectedVersionError && attempt < ATTEMPTS) continue;
        throw error;
      }
    }
  }
}

/** A file carried twice by one action's restricted evidence is one read of that action's case material. */
function firstPerAction(reads: readonly RestrictedRead[]): RestrictedRead[] {
  const seen = new Set<string>();
  return reads.filter((read) => !seen.has(read.actionId) && seen.add(read.actionId));
}
