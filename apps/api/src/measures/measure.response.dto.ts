import { ApiProperty } from '@nestjs/swagger';
import {
  MEASURE_DIRECTIONS,
  MEASURE_FREQUENCIES,
  MEASURE_STATUSES,
  type MeasureDirection,
  type MeasureFrequency,
  type MeasureStatus,
  type MeasureTravel,
} from '@actionplans/domain';
import { OwnerRequest } from '../http/common.request.dto';

const TRAVELS = ['improving', 'worsening', 'unchanged', 'no data'];

export class BaselineResponse {
  value!: number;
  date!: string;
}

export class MeasureTargetResponse {
  value!: number;
  by!: string;
}

export class ToleranceResponse {
  amberWithin!: number;
}

export class LatestFigureResponse {
  period!: string;
  periodEnd!: string;
  value!: number;
  provisional!: boolean;
}

export class JudgedAgainstResponse {
  target!: MeasureTargetResponse;
  /** The value expected on the figure's period end: on the line from the baseline (or previous target) to this target. */
  expected!: number;
}

export class MeasureLineResponse {
  measureId!: string;
  planId!: string;
  name!: string;
  unit!: string;
  @ApiProperty({ enum: MEASURE_DIRECTIONS })
  direction!: MeasureDirection;
  baseline!: BaselineResponse;
  targets!: MeasureTargetResponse[];
  tolerance!: ToleranceResponse;
  @ApiProperty({ enum: MEASURE_FREQUENCIES })
  frequency!: MeasureFrequency;
  source!: string | null;
  owner!: OwnerRequest;
  groupingIds!: string[];
  actionIds!: string[];
  /** From the latest figure (ADR 36). */
  @ApiProperty({ enum: MEASURE_STATUSES })
  status!: MeasureStatus;
  /** The latest figure against the one before (or the baseline). */
  @ApiProperty({ enum: TRAVELS })
  travel!: MeasureTravel;
  latest!: LatestFigureResponse | null;
  against!: JudgedAgainstResponse | null;
}

export class FigureMomentsResponse {
  value!: number;
  provisional!: boolean;
  note!: string | null;
  recordedAt!: string;
  occurredAt!: string;
  source!: string | null;
  /** The user who recorded it. */
  by!: string;
}

export class FigureResponse {
  value!: number;
  provisional!: boolean;
  note!: string | null;
}

export class RestatementResponse extends FigureMomentsResponse {
  reason!: string;
  replaces!: FigureResponse;
}

export class ActualResponse {
  period!: string;
  periodEnd!: string;
  /** The figure as it stands. */
  value!: number;
  provisional!: boolean;
  note!: string | null;
  /** As first recorded. */
  recorded!: FigureMomentsResponse;
  /** Oldest first, each with the figure it replaced. */
  restatements!: RestatementResponse[];
}

export class MeasureChangeResponse {
  /** MeasureDefined, MeasureChanged, ActualRecorded, ActualRestated. */
  type!: string;
  recordedAt!: string;
  occurredAt!: string;
  source!: string | null;
  by!: string;
  /** The event's data: what changed, with the reason. */
  change!: Record<string, unknown>;
}

export class MeasureResponse extends MeasureLineResponse {
  /** By period, oldest first. */
  actuals!: ActualResponse[];
  history!: MeasureChangeResponse[];
  /** Present on an as-at answer. */
  asAt?: string;
  basis?: string;
}

export class PlanMeasuresResponse {
  planId!: string;
  asAt?: string;
  basis?: string;
  measures!: MeasureLineResponse[];
}
