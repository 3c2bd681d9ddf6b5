import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import type { StatusBasis } from '@actionplans/domain';
import { IsDay, IsNested, IsOptionalNotNull } from '../http/common.request.dto';
import { CommandRequest } from '../http/effective.request.dto';

const STATUS_BASES = ['rating', 'computed'] as const;
const TRUTHS: Record<string, boolean> = { true: true, false: false, yes: true, no: false, '1': true, '0': false };
/** A query's true/false as written in a link; anything else is left as it is, and refused. */
const asBoolean = ({ value }: { value: unknown }) => (typeof value === 'string' && value in TRUTHS ? TRUTHS[value] : value);

/** A committee pack as at a day on a basis (the plan's default basis when none is asked). */
export class PackQuery {
  /** The day the figures are as at (the end of it); today when left out. */
  @IsOptional()
  @IsDay()
  asAt?: string;

  /** `rating`: the board's categories from the ratings; `computed`: the engine's status. */
  @IsOptional()
  @IsIn(STATUS_BASES)
  basis?: StatusBasis;

  /** The day the BRAG on a page compares with; the previous issued pack's day when left out. */
  @IsOptional()
  @IsDay()
  compareWith?: string;

  /** Only the actions rated red or amber on the BRAG on a page. */
  @IsOptional()
  @Transform(asBoolean)
  @IsBoolean()
  @ApiProperty({ required: false, type: Boolean })
  exceptionsOnly?: boolean;

  /** The cover's title; the plan's title with "progress report" when left out. */
  @IsOptional()
  @IsString()
  @MaxLength(300)
  title?: string;

  /** The meeting the pack is for, as the cover names it. */
  @IsOptional()
  @IsString()
  @MaxLength(300)
  meeting?: string;

  @IsOptional()
  @IsDay()
  meetingDate?: string;

  @IsOptional()
  @IsString()
  @MaxLength(5000)
  purpose?: string;

  /** One recommendation; repeat the parameter for more. */
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? [value] : value))
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(2000, { each: true })
  recommendations?: string[];
}

export class PackCoverRequest {
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title!: string;

  @IsString()
  @MaxLength(5000)
  purpose!: string;

  /** "That the board note the progress". */
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(2000, { each: true })
  recommendations!: string[];
}

/** A panel meeting of the engine (`panelId`), or a board or committee named with its date (`board`, `date`). */
export class PackMeetingRequest {
  @IsOptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  panelId?: string;

  @ValidateIf((meeting: PackMeetingRequest, value) => meeting.panelId === undefined || value !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  board?: string;

  /** The day of the board's meeting; for a panel meeting, its own day is taken. */
  @ValidateIf((meeting: PackMeetingRequest, value) => meeting.panelId === undefined || value !== undefined)
  @IsDay()
  date?: string;
}

/** Issuing a pack to a meeting; `effective` when it was issued earlier, on paper (the day and the paper). */
export class IssuePackRequest extends CommandRequest {
  @IsDay()
  asAt!: string;

  @IsOptionalNotNull()
  @IsIn(STATUS_BASES)
  basis?: StatusBasis;

  @IsOptionalNotNull()
  @IsDay()
  compareWith?: string;

  @IsOptionalNotNull()
  @IsBoolean()
  exceptionsOnly?: boolean;

  @IsNested(() => PackCoverRequest)
  cover!: PackCoverRequest;

  @IsNested(() => PackMeetingRequest)
  meeting!: PackMeetingRequest;
}

/**
 * A copy of a pack to check: its whole HTML (up to 300,000 characters: a 75-action pack is about
 * 66 kB, and the JSON body limit is 1 MiB of any characters), or only the hash it prints.
 */
export class VerifyPackRequest {
  @ValidateIf((body: VerifyPackRequest, value) => body.hash === undefined || value !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(300_000)
  html?: string;

  @IsOptionalNotNull()
  @Matches(/^[0-9a-f]{64}$/, { message: 'must be a SHA-256 in hex (64 characters 0-9, a-f)' })
  hash?: string;
}
