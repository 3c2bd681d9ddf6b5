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
}
