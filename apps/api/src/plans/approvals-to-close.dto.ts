import { ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsArray, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsNested } from '../http/common.request.dto';
import { EffectiveRequest } from '../http/effective.request.dto';
import { CommandResponse } from '../http/command.response.dto';

/** A board approved closure of several of a plan's actions: which, on whose authority, and when. */
export class ApprovalsToCloseRequest {
  /** The actions approved, each once; at most 200. */
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(100, { each: true })
  actionIds!: string[];

  /** The minute or paper that records it, e.g. "minute 6". */
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  authority!: string;

  /** The day the body approved closure. */
  @IsNested(() => EffectiveRequest)
  effective!: EffectiveRequest;
}

export class ApprovalsToCloseResponse {
  planId!: string;
  /** Each action's command answer, in the order asked. */
  approved!: CommandResponse[];
}
