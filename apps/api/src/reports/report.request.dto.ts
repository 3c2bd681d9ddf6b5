import { IsIn, IsOptional } from 'class-validator';
import { IsDay } from '../http/common.request.dto';

export const BASES = ['recorded', 'effective'] as const;
export const FORMATS = ['json', 'csv'] as const;

export class AsAtQuery {
  /** Report the plan as at the end of this day instead of now. */
  @IsOptional()
  @IsDay()
  asAt?: string;

  /**
   * `recorded`: what the system showed on that day. `effective` (the default with `asAt`): what
   * we now know was true on that day, including updates entered later and backdated.
   */
  @IsOptional()
  @IsIn(BASES)
  basis?: (typeof BASES)[number];

  /** `csv` for a spreadsheet; JSON otherwise (or send `Accept: text/csv`). */
  @IsOptional()
  @IsIn(FORMATS)
  format?: (typeof FORMATS)[number];
}

export class ChangesQuery {
  @IsDay()
  from!: string;

  @IsDay()
  to!: string;

  @IsOptional()
  @IsIn(BASES)
  basis?: (typeof BASES)[number];
}

/** A plan as at the end of a day, in either sense. */
export class PlanAsAtQuery {
  @IsOptional()
  @IsDay()
  asAt?: string;

  @IsOptional()
  @IsIn(BASES)
  basis?: (typeof BASES)[number];
}
