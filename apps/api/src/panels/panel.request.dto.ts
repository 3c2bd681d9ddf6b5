import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import type { PanelOutcome } from '@actionplans/domain';
import { IsDay, IsNested, IsOptionalNotNull } from '../http/common.request.dto';
import { CommandRequest } from '../http/effective.request.dto';

const OUTCOMES: PanelOutcome[] = ['signed off', 'more evidence required', 'deferred', 'not accepted'];

export class SchedulePanelRequest extends CommandRequest {
  /** The plan whose actions the meeting considers. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  planId!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  title!: string;

  @IsDay()
  date!: string;

  /** The user who chairs; always a member. */
  @IsUUID()
  chair!: string;

  /** The users who sit on the panel. */
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  members!: string[];
}

export class TableActionRequest extends CommandRequest {
  /** An action submitted for sign-off. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  actionId!: string;
}

/** Someone at the meeting who is not a member; they need not be a user, and never decide or count towards quorum. */
export class GuestRequest {
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  /** Their role or organisation, e.g. "Head of Service, Remedi". */
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  role!: string;
}

export class RecordAttendanceRequest extends CommandRequest {
  /** The members present; replaces any earlier list. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  present!: string[];

  /** Members who sent apologies (not present). */
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  apologies?: string[];

  /** Non-voting guests. */
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(50)
  @IsNested(() => GuestRequest, { each: true })
  guests?: GuestRequest[];
}

/** Effective on the meeting's day unless `effective` says otherwise (plan managers and admins only, for a day before today). */
export class DecideOnActionRequest extends CommandRequest {
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  actionId!: string;

  @IsIn(OUTCOMES)
  outcome!: PanelOutcome;

  /** Why the panel decided as it did: always required. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(8000)
  rationale!: string;

  /** For "more evidence required": what the owner must answer before resubmitting. */
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(2000, { each: true })
  challengePoints?: string[];

  /** For "deferred": the later meeting, if it is booked. */
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  deferredTo?: string | null;

  /**
   * A plan manager entering the decision from the minutes names the member who took it; the
   * decision then needs `effective` with the minutes as its source (ADR 30).
   */
  @IsOptionalNotNull()
  @IsUUID()
  decidedBy?: string;
}
