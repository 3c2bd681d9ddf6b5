import type { CommandBus } from '@nestjs/cqrs';
import { PackCommandMessage, type CommandOutcome, type RequestContext } from '@actionplans/commands';
import type { PackMeeting } from '@actionplans/domain';
import { PreconditionFailedError, WrongExpectedVersionError } from '@actionplans/event-store';
import type { CommitteePacks, PackRequest } from '@actionplans/read-models';
import type { PackDocuments } from './pack-document';

/** How many times an issue is prepared again when another pack of the plan was issued meanwhile. */
const ISSUE_ATTEMPTS = 5;

/**
 * Issues a plan's committee pack to a meeting, for the API and the pages alike (ADR 34). A pack
 * compares with the packs issued before it, so it is recorded only if none was issued since it was
 * prepared (`ifMatch`: the pack register's version then); if one was, it is prepared again, up to
 * five times. A client's own `If-Match` is answered as it asked (412), never tried again.
 */
export class PackIssuer {
  constructor(
    private readonly packs: CommitteePacks,
    private readonly documents: PackDocuments,
    private readonly commands: CommandBus,
  ) {}

  async issue(
    planId: string,
    request: PackRequest,
    meeting: PackMeeting,
    packId: string,
    context: RequestContext,
    scheduled?: { daysBefore: number },
  ): Promise<{ outcome: CommandOutcome; hash: string; html: string }> {
    for (let attempt = 1; ; attempt += 1) {
      const { pack, inputs, version } = await this.packs.prepare(planId, request);
      const { hash, html } = this.documents.committeePack(pack);
      const issue = { type: 'IssuePack' as const, packId, planId, inputs, hash, meeting, ...(scheduled ? { scheduled } : {}) };
      try {
        const outcome: CommandOutcome = await this.commands.execute(
          new PackCommandMessage(planId, issue, { ...context, ifMatch: context.ifMatch ?? version }),
        );
        return { outcome, hash, html };
      } catch (error) {
        const overtaken = error instanceof PreconditionFailedError || error instanceof WrongExpectedVersionError;
        if (!overtaken || context.ifMatch !== undefined || attempt >= ISSUE_ATTEMPTS) throw error;
      }
    }
  }
}
