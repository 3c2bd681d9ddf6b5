import { ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsArray, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { ApprovalToCloseRequest } from '../actions/action.request.dto';
import { CommandResponse } from '../http/command.response.dto';

/** A board approved closure of several of a plan's actions: which, on whose authority, and when. */
export class ApprovalsToCloseRequest extends ApprovalToCloseRequest {
  /** The actions approved, each once; at most 200. */
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(100, { each: true })
  actionIds!: string[];
}

export class ApprovalsToCloseResponse {
  planId!: string;
  /** Each action's command answer, in the order asked. */
  approved!: CommandResponse[];
}
