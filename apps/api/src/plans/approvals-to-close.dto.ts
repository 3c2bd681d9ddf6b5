import { ApprovalToCloseRequest } from '../actions/action.request.dto';
import { CommandResponse } from '../http/command.response.dto';
import { CommandRequest } from '../http/effective.request.dto';
import { IsIdList } from '../http/common.request.dto';

/** A board approved closure of several of a plan's actions: which, on whose authority, and when. */
export class ApprovalsToCloseRequest extends ApprovalToCloseRequest {
  /** The actions approved, each once; at most 200. */
  @IsIdList(200, { unique: true, nonEmpty: true })
  actionIds!: string[];
}

/** A second plan manager confirms the sign-offs proposed on several of a plan's actions. */
export class SignOffConfirmationsRequest extends CommandRequest {
  /** The actions whose proposed sign-off is confirmed, each once; at most 200. */
  @IsIdList(200, { unique: true, nonEmpty: true })
  actionIds!: string[];
}

export class SignOffConfirmationsResponse {
  planId!: string;
  /** Each action's command answer, in the order asked. */
  confirmed!: CommandResponse[];
}

export class ApprovalsToCloseResponse {
  planId!: string;
  /** Each action's command answer, in the order asked. */
  approved!: CommandResponse[];
}
