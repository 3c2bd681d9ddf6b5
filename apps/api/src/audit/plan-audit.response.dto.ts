export class StreamCheckResponse {
  stream!: string;
  kind!: 'plan' | 'action' | 'panel' | 'measure' | 'pack register';
  /** Events of the stream that checked out. */
  events!: number;
  /** The hash of its last event that checked out; null if none did. */
  headHash!: string | null;
}

export class ChainBreakResponse {
  stream!: string | null;
  version!: number | null;
  position!: number;
  problem!: string;
}

export class PlanVerificationResponse {
  planId!: string;
  /** Every chain holds: no event altered, removed, reordered or copied. */
  ok!: boolean;
  /** Events checked, up to the first break. */
  events!: number;
  /** The plan's stream, then its actions', its panel meetings' and its measures', and its pack register once a pack is issued, as far as the check went. */
  streams!: StreamCheckResponse[];
  /** Where the first chain breaks; null when none does. */
  break!: ChainBreakResponse | null;
  /** In words, as `actionplans verify` says it. */
  says!: string;
}

export class RestrictedReaderResponse {
  id!: string;
  /** The user's name now; null for one the directory does not know. */
  name!: string | null;
  /** The role they acted in. */
  role!: string;
}

/** One download of a restricted file, recorded on its action before the bytes were sent. */
export class RestrictedReadResponse {
  /** When it was downloaded. */
  readAt!: string;
  reader!: RestrictedReaderResponse;
  actionId!: string;
  /** The action's references as they stand now. */
  references!: string[];
  evidenceId!: string;
  sha256!: string;
  /** The evidence's title: null unless the reader of this list may read the action's restricted evidence. */
  title!: string | null;
  /** The file's name as attached: null unless the reader of this list may read the action's restricted evidence. */
  fileName!: string | null;
  /** The request it came with (`X-Request-Id`), to find it in the request log. */
  requestId!: string | null;
}

export class RestrictedReadsResponse {
  planId!: string;
  title!: string;
  /** Oldest first. */
  reads!: RestrictedReadResponse[];
}
