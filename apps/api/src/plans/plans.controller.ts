import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ActionCommandMessage, newId, PlanCommandMessage } from '@actionplans/commands';
import { ratingSchemeOf, type PlanState, type RatingScheme, type StatusBasis } from '@actionplans/domain';
import { groupingTree, PlanIndex, PlanReports, StreamReader, summaryWithGroupings, type ActionView } from '@actionplans/read-models';
import { RaiseActionRequest, ReasonRequest } from '../actions/action.request.dto';
import { Ctx, etag, type RequestContext } from '../commands/request-context';
import { reply } from '../http/command-reply';
import { CommandResponse } from '../http/command.response.dto';
import { problem, ProblemError } from '../http/problem';
import {
  ActivatePlanRequest,
  AddGroupingRequest,
  AmendGroupingRequest,
  AmendPlanRequest,
  ClosePlanRequest,
  CreatePlanRequest,
} from './plan.request.dto';
import { GroupingResponse, PlanListItemResponse, PlanResponse, PlanSummaryResponse } from './plan.response.dto';
import { basesOf, PlanAsAtQuery } from '../reports/report.request.dto';

/** Plans: their groupings, settings and lifecycle, and raise-action. */
@ApiTags('plans')
@ApiBearerAuth()
@ApiHeader({ name: 'If-Match', required: false, description: 'The ETag last read; refused with 412 if the plan has changed since.' })
@ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description: 'Retry safely: the first answer comes back and nothing new is stored.',
})
@Controller('plans')
export class PlansController {
  constructor(
    private readonly commands: CommandBus,
    private readonly reader: StreamReader,
    private readonly plans: PlanIndex,
    private readonly reports: PlanReports,
  ) {}

  /** Creates a draft plan from an inspection or review. */
  @Post()
  @ApiCreatedResponse({ type: CommandResponse })
  async create(@Body() body: CreatePlanRequest, @Ctx() context: RequestContext, @Res({ passthrough: true }) response: Response) {
    const planId = newId(context, 'plan');
    const { ratingSchemeInFull, ...rest } = body;
    const source = { ...body.source, judgement: body.source.judgement ?? null };
    const ratingScheme = ratingSchemeInFull ?? rest.ratingScheme;
    return this.send(planId, { type: 'CreatePlan', planId, ...rest, source, ratingScheme }, context, response, {
      location: `/plans/${planId}`,
    });
  }

  @Get()
  @ApiOkResponse({ type: [PlanListItemResponse] })
  list(): PlanListItemResponse[] {
    return this.plans.list().map((plan) => ({ planId: plan.planId, title: plan.title, actions: plan.actionIds.length }));
  }

  /** The plan with its groupings, every action's computed status, and the counts boards are given. */
  @Get(':planId')
  @ApiOkResponse({ type: PlanResponse })
  async get(
    @Param('planId') planId: string,
    @Query() query: PlanAsAtQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PlanResponse> {
    const basis = basesOf(query.basis);
    if (query.asAt) return this.asAt(planId, query.asAt, basis.history ?? 'effective', basis.status);
    const { state, version, position } = await this.reader.plan(planId);
    if (state.stage === 'none') throw new ProblemError(problem(404, 'PLAN.NOT_FOUND', 'there is no such plan'));
    const actions = await this.reader.planActions(planId, state);
    response.setHeader('ETag', etag(version));
    const groupings = groupingTree(state, actions);
    return planResponse(
      { ...state, planId, stage: state.stage, ratingScheme: ratingSchemeOf(state) },
      groupings,
      actions,
      summaryWithGroupings(state, actions, { basis: basis.status, today: new Date().toISOString().slice(0, 10) }, groupings),
      version,
      position,
    );
  }

  /** The whole plan as at the end of a day, reconstructed from the event log. */
  private async asAt(planId: string, asAt: string, basis: 'recorded' | 'effective', statusBasis?: StatusBasis): Promise<PlanResponse> {
    const { past, position } = await this.reports.past(planId, asAt, basis, statusBasis);
    if (!past) throw new ProblemError(problem(404, 'PLAN.NOT_FOUND', `there was no such plan on ${asAt}`));
    return { ...planResponse(past.plan, past.plan.groupings, past.actions, past.summary, past.plan.version, position), asAt, basis };
  }

  @Patch(':planId')
  @HttpCode(200)
  amend(
    @Param('planId') planId: string,
    @Body() body: AmendPlanRequest,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { ratingSchemeInFull, ...rest } = body;
    return this.send(planId, { type: 'AmendPlan', ...rest, ratingScheme: ratingSchemeInFull ?? rest.ratingScheme }, context, response);
  }

  @Post(':planId/groupings')
  @ApiCreatedResponse({ type: CommandResponse })
  addGrouping(
    @Param('planId') planId: string,
    @Body() body: AddGroupingRequest,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    const groupingId = newId(context, 'grouping');
    return this.send(planId, { type: 'AddGrouping', groupingId, ...body, parentId: body.parentId ?? null }, context, response, {
      id: groupingId,
    });
  }

  @Patch(':planId/groupings/:groupingId')
  @HttpCode(200)
  amendGrouping(
    @Param('planId') planId: string,
    @Param('groupingId') groupingId: string,
    @Body() body: AmendGroupingRequest,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.send(planId, { type: 'AmendGrouping', groupingId, ...body }, context, response);
  }

  /** Submits the plan (e.g. to the Youth Justice Board): draft becomes active. */
  @Post(':planId/activation')
  @ApiCreatedResponse({ type: CommandResponse })
  activate(
    @Param('planId') planId: string,
    @Body() body: ActivatePlanRequest,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.send(planId, { type: 'ActivatePlan', ...body }, context, response);
  }

  /** Closes the plan, only when every counted action is signed off, recording who approved it. */
  @Post(':planId/closure')
  @ApiCreatedResponse({ type: CommandResponse })
  close(
    @Param('planId') planId: string,
    @Body() body: ClosePlanRequest,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.send(planId, { type: 'ClosePlan', ...body }, context, response);
  }

  @Post(':planId/reopening')
  @ApiCreatedResponse({ type: CommandResponse })
  reopen(
    @Param('planId') planId: string,
    @Body() body: ReasonRequest,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.send(planId, { type: 'ReopenPlan', reason: body.reason }, context, response);
  }

  /** raise-action: a new action under one of the plan's groupings (plan managers). */
  @Post(':planId/actions')
  @ApiCreatedResponse({ type: CommandResponse })
  async raiseAction(
    @Param('planId') planId: string,
    @Body() body: RaiseActionRequest,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    const actionId = newId(context, 'action');
    const outcome = await this.commands.execute(
      new ActionCommandMessage(actionId, { type: 'RaiseAction', actionId, planId, ...body }, context),
    );
    return reply(response, outcome, `/actions/${actionId}`);
  }

  private async send(
    planId: string,
    body: PlanCommandMessage['body'],
    context: RequestContext,
    response: Response,
    created: { location?: string; id?: string } = {},
  ): Promise<CommandResponse> {
    return reply(response, await this.commands.execute(new PlanCommandMessage(planId, body, context)), created.location, created.id);
  }
}

type PlanFields = Pick<PlanState, 'title' | 'kind' | 'source' | 'statusLabels' | 'quorum' | 'warningDays' | 'defaultBasis'> & {
  ratingScheme: RatingScheme;
  planId: string;
  stage: Exclude<PlanState['stage'], 'none'>;
} & Partial<Pick<PlanState, 'approvalToClose' | 'delegatedSignOff' | 'boardDates' | 'packSchedule'>>;

function planResponse(
  plan: PlanFields,
  groupings: GroupingResponse[],
  actions: Array<
    Pick<ActionView, 'actionId' | 'groupingId' | 'references' | 'description' | 'leadOwners' | 'targetDate' | 'stage' | 'status'> &
      Partial<Pick<ActionView, 'proposedSignOff'>>
  >,
  summary: PlanSummaryResponse,
  version: number,
  position: number,
): PlanResponse {
  return {
    planId: plan.planId,
    kind: plan.kind!,
    title: plan.title,
    source: plan.source!,
    stage: plan.stage,
    statusLabels: plan.statusLabels,
    ratingScheme: plan.ratingScheme,
    defaultBasis: plan.defaultBasis,
    approvalToClose: plan.approvalToClose ?? null,
    delegatedSignOff: plan.delegatedSignOff ?? [],
    boardDates: plan.boardDates ?? [],
    packSchedule: plan.packSchedule ?? null,
    quorum: plan.quorum,
    warningDays: plan.warningDays,
    groupings,
    summary,
    actions: actions.map(({ actionId, groupingId, references, description, leadOwners, targetDate, stage, status, proposedSignOff }) => ({
      actionId,
      groupingId,
      references,
      description,
      leadOwners,
      targetDate,
      stage,
      status,
      signOffProposed: Boolean(proposedSignOff),
    })),
    version,
    position,
  };
}
