import { Body, Controller, Get, HttpCode, Param, Post, Put, Patch, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { User } from '@actionplans/auth';
import { ActionCommandMessage, newId } from '@actionplans/commands';
import { CurrentUser } from '../auth/auth.decorators';
import { RestrictedEvidence, StreamReader } from '@actionplans/read-models';
import { Ctx, etag, type RequestContext } from '../commands/request-context';
import { CommandResponse } from '../http/command.response.dto';
import { CommandRequest } from '../http/effective.request.dto';
import { reply } from '../http/command-reply';
import { problem, ProblemError } from '../http/problem';
import { ActionResponse } from './action.response.dto';
import {
  AmendActionRequest,
  AttachEvidenceRequest,
  ChangeOwnersRequest,
  LinkActionRequest,
  ModerateRatingRequest,
  ReasonRequest,
  RequestRevisionRequest,
  SignOffFromPaperRequest,
  ApprovalToCloseRequest,
  DelegatedSignOffRequest,
  SubmitForSignOffRequest,
  UnlinkActionRequest,
  UpdateProgressRequest,
} from './action.request.dto';

const IF_MATCH = {
  name: 'If-Match',
  required: false,
  description: 'The ETag last read; the command is refused with 412 if the action has changed since.',
};
const IDEMPOTENCY_KEY = {
  name: 'Idempotency-Key',
  required: false,
  description: 'Send again with the same key to retry safely: the first answer comes back and nothing new is stored.',
};

/** An action's commands: progress, evidence, target-date revisions, links, submission, withdrawal. */
@ApiTags('actions')
@ApiBearerAuth()
@ApiHeader(IF_MATCH)
@ApiHeader(IDEMPOTENCY_KEY)
@Controller('actions')
export class ActionsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly reader: StreamReader,
    private readonly restricted: RestrictedEvidence,
  ) {}

  /** The action with its progress and evidence; restricted evidence is shown only to its owners, its panel and auditors. */
  @Get(':actionId')
  @ApiOkResponse({ type: ActionResponse })
  async get(
    @Param('actionId') actionId: string,
    @CurrentUser() reader: User,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ActionResponse> {
    const view = await this.reader.action(actionId);
    if (!view) throw new ProblemError(problem(404, 'ACTION.NOT_FOUND', 'there is no such action'));
    response.setHeader('ETag', etag(view.version));
    return this.restricted.action(view, reader);
  }

  /** Changes the wording, references or evidence required (plan managers). */
  @Patch(':actionId')
  @HttpCode(200)
  amend(
    @Param('actionId') id: string,
    @Body() body: AmendActionRequest,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.send(id, { type: 'AmendAction', ...body }, context, response);
  }

  /**
   * Replaces the lead and supporting owners (plan managers). Naming oneself where one was not an
   * owner is refused (422 `ACTION.SELF_OWNERSHIP`): propose it at `POST /actions/{id}/owner-changes`.
   */
  @Put(':actionId/owners')
  @HttpCode(200)
  changeOwners(
    @Param('actionId') id: string,
    @Body() body: ChangeOwnersRequest,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.send(id, { type: 'ChangeOwners', ...body }, context, response);
  }

  /** update-progress: commentary and the owner's assessment, as of a day (owners and plan managers). */
  @Post(':actionId/progress')
  @ApiCreatedResponse({ type: CommandResponse })
  updateProgress(
    @Param('actionId') id: string,
    @Body() body: UpdateProgressRequest,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.send(id, { type: 'UpdateProgress', ...body }, context, response);
  }

  /** moderate-rating: a plan manager sets the action's rating on someone's authority (a board); it stands over the owner's. */
  @Post(':actionId/rating-moderations')
  @ApiCreatedResponse({ type: CommandResponse })
  moderateRating(
    @Param('actionId') id: string,
    @Body() body: ModerateRatingRequest,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.send(id, { type: 'ModerateRating', ...body }, context, response);
  }

  /** Attaches evidence: a link, or a file uploaded first to `POST /files`. */
  @Post(':actionId/evidence')
  @ApiCreatedResponse({ type: CommandResponse })
  attachEvidence(
    @Param('actionId') id: string,
    @Body() body: AttachEvidenceRequest,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    const evidenceId = newId(context, 'evidence');
    return this.send(id, { type: 'AttachEvidence', ...body, evidenceId }, context, response, { id: evidenceId });
  }

  @Post(':actionId/evidence/:evidenceId/withdrawal')
  @ApiCreatedResponse({ type: CommandResponse })
  withdrawEvidence(
    @Param('actionId') id: string,
    @Param('evidenceId') evidenceId: string,
    @Body() body: ReasonRequest,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.send(id, { type: 'WithdrawEvidence', evidenceId, reason: body.reason }, context, response);
  }

  /** Asks for a new target date; it changes only when a plan manager approves. */
  @Post(':actionId/target-date-revisions')
  @ApiCreatedResponse({ type: CommandResponse })
  requestRevision(
    @Param('actionId') id: string,
    @Body() body: RequestRevisionRequest,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    const revisionId = newId(context, 'revision');
    return this.send(id, { type: 'RequestTargetDateRevision', revisionId, ...body }, context, response, { id: revisionId });
  }

  @Post(':actionId/target-date-revisions/:revisionId/approval')
  @ApiCreatedResponse({ type: CommandResponse })
  approveRevision(
    @Param('actionId') id: string,
    @Param('revisionId') revisionId: string,
    // Only `effective`, which the request context reads.
    @Body() _body: CommandRequest,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.send(id, { type: 'ApproveTargetDateRevision', revisionId }, context, response);
  }

  @Post(':actionId/target-date-revisions/:revisionId/rejection')
  @ApiCreatedResponse({ type: CommandResponse })
  rejectRevision(
    @Param('actionId') id: string,
    @Param('revisionId') revisionId: string,
    @Body() body: ReasonRequest,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.send(id, { type: 'RejectTargetDateRevision', revisionId, reason: body.reason }, context, response);
  }

  /** Links to another action: duplicate of (plan managers), depends on, linked to, completed as part of. */
  @Post(':actionId/links')
  @ApiCreatedResponse({ type: CommandResponse })
  link(
    @Param('actionId') id: string,
    @Body() body: LinkActionRequest,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.send(id, { type: 'LinkAction', actionId: id, ...body }, context, response);
  }

  @Post(':actionId/links/removal')
  @ApiCreatedResponse({ type: CommandResponse })
  unlink(
    @Param('actionId') id: string,
    @Body() body: UnlinkActionRequest,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.send(id, { type: 'UnlinkAction', ...body }, context, response);
  }

  /** Claims completion: submits the action to the evidence challenge panel with the evidence relied on. */
  @Post(':actionId/submission')
  @ApiCreatedResponse({ type: CommandResponse })
  submit(
    @Param('actionId') id: string,
    @Body() body: SubmitForSignOffRequest,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    const answers = Object.fromEntries((body.answers ?? []).map((answer) => [answer.challengePoint, answer.answer]));
    return this.send(id, { type: 'SubmitForSignOff', evidenceIds: body.evidenceIds, note: body.note, answers }, context, response);
  }

  @Post(':actionId/withdrawal')
  @ApiCreatedResponse({ type: CommandResponse })
  withdraw(
    @Param('actionId') id: string,
    @Body() body: ReasonRequest,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.send(id, { type: 'WithdrawAction', reason: body.reason }, context, response);
  }

  @Post(':actionId/reopening')
  @ApiCreatedResponse({ type: CommandResponse })
  reopen(
    @Param('actionId') id: string,
    @Body() body: ReasonRequest,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.send(id, { type: 'ReopenAction', reason: body.reason }, context, response);
  }

  /**
   * Proposes a sign-off given before the plan came into the engine, on the day the paper says and
   * naming it (plan managers and admins who neither own nor submitted the action). It waits for a
   * second plan manager's confirmation (`proposed-sign-off/confirmation`); the action is then
   * complete, as recorded in that paper.
   */
  @Post(':actionId/sign-off-from-paper')
  @ApiCreatedResponse({ type: CommandResponse })
  signOffFromPaper(
    @Param('actionId') id: string,
    @Body() body: SignOffFromPaperRequest,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.send(id, { type: 'RecordSignOffFromPaper', source: body.effective.source }, context, response);
  }

  /**
   * Records the approval to close its plan names, after the sign-off (plan managers and admins who
   * neither own nor submitted the action): on a scheme counting that step, the action is then complete.
   */
  @Post(':actionId/approval-to-close')
  @ApiCreatedResponse({ type: CommandResponse })
  approveClosure(
    @Param('actionId') id: string,
    @Body() body: ApprovalToCloseRequest,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.send(id, { type: 'RecordApprovalToClose', authority: body.authority }, context, response);
  }

  /**
   * Proposes the sign-off of a body the plan lets take it in the panel's place, at its meeting on
   * `effective.at`, with the evidence the submission relied on (plan managers and admins who neither
   * own nor submitted the action). It waits for a second plan manager's confirmation.
   */
  @Post(':actionId/delegated-sign-off')
  @ApiCreatedResponse({ type: CommandResponse })
  delegatedSignOff(
    @Param('actionId') id: string,
    @Body() body: DelegatedSignOffRequest,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { body: named, authority, rationale } = body;
    return this.send(id, { type: 'RecordDelegatedSignOff', body: named, authority, rationale }, context, response);
  }

  /**
   * Confirms the sign-off proposed from a paper or for a delegated body: a plan manager or admin
   * other than its proposer, neither owning nor having submitted the action (ADR 33). The sign-off is
   * then recorded, effective when its proposer said it happened.
   */
  @Post(':actionId/proposed-sign-off/confirmation')
  @ApiCreatedResponse({ type: CommandResponse })
  confirmSignOff(
    @Param('actionId') id: string,
    // Only `effective`, which the request context reads.
    @Body() _body: CommandRequest,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.send(id, { type: 'ConfirmSignOff' }, context, response);
  }

  /** Turns a proposed sign-off down, with a reason (any plan manager or admin, its proposer included). */
  @Post(':actionId/proposed-sign-off/rejection')
  @ApiCreatedResponse({ type: CommandResponse })
  rejectSignOff(
    @Param('actionId') id: string,
    @Body() body: ReasonRequest,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.send(id, { type: 'RejectSignOff', reason: body.reason }, context, response);
  }

  private async send(
    actionId: string,
    body: ActionCommandMessage['body'],
    context: RequestContext,
    response: Response,
    created: { location?: string; id?: string } = {},
  ): Promise<CommandResponse> {
    return reply(response, await this.commands.execute(new ActionCommandMessage(actionId, body, context)), created.location, created.id);
  }
}
