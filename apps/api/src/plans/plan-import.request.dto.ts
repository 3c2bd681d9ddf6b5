import { ArrayMaxSize, IsArray, IsBooleanString, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IMPORT_LIMITS } from '@actionplans/import';
import { IsDay, IsNested, IsOptionalNotNull, IsTargetDateText } from '../http/common.request.dto';
import { CreatePlanRequest } from './plan.request.dto';

/** The paper the sheet is: progress in it is as of its date, and that date is when it took effect. */
export class ImportPaperRequest {
  @IsDay()
  date!: string;

  /** Its name, kept as the source of what it says, e.g. "Action plan, version 0.9 of 15 July 2021". */
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  source!: string;
}

/** Which header (or column letter) holds each field; any left out are found by the papers' usual headers. */
export class ImportMappingRequest {
  @IsOptionalNotNull() @IsString() @IsNotEmpty() @MaxLength(200) reference?: string;
  @IsOptionalNotNull() @IsString() @IsNotEmpty() @MaxLength(200) action?: string;
  @IsOptionalNotNull() @IsString() @IsNotEmpty() @MaxLength(200) leads?: string;
  @IsOptionalNotNull() @IsString() @IsNotEmpty() @MaxLength(200) targetDate?: string;
  @IsOptionalNotNull() @IsString() @IsNotEmpty() @MaxLength(200) revisedTargetDate?: string;
  @IsOptionalNotNull() @IsString() @IsNotEmpty() @MaxLength(200) startDate?: string;
  @IsOptionalNotNull() @IsString() @IsNotEmpty() @MaxLength(200) progress?: string;
  @IsOptionalNotNull() @IsString() @IsNotEmpty() @MaxLength(200) status?: string;
  @IsOptionalNotNull() @IsString() @IsNotEmpty() @MaxLength(200) evidenceRequired?: string;
  @IsOptionalNotNull() @IsString() @IsNotEmpty() @MaxLength(200) notes?: string;
  @IsOptionalNotNull() @IsString() @IsNotEmpty() @MaxLength(200) grouping?: string;
}

/** One row as an integrator sends it: each field's text as a sheet's cell would hold it (blank allowed). */
export class ImportRowRequest {
  @IsOptionalNotNull() @IsString() @MaxLength(500) reference?: string;
  @IsOptionalNotNull() @IsString() @MaxLength(10_000) action?: string;
  @IsOptionalNotNull() @IsString() @MaxLength(2_000) leads?: string;
  @IsOptionalNotNull() @IsString() @MaxLength(500) @IsTargetDateText() targetDate?: string;
  @IsOptionalNotNull() @IsString() @MaxLength(500) @IsTargetDateText() revisedTargetDate?: string;
  @IsOptionalNotNull() @IsString() @MaxLength(500) @IsTargetDateText() startDate?: string;
  @IsOptionalNotNull() @IsString() @MaxLength(20_000) progress?: string;
  @IsOptionalNotNull() @IsString() @MaxLength(500) status?: string;
  @IsOptionalNotNull() @IsString() @MaxLength(10_000) evidenceRequired?: string;
  @IsOptionalNotNull() @IsString() @MaxLength(10_000) notes?: string;
  @IsOptionalNotNull() @IsString() @MaxLength(2_000) grouping?: string;
}

/** What a grouping column's values are (default section), and the references' prefixes by depth (default theme). */
export class GroupingKindsRequest {
  @IsOptionalNotNull() @IsString() @IsNotEmpty() @MaxLength(100) column?: string;

  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(100, { each: true })
  byDepth?: string[];
}

/** How to read the sheet and what plan it is; sent as the JSON body with `rows`, or as `?options=` beside a file. */
export class ImportOptionsRequest {
  /** The plan, created in draft if it does not exist yet. */
  @IsNested(() => CreatePlanRequest)
  plan!: CreatePlanRequest;

  /** Names the plan across imports (default: its title): importing again with the same key amends the same plan. */
  @IsOptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  importKey?: string;

  @IsOptionalNotNull()
  @IsNested(() => ImportPaperRequest)
  paper?: ImportPaperRequest;

  /** The day the plan and its actions began (e.g. the day it was submitted); default the paper's date. */
  @IsOptionalNotNull()
  @IsDay()
  createdOn?: string;

  /** Which header (or column letter) holds each field: reference, action, leads, targetDate, … */
  @IsOptionalNotNull()
  @IsNested(() => ImportMappingRequest)
  mapping?: ImportMappingRequest;

  /** The plan's status categories; a row with any other status is a problem. */
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  statuses?: string[];

  /** The kind of grouping of a grouping column's values, and of the references' prefixes by depth. */
  @IsOptionalNotNull()
  @IsNested(() => GroupingKindsRequest)
  groupingKinds?: GroupingKindsRequest;
}

/** An integrator's import: the options and the rows, each row keyed by field name. */
export class ImportPlanRequest extends ImportOptionsRequest {
  @IsArray()
  @ArrayMaxSize(IMPORT_LIMITS.rows)
  @IsNested(() => ImportRowRequest, { each: true })
  rows!: ImportRowRequest[];
}

export class ImportQuery {
  /** `true`: only check the sheet and say what would be created; nothing is stored. */
  @IsOptional()
  @IsBooleanString()
  dryRun?: string;

  /** With a file body: the options as JSON (`ImportOptionsRequest`). */
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  options?: string;
}

export class ExportQuery {
  @IsOptional()
  @IsIn(['xlsx', 'csv'])
  format?: 'xlsx' | 'csv';
}
