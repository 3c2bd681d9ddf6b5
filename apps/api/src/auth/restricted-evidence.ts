import { Injectable } from '@nestjs/common';
import { LiveIndex, RestrictedEvidenceIndex, RestrictedEvidenceReader, type EvidenceReader } from '@actionplans/read-models';
import { problem, ProblemError } from '../http/problem';

/**
 * Who may see restricted evidence (`RestrictedEvidenceReader`, shared with the pages), and who may
 * read an uploaded file's bytes over the API.
 */
@Injectable()
export class RestrictedEvidence extends RestrictedEvidenceReader {
  constructor(index: RestrictedEvidenceIndex, live: LiveIndex) {
    super(index, live);
  }

  /**
   * A file is open to every reader unless every piece of evidence carrying it is restricted; then
   * only to those who may read one of them. This decides downloading it, and attaching it again
   * (which would otherwise open it to all by attaching it to an action of one's own, knowing only
   * its hash). The index must be current: a file attached as restricted a moment ago must not
   * still look unattached.
   */
  async mayReadFile(reader: EvidenceReader, sha256: string): Promise<boolean> {
    if (!(await this.live.catchUpToHead(5_000))) {
      throw new ProblemError(problem(503, 'FILE.ACCESS_UNCHECKED', 'who may read this file could not be checked in time: try again'));
    }
    const carriers = this.index.carriersOf(sha256);
    return (
      carriers.open || carriers.restricted.length === 0 || carriers.restricted.some((carrier) => this.mayRead(reader, carrier.actionId))
    );
  }
}
