import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsNotEmpty, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { STANDING_PANEL_ROLES, type StandingPanelRole } from '@actionplans/domain';
import { IsNested, IsOptionalNotNull, ReasonRequest } from '../http/common.request.dto';
import { CommandRequest } from '../http/effective.request.dto';

/** A member of a standing panel and their part on it. */
export class StandingPanelMemberRequest {
  /** A user of the `panel member` role, enabled. */
  @IsUUID()
  userId!: string;

  /** One chair, at most one vice-chair; everyone else a member. */
  @IsIn(STANDING_PANEL_ROLES)
  @ApiProperty({ enum: STANDING_PANEL_ROLES })
  role!: StandingPanelRole;
}

class MembersField extends CommandRequest {
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(50)
  @IsNested(() => StandingPanelMemberRequest, { each: true })
  members!: StandingPanelMemberRequest[];
}

export class EstablishStandingPanelRequest extends MembersField {
  /** E.g. "Children's services evidence challenge panel". */
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  /** What the panel is for and how it works. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(8000)
  termsOfReference!: string;

  /** Members present and not conflicted a decision needs, unless the action's plan sets its own: at least 2, at most its members. */
  @IsInt()
  @Min(2)
  @Max(50)
  @ApiProperty({ type: 'integer', minimum: 2, maximum: 50 })
  quorum!: number;

  /** The plans whose actions its meetings table. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(100, { each: true })
  planIds!: string[];
}

/** Only the fields sent are changed; the reason is kept in the panel's history. */
export class AmendStandingPanelRequest extends ReasonRequest {
  @IsOptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @IsOptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(8000)
  termsOfReference?: string;

  @IsOptionalNotNull()
  @IsInt()
  @Min(2)
  @Max(50)
  @ApiProperty({ type: 'integer', required: false, minimum: 2, maximum: 50 })
  quorum?: number;
}

/** The whole membership as it is to stand, with why it changed. */
export class ChangeStandingPanelMembersRequest extends MembersField {
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}

/** A plan the panel starts or stops serving, with why. */
export class ServedPlanRequest extends ReasonRequest {
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  planId!: string;
}
