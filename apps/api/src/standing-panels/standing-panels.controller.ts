import { Body, Controller, Get, HttpCode, Param, Post, Put, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { newId, StandingPanelCommandMessage } from '@actionplans/commands';
import { StandingPanelsQuery, StreamReader } from '@actionplans/read-models';
import { Ctx, etag, type RequestContext } from '../commands/request-context';
import { reply } from '../http/command-reply';
import { CommandResponse } from '../http/command.response.dto';
import { problem, ProblemError } from '../http/problem';
import {
  AmendStandingPanelRequest,
  ChangeStandingPanelMembersRequest,
  EstablishStandingPanelRequest,
  ServedPlanRequest,
} from './standing-panel.request.dto';
import { StandingPanelLineResponse, StandingPanelResponse } from './standing-panel.response.dto';

/** Standing evidence challenge panels: members, quorum and the plans each serves (plan managers and admins run them). */
@ApiTags('standing panels')
@ApiBearerAuth()
@ApiHeader({ name: 'If-Match', required: false, description: 'The ETag last read; refused with 412 if the panel has changed since.' })
@ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description: 'Retry safely: the first answer comes back and nothing new is stored.',
})
@Controller('standing-panels')
export class StandingPanelsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly reader: StreamReader,
    private readonly query: StandingPanelsQuery,
  ) {}

  /** Establishes a standing panel: its name, terms of reference, members, quorum and the plans it serves. */
  @Post()
  @ApiCreatedResponse({ type: CommandResponse })
  establish(@Body() body: EstablishStandingPanelRequest, @Ctx() context: RequestContext, @Res({ passthrough: true }) response: Response) {
    const standingPanelId = newId(context, 'standing-panel');
    const { effective: _effective, ...fields } = body;
    return this.send(standingPanelId, { type: 'EstablishStandingPanel', standingPanelId, ...fields }, context, response, {
      location: `/standing-panels/${standingPanelId}`,
    });
  }

  /** Every standing panel, by name. */
  @Get()
  @ApiOkResponse({ type: [StandingPanelLineResponse] })
  list(): Promise<StandingPanelLineResponse[]> {
    return this.query.standingPanels();
  }

  /** The panel as it stands, its history of changes and its meetings. */
  @Get(':standingPanelId')
  @ApiOkResponse({ type: StandingPanelResponse })
  async get(
    @Param('standingPanelId') standingPanelId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StandingPanelResponse> {
    const view = await this.reader.standingPanel(standingPanelId);
    if (!view) throw new ProblemError(problem(404, 'STANDING.NOT_FOUND', 'there is no such standing panel'));
    response.setHeader('ETag', etag(view.version));
    const { version: _version, ...panel } = view;
    return { ...panel, meetings: await this.query.meetings({ standingPanelId, order: 'newest' }) };
  }

  /** Amends its name, terms of reference or quorum. */
  @Put(':standingPanelId')
  @HttpCode(200)
  @ApiOkResponse({ type: CommandResponse })
  amend(
    @Param('standingPanelId') standingPanelId: string,
    @Body() body: AmendStandingPanelRequest,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { name, termsOfReference, quorum, reason } = body;
    return this.send(standingPanelId, { type: 'AmendStandingPanel', name, termsOfReference, quorum, reason }, context, response);
  }

  /** Replaces its members (each with a role). */
  @Put(':standingPanelId/members')
  @HttpCode(200)
  @ApiOkResponse({ type: CommandResponse })
  members(
    @Param('standingPanelId') standingPanelId: string,
    @Body() body: ChangeStandingPanelMembersRequest,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.send(
      standingPanelId,
      { type: 'ChangeStandingPanelMembers', members: body.members, reason: body.reason },
      context,
      response,
    );
  }

  /** The panel starts serving a plan: its meetings may table that plan's actions. */
  @Post(':standingPanelId/plans')
  @ApiCreatedResponse({ type: CommandResponse })
  startServing(
    @Param('standingPanelId') standingPanelId: string,
    @Body() body: ServedPlanRequest,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.send(standingPanelId, { type: 'StartServingPlan', planId: body.planId, reason: body.reason }, context, response);
  }

  /** The panel stops serving a plan; actions of it tabled already stay on their meetings' agendas. */
  @Post(':standingPanelId/plans/removal')
  @ApiCreatedResponse({ type: CommandResponse })
  stopServing(
    @Param('standingPanelId') standingPanelId: string,
    @Body() body: ServedPlanRequest,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.send(standingPanelId, { type: 'StopServingPlan', planId: body.planId, reason: body.reason }, context, response);
  }

  private async send(
    standingPanelId: string,
    body: StandingPanelCommandMessage['body'],
    context: RequestContext,
    response: Response,
    created: { location?: string } = {},
  ): Promise<CommandResponse> {
    return reply(response, await this.commands.execute(new StandingPanelCommandMessage(standingPanelId, body, context)), created.location);
  }
}
