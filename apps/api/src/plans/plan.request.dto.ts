import { ApiProperty, IntersectionType, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import {
  COMPLETION_STEPS,
  PACK_SCHEDULE_MAX_DAYS,
  RATING_SCHEMES,
  STATUS_BASES,
  type CompletionStep,
  type GroupingKind,
  type PlanKind,
  type StatusBasis,
} from '@actionplans/domain';
import { NotWithPresetName, RatingSchemeRequest } from './rating-scheme.request.dto';
import { IsDay, IsDayOrMonth, IsNested, IsOptionalNotNull, ReasonRequest, ReferencesField } from '../http/common.request.dto';
import { CommandRequest } from '../http/effective.request.dto';

export class PlanSourceRequest {
  /** Who inspected or reviewed, e.g. "HMIP". */
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  body!: string;

  /** The date of the report: YYYY-MM-DD, or YYYY-MM when the paper gives only a month ("JANUARY 2022"). */
  @IsDayOrMonth()
  date!: string;

  /** The judgement, e.g. "Requires improvement", if there was one. */
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(200)
  judgement?: string | null;
}

/** The plan's own wording for each canonical status; any left out keep the canonical name. */
export class StatusLabelsRequest {
  @IsOptionalNotNull() @IsString() @IsNotEmpty() @MaxLength(200) 'not due to start'?: string;
  @IsOptionalNotNull() @IsString() @IsNotEmpty() @MaxLength(200) 'not started'?: string;
  @IsOptionalNotNull() @IsString() @IsNotEmpty() @MaxLength(200) 'on track'?: string;
  @IsOptionalNotNull() @IsString() @IsNotEmpty() @MaxLength(200) 'at risk'?: string;
  @IsOptionalNotNull() @IsString() @IsNotEmpty() @MaxLength(200) 'off track'?: string;
  @IsOptionalNotNull() @IsString() @IsNotEmpty() @MaxLength(200) 'awaiting sign-off'?: string;
  @IsOptionalNotNull() @IsString() @IsNotEmpty() @MaxLength(200) complete?: string;
  @IsOptionalNotNull() @IsString() @IsNotEmpty() @MaxLength(200) duplicate?: string;
  @IsOptionalNotNull() @IsString() @IsNotEmpty() @MaxLength(200) withdrawn?: string;
}

class PlanSettingsRequest extends CommandRequest {
  /** The board's categories, by a ready-made scheme's name; or give `ratingSchemeInFull`. */
  @IsOptionalNotNull()
  @IsIn(Object.keys(RATING_SCHEMES))
  @ApiProperty({ required: false, enum: Object.keys(RATING_SCHEMES) })
  ratingScheme?: string;

  /** The board's own categories in full, when no ready-made scheme fits. */
  @IsOptionalNotNull()
  @NotWithPresetName()
  @IsNested(() => RatingSchemeRequest)
  ratingSchemeInFull?: RatingSchemeRequest;

  /** Which figure summaries count when a reader does not ask: `rating` or `computed` (default). */
  @IsOptionalNotNull()
  @IsIn(STATUS_BASES)
  defaultBasis?: StatusBasis;

  @IsOptionalNotNull()
  @IsNested(() => StatusLabelsRequest)
  statusLabels?: StatusLabelsRequest;

  /** Panel members present and not conflicted needed for a decision (default and least 2: nobody decides alone). */
  @IsOptionalNotNull()
  @IsInt()
  @Min(2)
  @Max(50)
  @ApiProperty({ type: 'integer', required: false, minimum: 2, maximum: 50 })
  quorum?: number;

  /** Days before a target date within which an action not yet submitted is at least at risk (default 14). */
  @IsOptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(365)
  @ApiProperty({ type: 'integer', required: false, minimum: 0, maximum: 365 })
  warningDays?: number;

  /**
   * The body whose approval to close follows the panel's sign-off, e.g. "Children's Improvement
   * Board"; null (or left out when creating) for none: the sign-off completes an action.
   */
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @ApiProperty({ type: String, required: false, nullable: true, maxLength: 200 })
  approvalToClose?: string | null;

  /** Bodies (other meetings) that may take the sign-off in the panel's place, e.g. "Youth Justice Management Board"; replaces the list. */
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(200, { each: true })
  delegatedSignOff?: string[];

  /** Which step the plan's rating scheme counts as complete when approval to close is required (default `panel sign-off`). */
  @IsOptionalNotNull()
  @IsIn(COMPLETION_STEPS)
  @ApiProperty({ required: false, enum: COMPLETION_STEPS })
  completeAt?: CompletionStep;
}

export class CreatePlanRequest extends PlanSettingsRequest {
  /** The papers' own word: "inspection", "written statement of action", "partnership plan"… */
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  kind!: PlanKind;

  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  title!: string;

  @IsNested(() => PlanSourceRequest)
  source!: PlanSourceRequest;
}

/** The committee pack the engine makes before each board date and mails to the plan's managers (ADR 37). */
export class PackScheduleRequest {
  /** How many days before each board date the pack is made and sent. */
  @IsInt()
  @Min(1)
  @Max(PACK_SCHEDULE_MAX_DAYS)
  @ApiProperty({ type: 'integer', minimum: 1, maximum: PACK_SCHEDULE_MAX_DAYS })
  daysBefore!: number;

  /** The board or committee the pack is for, as its cover names it, e.g. "Improvement Board". */
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  board!: string;
}

export class AmendPlanRequest extends IntersectionType(PlanSettingsRequest, ReasonRequest) {
  @IsOptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  title?: string;

  /** The days (YYYY-MM-DD) of the board and committee meetings that receive reports on the plan; replaces the list. */
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(100)
  @IsDay({ each: true })
  boardDates?: string[];

  /** The pack made before each board date; null: none. */
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsNested(() => PackScheduleRequest)
  @ApiProperty({ type: PackScheduleRequest, required: false, nullable: true })
  packSchedule?: PackScheduleRequest | null;
}

class GroupingFields {
  /** The grouping this one sits under; null (or left out) for a top-level grouping. */
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  parentId?: string | null;

  /** The papers' own word: "section", "priority", "recommendation", "sub-action", "measure"… */
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  kind!: GroupingKind;

  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  title!: string;
}

export class AddGroupingRequest extends IntersectionType(GroupingFields, ReferencesField, CommandRequest) {}

/** Any field of a grouping may be left out; only `parentId` may be null (moved to the top). */
export class AmendGroupingRequest extends IntersectionType(PartialType(AddGroupingRequest, { skipNullProperties: false }), ReasonRequest) {}

export class ActivatePlanRequest extends CommandRequest {
  /** To whom the plan was submitted, e.g. "Youth Justice Board". */
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  submittedTo!: string;

  @IsDay()
  submittedOn!: string;
}

export class ClosePlanRequest extends CommandRequest {
  /** The body that approved closure, e.g. "Youth Offending Services Management Board". */
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  approvedBy!: string;

  @IsDay()
  approvedOn!: string;
}
