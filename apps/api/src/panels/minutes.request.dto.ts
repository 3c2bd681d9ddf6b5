import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, ValidateIf } from 'class-validator';
import { OTHER_ITEM_KINDS, type OtherItemKind } from '@actionplans/domain';
import { IsOptionalNotNull } from '../http/common.request.dto';
import { RaiseActionRequest } from '../actions/action.request.dto';
import { CommandRequest } from '../http/effective.request.dto';

/** A member's interest in an item (a tabled action's id, or an item's id): they stand aside from it. */
export class DeclareInterestRequest extends CommandRequest {
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  itemId!: string;

  /** The member declaring. */
  @IsUUID()
  memberId!: string;

  /** Why, as the minutes will say it. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}

/** An item that is not an action: a plan's progress report, a policy, any other business. */
export class AddAgendaItemRequest extends CommandRequest {
  @IsIn(OTHER_ITEM_KINDS)
  kind!: OtherItemKind;

  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  title!: string;

  /** The plan it is about, if any. */
  @IsOptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  planId?: string;
}

/** The notes of one item; sent again before approval, they replace the draft's. */
export class RecordItemNotesRequest extends CommandRequest {
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  itemId!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(20000)
  notes!: string;
}

/** An action resulting from the meeting, as the minutes record it. */
export class RecordResultingActionRequest extends CommandRequest {
  /** The item it arose from, if any. */
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  itemId?: string | null;

  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  text!: string;

  /** Who is to do it: a person, role or organisation, in the minutes' words. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  forWhom!: string;

  /** The plan action raised for it at this meeting (`POST /panels/{panelId}/actions`), if any. */
  @IsOptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  actionId?: string;
}

/** Approves this meeting's minutes "as a correct record" at a later meeting. */
export class ApproveMinutesRequest extends CommandRequest {
  /** The later meeting approving them. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  approvedAt!: string;

  /** A member present at the approving meeting. */
  @IsUUID()
  proposedBy!: string;

  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsUUID()
  secondedBy?: string | null;
}

/** An action resulting from the meeting, raised in one of its plans. */
export class RaiseResultingActionRequest extends RaiseActionRequest {
  /** The meeting's plan by default; at a standing panel's meeting, any plan the panel serves. */
  @IsOptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  planId?: string;
}
