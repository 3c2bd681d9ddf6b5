import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { UserDirectory } from '@actionplans/auth';
import { ActionCommandMessage } from '@actionplans/commands';
import type { Owner } from '@actionplans/domain';
import type { Response } from 'express';
import { momentInWords } from '../page/dates';
import type { FormError } from '../page/nunjucks';
import { PageController, SignedIn } from '../page/page.decorators';
import { PageRenderer } from '../page/page-renderer';
import type { PageRequest } from '../page/page-request';
import { formContext, type Form } from './form-context';
import { FormReader } from './form-reader';
import { sendForm } from './form-refusals';
import { ManageReader } from './manage-reader';

const OPEN = ['open', 'submitted'];
const names = (owners: Owner[]) => owners.map((owner) => owner.name).join(', ') || 'None';

/**
 * Changes of owners proposed on a plan's actions, for a second plan manager to approve or reject
 * (ADR 0028): whoever proposed one may withdraw it (reject) but not approve it, so its approve
 * button is not offered to them and the rule's refusal says why if it is sent anyway.
 */
@PageController('app/plans')
@SignedIn('plan manager', 'admin')
export class OwnerChangesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly commands: CommandBus,
    private readonly reader: ManageReader,
    private readonly users: UserDirectory,
  ) {}

  @Get(':planId/owner-changes')
  async list(@Req() request: PageRequest, @Res() response: Response, @Param('planId') planId: string): Promise<void> {
    await this.show(request, response, planId, {});
  }

  @Post(':planId/owner-changes/:changeId')
  async decide(
    @Req() request: PageRequest,
    @Res() response: Response,
    @Param('planId') planId: string,
    @Param('changeId') changeId: string,
    @Body() form: Form,
  ): Promise<void> {
    const read = new FormReader(form);
    const actionId = read.raw('actionId');
    const approve = read.raw('decision') === 'approve';
    const reasonField = `reason-${changeId}`;
    const reason = approve ? '' : read.text(reasonField, 'Enter why the change is rejected', 2000, 'The reason');
    if (!read.ok) return this.show(request, response, planId, { errors: read.errors, form, changeId }, 400);
    const body = approve ? { type: 'ApproveOwnerChange' as const, changeId } : { type: 'RejectOwnerChange' as const, changeId, reason };
    const sent = await sendForm(
      () => this.commands.execute(new ActionCommandMessage(actionId, body, formContext(request, form))),
      { 'ACTION.SELF_APPROVAL': { field: `approve-${changeId}`, text: 'You proposed this change: another plan manager approves it' } },
      reasonField,
    );
    if (!sent.sent) {
      const errors = sent.conflict ? [{ field: reasonField, text: sent.conflict }] : sent.errors;
      return this.show(request, response, planId, { errors, form, changeId }, sent.conflict ? 409 : 422);
    }
    response.redirect(303, `/app/plans/${planId}/owner-changes?done=${approve ? 'approved' : 'rejected'}`);
  }

  private async show(
    request: PageRequest,
    response: Response,
    planId: string,
    refused: { errors?: FormError[]; form?: Form; changeId?: string },
    status = 200,
  ): Promise<void> {
    const { state } = await this.reader.plan(planId);
    const changes = [];
    for (const line of await this.reader.actions(planId)) {
      if (!OPEN.includes(line.stage)) continue;
      const { action } = await this.reader.action(line.actionId);
      for (const change of action.ownerChanges.filter((candidate) => candidate.state === 'pending'))
        changes.push({
          changeId: change.changeId,
          actionId: action.actionId,
          references: action.references,
          description: action.description,
          currentLead: names(action.leadOwners),
          currentSupporting: names(action.supportingOwners),
          lead: names(change.leadOwners),
          supporting: names(change.supportingOwners),
          reason: change.reason,
          proposedBy: this.users.get(change.proposed.by.id)?.name ?? change.proposed.by.id,
          proposedAt: momentInWords(change.proposed.at),
          mine: change.proposed.by.id === request.user!.userId,
        });
    }
    const done = typeof request.query.done === 'string' ? request.query.done : undefined;
    await this.pages.render(
      request,
      response,
      'manage/owner-changes.njk',
      {
        pageTitle: `Changes of owners waiting – ${state.title}`,
        planId,
        plan: state,
        changes,
        done: done === 'approved' || done === 'rejected' ? done : undefined,
        errors: refused.errors,
        typed: refused.form ?? {},
      },
      status,
    );
  }
}
