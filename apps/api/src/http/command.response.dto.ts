/** What every command answers: where the change landed, for `If-Match` and read-your-writes. */
export class CommandResponse {
  /** The plan, action, panel meeting or user the command was about. */
  id!: string;
  /** The stream's version after the command: send it back as `If-Match: "<version>"`. */
  version!: number;
  /** The global position reached: reads that have passed it show this write. */
  position!: number;
  /** The events the command stored, in order (none when it changed nothing). */
  events!: EventSummary[];
  /** The id of what the command added inside it: a grouping, evidence, a revision request or a decision. */
  createdId?: string;
  /** True when an `Idempotency-Key` matched an earlier attempt and nothing new was stored. */
  replayed!: boolean;
}

export class EventSummary {
  type!: string;
  version!: number;
  position!: number;
}
