import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ActionCommandMessage, newId } from '@actionplans/commands';
import { Ctx, type RequestContext } from '../commands/request-context';
import { reply } from '../http/command-reply';
import { CommandResponse } from '../http/command.response.dto';
import { CommandRequest } from '../http/effective.request.dto';
import { ChangeOwnersRequest, ReasonRequest } from './action.request.dto';

/**
 * A change of an action's owners that needs a second plan manager: a plan manager does not make
 * themself an owner (and so a reader of its restricted case material) alone. One proposes, a
 * different plan manager or an admin approves, and the proposed owners take over.
 */
@ApiTags('actions')
@ApiBearerAuth()
@ApiHeader({ name: 'If-Match', required: false, description: 'The ETag last read; refused with 412 if the action has changed since.' })
@ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description: 'Retry safely: the first answer comes back and nothing new is stored.',
})
@Controller('actions/:actionId/owner-changes')
export class OwnerChangesController {
  constructor(private readonly commands: CommandBus) {}

  /** Proposes new lead and supporting owners (plan managers); they take effect once someone else approves. */
  @Post()
  @ApiCreatedResponse({ type: CommandResponse })
  propose(
    @Param('actionId') actionId: string,
    @Body() body: ChangeOwnersRequest,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    const changeId = newId(context, 'owner-change');
    return this.send(actionId, { type: 'ProposeOwnerChange', changeId, ...body }, context, response, changeId);
  }

  /** Approves a proposed change (a plan manager or admin other than its proposer): the proposed owners take over. */
  @Post(':changeId/approval')
  @ApiCreatedResponse({ type: CommandResponse })
  approve(
    @Param('actionId') actionId: string,
    @Param('changeId') changeId: string,
    // Only `effective`, which the request context reads.
    @Body() _body: CommandRequest,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.send(actionId, { type: 'ApproveOwnerChange', changeId }, context, response);
  }

  /** Turns a proposed change down, with a reason (any plan manager or admin, its proposer included). */
  @Post(':changeId/rejection')
  @ApiCreatedResponse({ type: CommandResponse })
  reject(
    @Param('actionId') actionId: string,
    @Param('changeId') changeId: string,
    @Body() body: ReasonRequest,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.send(actionId, { type: 'RejectOwnerChange', changeId, reason: body.reason }, context, response);
  }

  private async send(
    actionId: string,
    body: ActionCommandMessage['body'],
    context: RequestContext,
    response: Response,
    createdId?: string,
  ): Promise<CommandResponse> {
    return reply(response, await this.commands.execute(new ActionCommandMessage(actionId, body, context)), undefined, createdId);
  }
}
