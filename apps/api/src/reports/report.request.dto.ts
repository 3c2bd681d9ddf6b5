import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional, ValidateBy } from 'class-validator';
import type { StatusBasis } from '@actionplans/domain';
import { IsDay } from '../http/common.request.dto';

export const BASES = ['recorded', 'effective'] as const;
export const FORMATS = ['json', 'csv'] as const;
const HISTORY_BASES: readonly string[] = BASES;
const STATUS_BASES: readonly string[] = ['rating', 'computed'];

/**
 * `basis` names up to two bases, one of each kind, comma-separated: the clock of an as-at answer
 * (`recorded` | `effective`) and the figure counted (`rating` | `computed`), e.g. `rating,effective`.
 */
function isBasisList(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const parts = value.split(',').map((part) => part.trim());
  return (
    parts.every((part) => HISTORY_BASES.includes(part) || STATUS_BASES.includes(part)) &&
    parts.filter((part) => HISTORY_BASES.includes(part)).length <= 1 &&
    parts.filter((part) => STATUS_BASES.includes(part)).length <= 1
  );
}

const IsBasisList = () =>
  ValidateBy({
    name: 'isBasisList',
    validator: {
      validate: isBasisList,
      defaultMessage: () => 'must be recorded or effective, rating or computed, or one of each joined by a comma (rating,effective)',
    },
  });

/** The bases a valid `basis` names; either may be absent. */
export function basesOf(basis: string | undefined): { history?: 'recorded' | 'effective'; status?: StatusBasis } {
  const parts = (basis ?? '').split(',').map((part) => part.trim());
  return {
    history: parts.find((part) => HISTORY_BASES.includes(part)) as 'recorded' | 'effective' | undefined,
    status: parts.find((part) => STATUS_BASES.includes(part)) as StatusBasis | undefined,
  };
}

export class AsAtQuery {
  /** Report the plan as at the end of this day instead of now. */
  @IsOptional()
  @IsDay()
  asAt?: string;

  /**
   * `recorded`: what the system showed on that day. `effective` (the default with `asAt`): what
   * we now know was true on that day, including updates entered later and backdated.
   * `rating`: counted on the ratings people recorded; `computed`: on the engine's status from the
   * facts (the plan's default basis when neither is asked). One of each may be joined: `rating,effective`.
   */
  @IsOptional()
  @IsBasisList()
  @ApiProperty({ required: false, example: 'rating,effective' })
  basis?: string;

  /** A second day answered beside `asAt` (or today), as board papers compare "RAG Jan 23 | RAG May 23". */
  @IsOptional()
  @IsDay()
  compareWith?: string;

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

/** A plan as at the end of a day, in either sense, counted on either basis. */
export class PlanAsAtQuery {
  @IsOptional()
  @IsDay()
  asAt?: string;

  /** As for the reports: `recorded` | `effective`, `rating` | `computed`, or one of each joined by a comma. */
  @IsOptional()
  @IsBasisList()
  @ApiProperty({ required: false, example: 'rating,effective' })
  basis?: string;
}
