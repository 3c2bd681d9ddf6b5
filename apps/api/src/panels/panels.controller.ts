import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { User } from '@actionplans/auth';
import { ActionCommandMessage, newId, PanelCommandMessage } from '@actionplans/commands';
import { CurrentUser } from '../auth/auth.decorators';
import { RestrictedEvidence, StandingPanelsQuery, StreamReader } from '@actionplans/read-models';
import { Ctx, etag, type RequestContext } from '../commands/request-context';
import { RaiseResultingActionRequest } from './minutes.request.dto';
import { reply } from '../http/command-reply';
import { CommandResponse } from '../http/command.response.dto';
import { problem, ProblemError } from '../http/problem';
import {
  DecideOnActionRequest,
  PanelListQuery,
  RecordAttendanceRequest,
  SchedulePanelRequest,
  TableActionRequest,
} from './panel.request.dto';
import { PanelMeetingResponse, PanelResponse } from './panel.response.dto';

/** Evidence challenge panel meetings: agenda, attendance, and sign-off-at-evidence-panel. */
@ApiTags('panels')
@ApiBearerAuth()
@ApiHeader({ name: 'If-Match', required: false, description: 'The ETag last read; refused with 412 if the meeting has changed since.' })
@ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description: 'Retry safely: the first answer comes back and nothing new is stored.',
})
@Controller('panels')
export class PanelsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly reader: StreamReader,
    private readonly restricted: RestrictedEvidence,
    private readonly standing: StandingPanelsQuery,
  ) {}

  /**
   * Schedules a meeting: its date, chair and members (plan managers). Naming a `standingPanelId`
   * schedules a meeting of that standing panel: it tables actions of every plan the panel serves,
   * and takes the panel's first plan, chair and members unless others are named.
   */
  @Post()
  @ApiCreatedResponse({ type: CommandResponse })
  schedule(@Body() body: SchedulePanelRequest, @Ctx() context: RequestContext, @Res({ passthrough: true }) response: Response) {
    const panelId = newId(context, 'panel');
    const { standingPanelId, ...meeting } = body;
    const command: PanelCommandMessage['body'] = standingPanelId
      ? { type: 'ScheduleStandingPanelMeeting', panelId, standingPanelId, ...meeting }
      : { type: 'SchedulePanel', panelId, ...meeting };
    return this.send(panelId, command, context, response, { location: `/panels/${panelId}` });
  }

  /**
   * Meetings, newest first (`order=oldest` for oldest first), filtered by standing panel, plan (a
   * standing panel's meeting matches every plan the panel serves now) and day (`from`, `to`,
   * inclusive). Every signed-in user may read every meeting, as `GET /panels/{panelId}`.
   */
  @Get()
  @ApiOkResponse({ type: [PanelMeetingResponse] })
  list(@Query() query: PanelListQuery): Promise<PanelMeetingResponse[]> {
    const { standingPanel, plan, from, to, order } = query;
    return this.standing.meetings({ standingPanelId: standingPanel, planId: plan, from, to, order: order ?? 'newest' });
  }

  /** The meeting, its agenda and decisions; titles of restricted evidence considered are shown only to those who may read it. */
  @Get(':panelId')
  @ApiOkResponse({ type: PanelResponse })
  async get(
    @Param('panelId') panelId: string,
    @CurrentUser() reader: User,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PanelResponse> {
    const view = await this.reader.panel(panelId);
    if (!view) throw new ProblemError(problem(404, 'PANEL.NOT_FOUND', 'there is no such panel meeting'));
    response.setHeader('ETag', etag(view.version));
    return this.restricted.panel(view, reader);
  }

  /** Tables an action submitted for sign-off (the chair or plan managers). */
  @Post(':panelId/agenda')
  @ApiCreatedResponse({ type: CommandResponse })
  table(
    @Param('panelId') panelId: string,
    @Body() body: TableActionRequest,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.send(panelId, { type: 'TableAction', actionId: body.actionId }, context, response);
  }

  /** Records who is present, who sent apologies and any guests (the chair or plan managers). */
  @Post(':panelId/attendance')
  @ApiCreatedResponse({ type: CommandResponse })
  attendance(
    @Param('panelId') panelId: string,
    @Body() body: RecordAttendanceRequest,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { present, apologies, guests } = body;
    return this.send(panelId, { type: 'RecordAttendance', present, apologies, guests }, context, response);
  }

  /**
   * sign-off-at-evidence-panel: the panel's decision on a tabled action, recorded by a member who is
   * present and does not own it. The action takes the outcome as soon as this answers.
   */
  @Post(':panelId/decisions')
  @ApiCreatedResponse({ type: CommandResponse })
  decide(
    @Param('panelId') panelId: string,
    @Body() body: DecideOnActionRequest,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    const decisionId = newId(context, 'decision');
    return this.send(panelId, { type: 'DecideOnAction', decisionId, ...body }, context, response, { id: decisionId });
  }

  /** Raises an action resulting from the meeting, in one of its plans (members of the panel and plan managers). */
  @Post(':panelId/actions')
  @ApiCreatedResponse({ type: CommandResponse })
  async raiseResultingAction(
    @Param('panelId') panelId: string,
    @Body() body: RaiseResultingActionRequest,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    const actionId = newId(context, 'action');
    const raise = { type: 'RaiseResultingAction' as const, actionId, panelId, ...body };
    return reply(response, await this.commands.execute(new ActionCommandMessage(actionId, raise, context)), `/actions/${actionId}`);
  }

  private async send(
    panelId: string,
    body: PanelCommandMessage['body'],
    context: RequestContext,
    response: Response,
    created: { location?: string; id?: string } = {},
  ): Promise<CommandResponse> {
    return reply(response, await this.commands.execute(new PanelCommandMessage(panelId, body, context)), created.location, created.id);
  }
}
