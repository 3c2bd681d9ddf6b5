import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { User } from '@actionplans/auth';
import { FileStore } from '@actionplans/commands';
import { managesPlans, type Effective } from '@actionplans/domain';
import type { Response } from 'express';
import { CurrentUser, FormWithFile, PageController, SignedIn } from '../page/page.decorators';
import { uploadedFile, type PageRequest } from '../page/page-request';
import { createdId, ActionFormFlow } from './action-form-flow';
import {
  readApproval,
  readDelegatedSignOff,
  readEvidence,
  readProgress,
  readRevision,
  readSubmission,
  type Read,
  type Sent,
  type EvidenceCommand,
} from './action-forms';
import { ActionPages } from './action-page';

/** The day an update was given: the day it happened when the form says, else today (UTC, as the command judges it). */
const givenOn = (effective: Effective | undefined) => (effective?.at ?? new Date().toISOString()).slice(0, 10);

/** The largest evidence file a page takes, as `POST /files` does. */
const MAX_FILE_BYTES = 25 * 1024 * 1024;
const SHA256 = /^[0-9a-f]{64}$/;

/**
 * The owner's forms on an action: update progress, add evidence, ask for a new target date, submit
 * for sign-off. Each sends the command the API's route sends, with the same request context.
 */
@PageController('app/actions/:actionId')
@SignedIn()
export class ActionFormsController {
  constructor(
    private readonly flow: ActionFormFlow,
    private readonly actions: ActionPages,
    private readonly files: FileStore,
  ) {}

  @Get('progress')
  showProgress(@Req() request: PageRequest, @Res() response: Response, @CurrentUser() user: User, @Param('actionId') actionId: string) {
    return this.flow.show('progress', request, response, user, actionId);
  }

  @Post('progress')
  updateProgress(
    @Req() request: PageRequest,
    @Res() response: Response,
    @CurrentUser() user: User,
    @Param('actionId') actionId: string,
    @Body() sent: Sent,
  ) {
    const read = (effective: Effective | undefined) => readProgress(sent, managesPlans(user) ? givenOn(effective) : undefined);
    return this.flow.send('progress', request, response, user, actionId, sent, read, (command) => ({ type: 'UpdateProgress', ...command }));
  }

  @Get('evidence')
  showEvidence(@Req() request: PageRequest, @Res() response: Response, @CurrentUser() user: User, @Param('actionId') actionId: string) {
    return this.flow.show('evidence', request, response, user, actionId);
  }

  /** A file is stored first, as `POST /files` stores it; if the form is refused, it stays uploaded and the form says so. */
  @Post('evidence')
  @FormWithFile('file', MAX_FILE_BYTES)
  async attachEvidence(
    @Req() request: PageRequest,
    @Res() response: Response,
    @CurrentUser() user: User,
    @Param('actionId') actionId: string,
    @Body() sent: Sent,
  ) {
    const file = await this.storedFile(request, sent);
    if (file === 'tooLarge') {
      const errors = [{ field: 'file', text: 'The file must be smaller than 25 MB' }];
      return this.flow.show('evidence', request, response, user, actionId, { sent, errors, status: 400 });
    }
    const form = file ? { ...sent, fileSha256: file.sha256, fileName: file.name, fileBytes: String(file.bytes) } : sent;
    const read = (): Read<EvidenceCommand> => readEvidence(form, file !== null);
    return this.flow.send('evidence', request, response, user, actionId, form, read, (command, context) => ({
      type: 'AttachEvidence',
      ...command,
      ...(file ? { file: { sha256: file.sha256, name: file.name } } : {}),
      evidenceId: createdId(context, 'evidence'),
    }));
  }

  @Get('target-date')
  showRevision(@Req() request: PageRequest, @Res() response: Response, @CurrentUser() user: User, @Param('actionId') actionId: string) {
    return this.flow.show('revision', request, response, user, actionId);
  }

  @Post('target-date')
  requestRevision(
    @Req() request: PageRequest,
    @Res() response: Response,
    @CurrentUser() user: User,
    @Param('actionId') actionId: string,
    @Body() sent: Sent,
  ) {
    return this.flow.send(
      'revision',
      request,
      response,
      user,
      actionId,
      sent,
      () => readRevision(sent),
      (command, context) => ({
        type: 'RequestTargetDateRevision',
        revisionId: createdId(context, 'revision'),
        ...command,
      }),
    );
  }

  @Get('submission')
  showSubmission(@Req() request: PageRequest, @Res() response: Response, @CurrentUser() user: User, @Param('actionId') actionId: string) {
    return this.flow.show('submission', request, response, user, actionId);
  }

  @Post('submission')
  async submit(
    @Req() request: PageRequest,
    @Res() response: Response,
    @CurrentUser() user: User,
    @Param('actionId') actionId: string,
    @Body() sent: Sent,
  ) {
    const points = (await this.actions.of(actionId, user)).action.openChallengePoints;
    return this.flow.send(
      'submission',
      request,
      response,
      user,
      actionId,
      sent,
      () => readSubmission(sent, points),
      (command) => ({
        type: 'SubmitForSignOff',
        ...command,
      }),
    );
  }

  @Get('approval-to-close')
  showApproval(@Req() request: PageRequest, @Res() response: Response, @CurrentUser() user: User, @Param('actionId') actionId: string) {
    return this.flow.show('approval', request, response, user, actionId);
  }

  @Post('approval-to-close')
  approveClosure(
    @Req() request: PageRequest,
    @Res() response: Response,
    @CurrentUser() user: User,
    @Param('actionId') actionId: string,
    @Body() sent: Sent,
  ) {
    const read = () => readApproval(sent);
    return this.flow.send('approval', request, response, user, actionId, sent, read, (command) => ({
      type: 'RecordApprovalToClose',
      ...command,
    }));
  }

  @Get('delegated-sign-off')
  showDelegated(@Req() request: PageRequest, @Res() response: Response, @CurrentUser() user: User, @Param('actionId') actionId: string) {
    return this.flow.show('delegated', request, response, user, actionId);
  }

  @Post('delegated-sign-off')
  async signOffByBody(
    @Req() request: PageRequest,
    @Res() response: Response,
    @CurrentUser() user: User,
    @Param('actionId') actionId: string,
    @Body() sent: Sent,
  ) {
    const bodies = (await this.actions.of(actionId, user)).twoStep.delegatedBodies;
    const read = () => readDelegatedSignOff(sent, bodies);
    return this.flow.send('delegated', request, response, user, actionId, sent, read, (command) => ({
      type: 'RecordDelegatedSignOff',
      ...command,
    }));
  }

  /** The file sent with this form, stored; or the one a refused attempt stored, named in its hidden fields. */
  private async storedFile(request: PageRequest, sent: Sent): Promise<{ sha256: string; name: string; bytes: number } | 'tooLarge' | null> {
    const uploaded = uploadedFile(request);
    if (uploaded === 'tooLarge') return uploaded;
    if (uploaded) return { ...(await this.files.put(uploaded.content)), name: uploaded.name.slice(0, 255) };
    const sha256 = typeof sent.fileSha256 === 'string' && SHA256.test(sent.fileSha256) ? sent.fileSha256 : null;
    const bytes = sha256 ? await this.files.size(sha256) : null;
    const name = typeof sent.fileName === 'string' ? sent.fileName.trim().slice(0, 255) : '';
    return sha256 && bytes !== null && name ? { sha256, name, bytes } : null;
  }
}
