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
import { ApiProperty } from '@nestjs/swagger';
import type { PanelOutcome } from '@actionplans/domain';
import { IsDay, IsNested, IsOptionalNotNull } from '../http/common.request.dto';
import { CommandRequest } from '../http/effective.request.dto';

const OUTCOMES: PanelOutcome[] = ['signed off', 'more evidence required', 'deferred', 'not accepted'];

/** Whether a schedule names a standing panel: its plan, chair and members may then be left to the panel's. */
const ofStandingPanel = (request: SchedulePanelRequest) => request.standingPanelId !== undefined;

export class SchedulePanelRequest extends CommandRequest {
  /**
   * The plan whose actions the meeting considers. For a standing panel's meeting, one of the plans
   * it serves (by default its first): its resulting actions are raised there.
   */
  @ValidateIf((request: SchedulePanelRequest, value) => !ofStandingPanel(request) || value !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  @ApiProperty({ required: false, description: 'Required unless `standingPanelId` is given.' })
  planId!: string;

  /** A meeting of this standing panel tables actions of every plan the panel serves. */
  @IsOptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  standingPanelId?: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  title!: string;

  @IsDay()
  date!: string;

  /** The user who chairs; always a member. A standing panel's chair when left out of its meeting. */
  @ValidateIf((request: SchedulePanelRequest, value) => !ofStandingPanel(request) || value !== undefined)
  @IsUUID()
  @ApiProperty({ required: false, format: 'uuid', description: 'Required unless `standingPanelId` is given.' })
  chair!: string;

  /** The users who sit on the panel. A standing panel's members when left out of its meeting. */
  @ValidateIf((request: SchedulePanelRequest, value) => !ofStandingPanel(request) || value !== undefined)
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  @ApiProperty({ required: false, type: [String], description: 'Required unless `standingPanelId` is given.' })
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

/** `GET /panels`: which meetings, newest first unless `order=oldest`. */
export class PanelListQuery {
  /** Only meetings of this standing panel. */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  standingPanel?: string;

  /** Only meetings that may table this plan's actions: its own, and those of the standing panels serving it now. */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  plan?: string;

  /** Meetings on or after this day. */
  @IsOptional()
  @IsDay()
  @ApiProperty({ required: false, type: String, format: 'date', example: '2023-04-01' })
  from?: string;

  /** Meetings on or before this day. */
  @IsOptional()
  @IsDay()
  @ApiProperty({ required: false, type: String, format: 'date', example: '2023-06-30' })
  to?: string;

  @IsOptional()
  @IsIn(['newest', 'oldest'])
  @ApiProperty({ required: false, enum: ['newest', 'oldest'], default: 'newest' })
  order?: 'newest' | 'oldest';
}
