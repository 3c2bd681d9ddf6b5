import type { WorkCategory } from '@actionplans/read-models';
import { ComputedStatusResponse, TargetDateResponse } from '../actions/action.response.dto';

export class WorkAskResponse {
  kind!: 'overdue' | 'due soon' | 'awaiting update' | 'sent back';
  /** What is asked, in words. */
  says!: string;
}

export class WorkRatingResponse {
  /** The key of the plan's rating category. */
  category!: string;
  label!: string;
  /** The category's colour in the plan's scheme (blue, green, amber, red, grey, purple, black, white); null if the scheme no longer has it. */
  colour!: string | null;
  /** On whose authority a plan manager moderated it; null for the owner's own. */
  authority!: string | null;
}

export class WorkProgressResponse {
  assessment!: string;
  asOf!: string;
  commentary!: string;
}

export class ReportingMeetingResponse {
  kind!: 'panel' | 'board';
  /** The panel meeting's id, or the board date. */
  id!: string;
  date!: string;
}

export class WorkActionResponse {
  /** Where it sorts: overdue, due soon, awaiting update, sent back, in hand, done. */
  category!: WorkCategory;
  /** Everything asked of the owner, most pressing first; empty when nothing is. */
  asks!: WorkAskResponse[];
  planId!: string;
  planTitle!: string;
  actionId!: string;
  references!: string[];
  description!: string;
  ownedAs!: 'lead' | 'supporting';
  originalTargetDate!: TargetDateResponse;
  /** As last approved. */
  targetDate!: TargetDateResponse;
  /** Computed by the engine from the facts and the day. */
  status!: ComputedStatusResponse;
  /** The latest rating recorded; null if never rated. */
  rating!: WorkRatingResponse | null;
  latestProgress!: WorkProgressResponse | null;
  /** What the panel asked to be answered, when it sent the action back. */
  challengePoints!: string[];
  /** The meeting an update is asked for, while one is outstanding. */
  updateRequestedFor!: ReportingMeetingResponse | null;
}

export class WorkCountsResponse {
  overdue!: number;
  'due soon'!: number;
  'awaiting update'!: number;
  'sent back'!: number;
  'in hand'!: number;
  done!: number;
}

export class WorkPanelResponse {
  panelId!: string;
  planId!: string;
  planTitle!: string;
  title!: string;
  date!: string;
  seat!: 'chair' | 'member';
  /** Actions tabled at the meeting. */
  tabled!: number;
  /** Of those, the ones still to be decided. */
  undecided!: number;
  upcoming!: boolean;
}

export class WorkRevisionResponse {
  revisionId!: string;
  actionId!: string;
  planId!: string;
  planTitle!: string;
  references!: string[];
  description!: string;
  originalTargetDate!: TargetDateResponse;
  targetDate!: TargetDateResponse;
  proposed!: TargetDateResponse;
  reason!: string;
  /** The user who asked for it. */
  requestedBy!: string;
  requestedAt!: string;
}

export class WorkSignOffResponse {
  actionId!: string;
  references!: string[];
  description!: string;
  /** Taken from a paper (an import's among them), or by a body the plan lets take the sign-off. */
  kind!: 'from paper' | 'delegated body';
  /** The plan manager who typed it in. */
  proposedBy!: string;
  proposedAt!: string;
}

export class WorkSignOffsResponse {
  planId!: string;
  planTitle!: string;
  /** How many of the plan's sign-offs wait. */
  count!: number;
  /** In the order proposed. */
  signOffs!: WorkSignOffResponse[];
}

export class WorkDecisionEntryResponse {
  panelId!: string;
  decisionId!: string;
  meetingTitle!: string;
  meetingDate!: string;
  planId!: string;
  planTitle!: string;
  actionId!: string;
  references!: string[];
  description!: string;
  /** The decision as entered: signed off, more evidence required, deferred or not accepted. */
  outcome!: string;
  /** The member the minutes name as taking it. */
  decidedBy!: string;
  /** The plan manager who entered it from the minutes. */
  enteredBy!: string;
  enteredAt!: string;
  /** True when the minutes name the user as taking it. */
  takenByYou!: boolean;
}

export class WorkApprovalActionResponse {
  actionId!: string;
  references!: string[];
  description!: string;
  /** When it was signed off (the panel's, the paper's or the body's day); null if not known. */
  signedOffAt!: string | null;
}

export class WorkApprovalsResponse {
  planId!: string;
  planTitle!: string;
  /** The body whose approval closes the plan's actions. */
  body!: string;
  count!: number;
  /** In reference order. */
  actions!: WorkApprovalActionResponse[];
}

export class MyWorkResponse {
  userId!: string;
  /** The day statuses and update requests are worked out for. */
  today!: string;
  /** Overdue first, then due soon, awaiting an update, sent back by the panel, in hand, and done. */
  actions!: WorkActionResponse[];
  /** How many of the actions fall in each category. */
  counts!: WorkCountsResponse;
  /** The panel meetings the user chairs or sits on: upcoming first, soonest first; then past ones, latest first. */
  panels!: WorkPanelResponse[];
  /** For plan managers and admins: target-date revisions waiting for approval on the plans they manage, oldest first. */
  revisions!: WorkRevisionResponse[];
  /**
   * Sign-offs taken from a paper or by a delegated body, proposed by someone else, that the user may
   * confirm (ADR 33: a plan manager or admin who is not the proposer, an owner or the submitter), by plan.
   * Confirm them with `POST /plans/{planId}/proposed-sign-offs/confirmation`.
   */
  signOffsToConfirm!: WorkSignOffsResponse[];
  /** Sign-offs the user proposed that still wait for a second officer, by plan. */
  signOffsProposed!: WorkSignOffsResponse[];
  /**
   * Decisions entered from the minutes that the user may confirm or reject (ADR 33): as the member named
   * as taking one, or as a plan manager or admin other than whoever entered it; never an owner or the
   * submitter of the action. Oldest meeting first. `POST /panels/{panelId}/decisions/{decisionId}/confirmation`.
   */
  decisionEntries!: WorkDecisionEntryResponse[];
  /**
   * On the plans the user manages that require approval to close (ADR 31), the actions signed off and
   * waiting for it that the user may record (not an owner or the submitter), by plan.
   * `POST /plans/{planId}/approvals-to-close`.
   */
  approvalsToClose!: WorkApprovalsResponse[];
}
