export class StreamCheckResponse {
  stream!: string;
  kind!: 'plan' | 'action' | 'panel';
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
  /** The plan's stream, then its actions' and its panel meetings', as far as the check went. */
  streams!: StreamCheckResponse[];
  /** Where the first chain breaks; null when none does. */
  break!: ChainBreakResponse | null;
  /** In words, as `actionplans verify` says it. */
  says!: string;
}
