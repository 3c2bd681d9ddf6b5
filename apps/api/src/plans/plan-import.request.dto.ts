import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBooleanString, IsIn, IsNotEmpty, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import { FIELDS, IMPORT_LIMITS } from '@actionplans/import';
import { IsDay, IsNested, IsOptionalNotNull } from '../http/common.request.dto';
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
  @IsObject()
  @ApiProperty({ required: false, type: Object, additionalProperties: { type: 'string' } })
  mapping?: Record<string, string>;

  /** The plan's status categories; a row with any other status is a problem. */
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  statuses?: string[];

  /** The kind of grouping of a grouping column's values, and of the references' prefixes by depth. */
  @IsOptionalNotNull()
  @IsObject()
  @ApiProperty({ required: false, type: Object, additionalProperties: true })
  groupingKinds?: { column?: string; byDepth?: string[] };
}

/** An integrator's import: the options and the rows, each row keyed by field name. */
export class ImportPlanRequest extends ImportOptionsRequest {
  @IsArray()
  @ArrayMaxSize(IMPORT_LIMITS.rows)
  @IsObject({ each: true })
  @ApiProperty({
    type: 'array',
    items: { type: 'object', properties: Object.fromEntries(FIELDS.map((field) => [field, { type: 'string' }])) },
  })
  rows!: Array<Record<string, string | number | null>>;
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
