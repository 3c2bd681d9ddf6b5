import { ApiProperty } from '@nestjs/swagger';
import type { CanonicalStatus, GroupingKind, PlanKind, RatingColour, StatusBasis } from '@actionplans/domain';
import { ComputedStatusResponse, OwnerResponse, TargetDateResponse } from '../actions/action.response.dto';

export class PlanSourceResponse {
  body!: string;
  date!: string;
  judgement!: string | null;
}

export class GroupingResponse {
  groupingId!: string;
  kind!: GroupingKind;
  references!: string[];
  title!: string;
  /** Groupings under this one. */
  children!: GroupingResponse[];
  /** Actions raised directly under this grouping. */
  actionIds!: string[];
}

export class StatusCountResponse {
  /** The key of one of the plan's rating categories (for a plan without a scheme, the canonical status). */
  status!: string;
  label!: string;
  count!: number;
  /** Of the counted actions, one decimal place. */
  percent!: number;
}

export class NotCountedResponse {
  duplicate!: number;
  withdrawn!: number;
}

export class GroupingSummaryResponse {
  groupingId!: string;
  references!: string[];
  title!: string;
  summary!: PlanSummaryResponse;
}

export class RatingCategoryResponse {
  key!: string;
  label!: string;
  colour!: RatingColour;
  meaning!: string;
  /** The canonical states this category counts. */
  counts!: CanonicalStatus[];
  /** Present (true) when a rating into it needs the action's impact measures achieved. */
  requiresMeasuresAchieved?: boolean;
}

export class RatingSchemeResponse {
  name!: string;
  categories!: RatingCategoryResponse[];
}

export class DisagreementResponse {
  actionId!: string;
  references!: string[];
  rated!: { category: string; label: string };
  computed!: { status: CanonicalStatus; category: string; label: string };
  /** In words a board paper could use: "rated Action on track, 4 months past its target date of 31 January 2023". */
  why!: string;
}

export class PlanSummaryResponse {
  /** `rating`: counted on the ratings recorded; `computed`: on the engine's status from the facts. */
  basis!: StatusBasis;
  countingRule!: string;
  counted!: number;
  complete!: number;
  percentComplete!: number;
  byStatus!: StatusCountResponse[];
  notCounted!: NotCountedResponse;
  /** Per top-level grouping (absent inside a grouping's own summary). */
  byGrouping?: GroupingSummaryResponse[];
  /** The plan's categories (absent inside a grouping's own summary). */
  scheme?: RatingSchemeResponse;
  /** Every action whose rating and computed status fall in different categories (absent inside a grouping's own summary). */
  disagreements?: DisagreementResponse[];
}

export class PlanActionResponse {
  actionId!: string;
  groupingId!: string;
  references!: string[];
  description!: string;
  leadOwners!: OwnerResponse[];
  targetDate!: TargetDateResponse | null;
  stage!: 'open' | 'submitted' | 'complete' | 'withdrawn';
  status!: ComputedStatusResponse;
  /** A sign-off from a paper or a delegated body waits for a second plan manager's confirmation (ADR 33). */
  signOffProposed!: boolean;
}

export class PackScheduleResponse {
  daysBefore!: number;
  board!: string;
}

export class PlanResponse {
  planId!: string;
  kind!: PlanKind;
  title!: string;
  source!: PlanSourceResponse;
  stage!: 'draft' | 'active' | 'closed';
  statusLabels!: Record<string, string>;
  ratingScheme!: RatingSchemeResponse;
  defaultBasis!: StatusBasis;
  /** The body whose approval to close follows the panel's sign-off; null: none is required. */
  @ApiProperty({ type: String, nullable: true })
  approvalToClose!: string | null;
  /** Bodies that may take the sign-off in the panel's place. */
  delegatedSignOff!: string[];
  /** The days of the board and committee meetings that receive reports on the plan, ascending. */
  boardDates!: string[];
  /** The pack made before each board date and mailed to the plan's managers (ADR 37); null: none. */
  @ApiProperty({ type: PackScheduleResponse, nullable: true })
  packSchedule!: PackScheduleResponse | null;
  quorum!: number;
  warningDays!: number;
  groupings!: GroupingResponse[];
  actions!: PlanActionResponse[];
  summary!: PlanSummaryResponse;
  /** With `?asAt=`: the day reconstructed, and in which sense. */
  asAt?: string;
  basis?: 'recorded' | 'effective';
  /** The ETag. */
  version!: number;
  position!: number;
}

export class PlanListItemResponse {
  planId!: string;
  title!: string;
  actions!: number;
}
