import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { MeasureCommandMessage, newId } from '@actionplans/commands';
import { MeasuresReader, StreamReader } from '@actionplans/read-models';
import { Ctx, etag, type RequestContext } from '../commands/request-context';
import { reply } from '../http/command-reply';
import { CommandResponse } from '../http/command.response.dto';
import { problem, ProblemError } from '../http/problem';
import {
  ChangeMeasureRequest,
  DefineMeasureRequest,
  MeasuresAsAtQuery,
  RecordActualRequest,
  RestateActualRequest,
} from './measure.request.dto';
import { MeasureResponse, PlanMeasuresResponse } from './measure.response.dto';

const IF_MATCH = {
  name: 'If-Match',
  required: false,
  description: 'The ETag last read; refused with 412 if the measure has changed since.',
};
const IDEMPOTENCY = {
  name: 'Idempotency-Key',
  required: false,
  description: 'Retry safely: the first answer comes back and nothing new is stored.',
};

/** Impact measures of plans: baselines, targets and tolerances, figures per period, status and direction of travel (ADR 36). */
@ApiTags('measures')
@ApiBearerAuth()
@ApiHeader(IF_MATCH)
@ApiHeader(IDEMPOTENCY)
@Controller()
export class MeasuresController {
  constructor(
    private readonly commands: CommandBus,
    private readonly measures: MeasuresReader,
    private readonly reader: StreamReader,
  ) {}

  /** Defines a measure of the plan, linked to any of its groupings and actions (plan managers and admins). */
  @Post('plans/:planId/measures')
  @ApiCreatedResponse({ type: CommandResponse })
  define(
    @Param('planId') planId: string,
    @Body() body: DefineMeasureRequest,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    const measureId = newId(context, 'measure');
    const { effective: _effective, ...fields } = body;
    const details = { ...fields, source: fields.source ?? null, groupingIds: fields.groupingIds ?? [], actionIds: fields.actionIds ?? [] };
    return this.send(measureId, { type: 'DefineMeasure', measureId, planId, ...details }, context, response, `/measures/${measureId}`);
  }

  /** The plan's measures, each with its status and direction of travel, now or as at the end of a day. */
  @Get('plans/:planId/measures')
  @ApiOkResponse({ type: PlanMeasuresResponse })
  async list(@Param('planId') planId: string, @Query() query: MeasuresAsAtQuery): Promise<PlanMeasuresResponse> {
    const { state } = await this.reader.plan(planId);
    if (state.stage === 'none') throw new ProblemError(problem(404, 'PLAN.NOT_FOUND', 'there is no such plan'));
    if (!query.asAt) return { planId, measures: await this.measures.planMeasures(planId) };
    return this.measures.plansMeasuresAsAt(planId, query.asAt, query.basis ?? 'effective');
  }

  /** The measure: details, status, figures by period with their restatements, and its history. */
  @Get('measures/:measureId')
  @ApiOkResponse({ type: MeasureResponse })
  async get(
    @Param('measureId') measureId: string,
    @Query() query: MeasuresAsAtQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<MeasureResponse> {
    const basis = query.basis ?? 'effective';
    const view = await this.measures.measure(measureId, query.asAt ? { day: query.asAt, basis } : undefined);
    if (!view)
      throw new ProblemError(
        problem(404, 'MEASURE.NOT_FOUND', query.asAt ? `there was no such measure on ${query.asAt}` : 'there is no such measure'),
      );
    const { version, ...measure } = view;
    if (!query.asAt) response.setHeader('ETag', etag(version));
    return query.asAt ? { ...measure, asAt: query.asAt, basis } : measure;
  }

  /** Changes its details; only what is sent changes, with the reason kept (plan managers and admins). */
  @Put('measures/:measureId')
  @HttpCode(200)
  @ApiOkResponse({ type: CommandResponse })
  change(
    @Param('measureId') measureId: string,
    @Body() body: ChangeMeasureRequest,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { effective: _effective, ...fields } = body;
    return this.send(measureId, { type: 'ChangeMeasure', ...fields }, context, response);
  }

  /** Records the figure for a period (the measure's owner, or a plan manager). */
  @Post('measures/:measureId/actuals')
  @ApiCreatedResponse({ type: CommandResponse })
  record(
    @Param('measureId') measureId: string,
    @Body() body: RecordActualRequest,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { effective: _effective, ...fields } = body;
    return this.send(measureId, { type: 'RecordActual', ...fields }, context, response);
  }

  /** Restates a period's figure; the figure it replaces is kept, with the reason. */
  @Post('measures/:measureId/restatements')
  @ApiCreatedResponse({ type: CommandResponse })
  restate(
    @Param('measureId') measureId: string,
    @Body() body: RestateActualRequest,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { effective: _effective, ...fields } = body;
    return this.send(measureId, { type: 'RestateActual', ...fields }, context, response);
  }

  private async send(
    measureId: string,
    body: MeasureCommandMessage['body'],
    context: RequestContext,
    response: Response,
    location?: string,
  ): Promise<CommandResponse> {
    return reply(response, await this.commands.execute(new MeasureCommandMessage(measureId, body, context)), location);
  }
}
