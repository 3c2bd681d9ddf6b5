import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { UserDirectory } from '@actionplans/auth';
import { ActionCommandMessage } from '@actionplans/commands';
import type { WorkRevision } from '@actionplans/read-models';
import type { Response } from 'express';
import type { FormError } from '../page/nunjucks';
import { PageController, SignedIn } from '../page/page.decorators';
import { PageRenderer } from '../page/page-renderer';
import type { PageRequest } from '../page/page-request';
import { formContext, readWhen, type Form } from './form-context';
import { FormReader } from './form-reader';
import { sendForm } from './form-refusals';
import { ManageReader } from './manage-reader';
import { targetDateText } from './manage-views';
import { dayInWords } from '../page/dates';

/** The new target dates owners asked for on a plan's actions, for the plan manager to approve or reject with a reason. */
@PageController('app/plans')
@SignedIn('plan manager', 'admin')
export class RevisionsController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly commands: CommandBus,
    private readonly reader: ManageReader,
    private readonly users: UserDirectory,
  ) {}

  @Get(':planId/revisions')
  async list(@Req() request: PageRequest, @Res() response: Response, @Param('planId') planId: string): Promise<void> {
    await this.show(request, response, planId, {});
  }

  @Post(':planId/revisions/:revisionId')
  async decide(
    @Req() request: PageRequest,
    @Res() response: Response,
    @Param('planId') planId: string,
    @Param('revisionId') revisionId: string,
    @Body() form: Form,
  ): Promise<void> {
    const read = new FormReader(form);
    const actionId = read.raw('actionId');
    const reasonField = `reason-${revisionId}`;
    const approve = read.raw('decision') === 'approve';
    const reason = approve ? '' : read.text(reasonField, 'Enter why the new date is rejected: the owner sees it', 2000, 'The reason');
    // Each revision's form on the page has fields of its own ids.
    const idSuffix = `-${revisionId}`;
    const effective = readWhen(request, form, (field, text) => read.fail(field, text), { idSuffix });
    const typed = { form, revisionId };
    if (!read.ok) return this.show(request, response, planId, { errors: read.errors, typed }, 400);
    const body = approve
      ? { type: 'ApproveTargetDateRevision' as const, revisionId }
      : { type: 'RejectTargetDateRevision' as const, revisionId, reason };
    const context = formContext(request, form, effective);
    const sent = await sendForm(() => this.commands.execute(new ActionCommandMessage(actionId, body, context)), {}, reasonField, idSuffix);
    if (!sent.sent) return this.show(request, response, planId, { errors: sent.errors, typed }, 422);
    response.redirect(303, `/app/plans/${planId}/revisions?done=${approve ? 'approved' : 'rejected'}`);
  }

  private async show(
    request: PageRequest,
    response: Response,
    planId: string,
    refused: { errors?: FormError[]; typed?: { form: Form; revisionId: string } },
    status = 200,
  ): Promise<void> {
    const { state } = await this.reader.plan(planId);
    const revisions = await this.reader.revisions(planId);
    const done = typeof request.query.done === 'string' ? request.query.done : undefined;
    await this.pages.render(
      request,
      response,
      'manage/revisions.njk',
      {
        pageTitle: `New target dates waiting – ${state.title}`,
        planId,
        plan: state,
        revisions: revisions.map((revision) => this.line(revision)),
        done: done === 'approved' || done === 'rejected' ? done : undefined,
        errors: refused.errors,
        typed: refused.typed?.form ?? {},
        typedRevision: refused.typed?.revisionId,
      },
      status,
    );
  }

  private line(revision: WorkRevision) {
    return {
      ...revision,
      original: targetDateText(revision.originalTargetDate),
      current: targetDateText(revision.targetDate),
      proposedText: targetDateText(revision.proposed),
      requestedBy: this.users.get(revision.requestedBy)?.name ?? revision.requestedBy,
      requestedOn: dayInWords(revision.requestedAt),
    };
  }
}
