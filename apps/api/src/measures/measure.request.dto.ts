import { ApiProperty } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { MEASURE_DIRECTIONS, MEASURE_FREQUENCIES, type MeasureDirection, type MeasureFrequency } from '@actionplans/domain';
import { IsDay, IsIdList, IsNested, IsOptionalNotNull, OwnerRequest, ReasonRequest } from '../http/common.request.dto';
import { CommandRequest } from '../http/effective.request.dto';
import { BASES } from '../reports/report.request.dto';

const FIGURE = { allowNaN: false, allowInfinity: false };

/** Where the measure started, e.g. 52.5 on 2021-06-30. */
export class BaselineRequest {
  @IsNumber(FIGURE)
  value!: number;

  @IsDay()
  date!: string;
}

/** A value to reach by a day, e.g. 75 by 2023-06-30. */
export class MeasureTargetRequest {
  @IsNumber(FIGURE)
  value!: number;

  @IsDay()
  by!: string;
}

/** Amber: short of the value expected by no more than this, in the measure's unit; 0: no amber. */
export class ToleranceRequest {
  @IsNumber(FIGURE)
  @Min(0)
  amberWithin!: number;
}

/** A measure as a plan manager defines it. */
export class DefineMeasureRequest extends CommandRequest {
  /** As the plan words it, e.g. "EHC plans audited rated as good or better". */
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  name!: string;

  /** "%", "number", "rate per 10,000"… */
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  unit!: string;

  /** Which way is better. */
  @IsIn(MEASURE_DIRECTIONS)
  @ApiProperty({ enum: MEASURE_DIRECTIONS })
  direction!: MeasureDirection;

  @IsNested(() => BaselineRequest)
  baseline!: BaselineRequest;

  /** In order, each due after the one before; the last is what "achieved" means. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsNested(() => MeasureTargetRequest, { each: true })
  targets!: MeasureTargetRequest[];

  @IsNested(() => ToleranceRequest)
  tolerance!: ToleranceRequest;

  @IsIn(MEASURE_FREQUENCIES)
  @ApiProperty({ enum: MEASURE_FREQUENCIES })
  frequency!: MeasureFrequency;

  /** Where its figures come from. */
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(300)
  source?: string | null;

  /** Who reports it; a user named here may record its figures. */
  @IsNested(() => OwnerRequest)
  owner!: OwnerRequest;

  /** The plan's groupings it serves (sub-actions, priorities…). */
  @IsOptionalNotNull()
  @IsIdList(200)
  groupingIds?: string[];

  /** The plan's actions it serves. */
  @IsOptionalNotNull()
  @IsIdList(500)
  actionIds?: string[];
}

/** Only the fields sent are changed; the reason is kept in the measure's history. */
export class ChangeMeasureRequest extends ReasonRequest {
  @IsOptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  name?: string;

  @IsOptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  unit?: string;

  @IsOptionalNotNull()
  @IsIn(MEASURE_DIRECTIONS)
  @ApiProperty({ enum: MEASURE_DIRECTIONS, required: false })
  direction?: MeasureDirection;

  @IsOptionalNotNull()
  @IsNested(() => BaselineRequest)
  baseline?: BaselineRequest;

  /** The whole list as it is to stand. */
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsNested(() => MeasureTargetRequest, { each: true })
  targets?: MeasureTargetRequest[];

  @IsOptionalNotNull()
  @IsNested(() => ToleranceRequest)
  tolerance?: ToleranceRequest;

  @IsOptionalNotNull()
  @IsIn(MEASURE_FREQUENCIES)
  @ApiProperty({ enum: MEASURE_FREQUENCIES, required: false })
  frequency?: MeasureFrequency;

  /** Null: no longer said. */
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(300)
  source?: string | null;

  @IsOptionalNotNull()
  @IsNested(() => OwnerRequest)
  owner?: OwnerRequest;

  /** The whole list as it is to stand. */
  @IsOptionalNotNull()
  @IsIdList(200)
  groupingIds?: string[];

  /** The whole list as it is to stand. */
  @IsOptionalNotNull()
  @IsIdList(500)
  actionIds?: string[];
}

class FigureFields extends CommandRequest {
  /** The period's label as the scorecard prints it, e.g. "Q1 2022/23"; one figure per period. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  period!: string;

  @IsNumber(FIGURE)
  value!: number;

  /** A figure that may yet be restated (default false). */
  @IsOptionalNotNull()
  @IsBoolean()
  provisional?: boolean;

  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(2000)
  note?: string | null;
}

/** A figure for one period. */
export class RecordActualRequest extends FigureFields {
  /** The last day of the period the figure is for. */
  @IsDay()
  periodEnd!: string;
}

/** A recorded period's figure replaced ("re-run retrospectively"); the figure replaced is kept. */
export class RestateActualRequest extends FigureFields {
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}

/** A measure, or a plan's measures, as at the end of a day. */
export class MeasuresAsAtQuery {
  @IsOptional()
  @IsDay()
  asAt?: string;

  /** `effective` (the default): as we now know it was; `recorded`: what the system showed then. */
  @IsOptional()
  @IsIn(BASES)
  @ApiProperty({ required: false, enum: BASES })
  basis?: (typeof BASES)[number];
}
