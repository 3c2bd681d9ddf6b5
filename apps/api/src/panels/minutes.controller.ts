import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { newId, PanelCommandMessage } from '@actionplans/commands';
import { StreamReader } from '@actionplans/read-models';
import { Ctx, etag, type RequestContext } from '../commands/request-context';
import { reply } from '../http/command-reply';
import { CommandResponse } from '../http/command.response.dto';
import { problem, ProblemError } from '../http/problem';
import {
  AddAgendaItemRequest,
  ApproveMinutesRequest,
  DeclareInterestRequest,
  RecordItemNotesRequest,
  RecordResultingActionRequest,
} from './minutes.request.dto';
import { MinutesResponse } from './minutes.response.dto';
import { ReasonRequest } from '../actions/action.request.dto';
import { CommandRequest } from '../http/effective.request.dto';

/** A panel meeting's minutes (ADR 30): declarations, items that are not actions, notes, resulting actions, approval. */
@ApiTags('panels')
@ApiBearerAuth()
@ApiHeader({ name: 'If-Match', required: false, description: 'The ETag last read; refused with 412 if the meeting has changed since.' })
@ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description: 'Retry safely: the first answer comes back and nothing new is stored.',
})
@Controller('panels')
export class MinutesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly reader: StreamReader,
  ) {}

  /** The meeting's minutes, draft or approved as a correct record. */
  @Get(':panelId/minutes')
  @ApiOkResponse({ type: MinutesResponse })
  async minutes(@Param('panelId') panelId: string, @Res({ passthrough: true }) response: Response): Promise<MinutesResponse> {
    const view = await this.reader.minutes(panelId);
    if (!view) throw new ProblemError(problem(404, 'PANEL.NOT_FOUND', 'there is no such panel meeting'));
    response.setHeader('ETag', etag(view.version));
    const { position: _position, ...minutes } = view;
    return minutes;
  }

  /** A member's interest in an item: they neither decide it nor count towards its quorum (the member, the chair or plan managers). */
  @Post(':panelId/declarations')
  @ApiCreatedResponse({ type: CommandResponse })
  declare(
    @Param('panelId') panelId: string,
    @Body() body: DeclareInterestRequest,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { itemId, memberId, reason } = body;
    return this.send(panelId, { type: 'DeclareInterest', itemId, memberId, reason }, context, response);
  }

  /** An item that is not an action: a progress report, a policy, any other business (the chair or plan managers). */
  @Post(':panelId/items')
  @ApiCreatedResponse({ type: CommandResponse })
  addItem(
    @Param('panelId') panelId: string,
    @Body() body: AddAgendaItemRequest,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    const itemId = newId(context, 'item');
    const { kind, title, planId } = body;
    return this.send(panelId, { type: 'AddAgendaItem', itemId, kind, title, planId }, context, response, itemId);
  }

  /** Notes on an item; sent again, they amend the draft minutes (the chair or plan managers). */
  @Post(':panelId/notes')
  @ApiCreatedResponse({ type: CommandResponse })
  notes(
    @Param('panelId') panelId: string,
    @Body() body: RecordItemNotesRequest,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.send(panelId, { type: 'RecordItemNotes', itemId: body.itemId, notes: body.notes }, context, response);
  }

  /** An action resulting from the meeting and who is to do it (the chair or plan managers). */
  @Post(':panelId/resulting-actions')
  @ApiCreatedResponse({ type: CommandResponse })
  resultingAction(
    @Param('panelId') panelId: string,
    @Body() body: RecordResultingActionRequest,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    const resultingActionId = newId(context, 'resulting-action');
    const { itemId, text, forWhom, actionId } = body;
    const command = { type: 'RecordResultingAction' as const, resultingActionId, itemId, text, forWhom, actionId };
    return this.send(panelId, command, context, response, resultingActionId);
  }

  /** Approves this meeting's minutes as a correct record at a later meeting (its chair or plan managers). */
  @Post(':panelId/minutes/approval')
  @ApiCreatedResponse({ type: CommandResponse })
  approve(
    @Param('panelId') panelId: string,
    @Body() body: ApproveMinutesRequest,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { approvedAt, proposedBy, secondedBy } = body;
    return this.send(panelId, { type: 'ApproveMinutes', approvedAt, proposedBy, secondedBy }, context, response);
  }

  /**
   * Confirms a decision a plan manager entered from the minutes (ADR 33): the member named as taking
   * it, or a plan manager or admin other than whoever entered it, neither owning nor having submitted
   * the action. Only then does the action take the outcome.
   */
  @Post(':panelId/decisions/:decisionId/confirmation')
  @ApiCreatedResponse({ type: CommandResponse })
  confirmEntry(
    @Param('panelId') panelId: string,
    @Param('decisionId') decisionId: string,
    // Only `effective`, which the request context reads.
    @Body() _body: CommandRequest,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.send(panelId, { type: 'ConfirmDecisionEntry', decisionId }, context, response);
  }

  /** Rejects a decision entered from the minutes, with a reason: it never reaches the action, and may be entered again. */
  @Post(':panelId/decisions/:decisionId/rejection')
  @ApiCreatedResponse({ type: CommandResponse })
  rejectEntry(
    @Param('panelId') panelId: string,
    @Param('decisionId') decisionId: string,
    @Body() body: ReasonRequest,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.send(panelId, { type: 'RejectDecisionEntry', decisionId, reason: body.reason }, context, response);
  }

  private async send(panelId: string, body: PanelCommandMessage['body'], context: RequestContext, response: Response, id?: string) {
    return reply(response, await this.commands.execute(new PanelCommandMessage(panelId, body, context)), undefined, id);
  }
}
