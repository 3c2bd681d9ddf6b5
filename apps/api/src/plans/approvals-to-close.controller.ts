import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApproveClosures, ClosuresRefusedError, ConfirmSignOffs, type ClosuresOutcome } from '@actionplans/commands';
import { Ctx, type RequestContext } from '../commands/request-context';
import { reply } from '../http/command-reply';
import { problem, ProblemError } from '../http/problem';
import {
  ApprovalsToCloseRequest,
  ApprovalsToCloseResponse,
  SignOffConfirmationsRequest,
  SignOffConfirmationsResponse,
} from './approvals-to-close.dto';

/** A board approving closure of several of a plan's actions at once; a second plan manager confirming several proposed sign-offs. */
@ApiTags('plans')
@ApiBearerAuth()
@ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description: 'Retry safely: the actions the first attempt approved answer as they did, and nothing new is stored for them.',
})
@Controller('plans')
export class ApprovalsToCloseController {
  constructor(private readonly commands: CommandBus) {}

  /**
   * Records the named body's approval to close for each action listed, on one authority and day
   * (plan managers and admins). Each action is checked by its own rules first: if any is refused,
   * none is approved, and the answer names each refused action (`errors[].field` is `actionIds[i]`).
   */
  @Post(':planId/approvals-to-close')
  @ApiCreatedResponse({ type: ApprovalsToCloseResponse })
  async approve(
    @Param('planId') planId: string,
    @Body() body: ApprovalsToCloseRequest,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ApprovalsToCloseResponse> {
    const approved = await this.batch(new ApproveClosures(planId, body.actionIds, body.authority, context), response);
    return { planId, approved };
  }

  /**
   * Confirms the sign-offs proposed on each action listed (from a paper, or for a delegated body:
   * an import's, say), as a plan manager or admin other than their proposer who neither owns nor
   * submitted any of them (ADR 33). All or nothing, as approvals to close are.
   */
  @Post(':planId/proposed-sign-offs/confirmation')
  @ApiCreatedResponse({ type: SignOffConfirmationsResponse })
  async confirm(
    @Param('planId') planId: string,
    @Body() body: SignOffConfirmationsRequest,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SignOffConfirmationsResponse> {
    return { planId, confirmed: await this.batch(new ConfirmSignOffs(planId, body.actionIds, context), response) };
  }

  private async batch(command: ApproveClosures | ConfirmSignOffs, response: Response) {
    let outcome: ClosuresOutcome;
    try {
      outcome = await this.commands.execute(command);
    } catch (error) {
      if (error instanceof ClosuresRefusedError) throw new ProblemError(refusedProblem(error));
      throw error;
    }
    const replies = outcome.outcomes.map((one) => reply(response, one));
    response.removeHeader('ETag');
    if (replies.length && replies.every((one) => one.replayed)) response.setHeader('Idempotent-Replayed', 'true');
    else response.removeHeader('Idempotent-Replayed');
    return replies;
  }
}

/** Every refused action named by its place in the list, its reference, and the rule's code and words. */
function refusedProblem(error: ClosuresRefusedError) {
  const errors = error.refusals.map((refusal) => ({
    field: `actionIds[${refusal.index}]`,
    problem: `action ${refusal.reference}: ${refusal.message}`,
    code: refusal.code,
  }));
  const detail = `${error.what} was refused for ${errors.length} of the actions, so none was recorded: ${errors.map((e) => e.problem).join('; ')}`;
  const code = error.what === 'approval to close' ? 'PLAN.APPROVALS_TO_CLOSE_REFUSED' : 'PLAN.SIGN_OFF_CONFIRMATIONS_REFUSED';
  return problem(422, code, detail, errors);
}
