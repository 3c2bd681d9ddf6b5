import type { GroupingKind, PlanKind, PlanStatusKey } from '@actionplans/domain';
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
  status!: PlanStatusKey;
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

export class PlanSummaryResponse {
  countingRule!: string;
  counted!: number;
  complete!: number;
  percentComplete!: number;
  byStatus!: StatusCountResponse[];
  notCounted!: NotCountedResponse;
  /** Per top-level grouping (absent inside a grouping's own summary). */
  byGrouping?: GroupingSummaryResponse[];
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
}

export class PlanResponse {
  planId!: string;
  kind!: PlanKind;
  title!: string;
  source!: PlanSourceResponse;
  stage!: 'draft' | 'active' | 'closed';
  statusLabels!: Record<string, string>;
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
