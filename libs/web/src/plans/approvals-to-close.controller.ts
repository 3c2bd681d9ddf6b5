import { Body, Get, NotFoundException, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApproveClosures, ClosuresRefusedError } from '@actionplans/commands';
import { PlanReports } from '@actionplans/read-models';
import type { Response } from 'express';
import { formContext, newFormKey, type Form } from '../manage/form-context';
import { FormReader } from '../manage/form-reader';
import { sendForm, sentence } from '../manage/form-refusals';
import { readRequiredEffectiveForm } from '../page/effective-form';
import type { FormError } from '../page/nunjucks';
import { PageController, SignedIn } from '../page/page.decorators';
import { PageRenderer } from '../page/page-renderer';
import type { PageRequest } from '../page/page-request';

/** The checkbox of one action in the list, which a refusal about that action links to. */
const checkboxOf = (actionId: string) => `approve-${actionId}`;

/**
 * A board approving closure of several of a plan's actions at once (plan managers and admins):
 * the actions signed off and awaiting its approval, ticked together, with the authority and the
 * day. Every one is checked before any is recorded: a refused one is named beside its checkbox
 * and none is approved.
 */
@PageController('app/plans')
@SignedIn('plan manager', 'admin')
export class ApprovalsToCloseController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly commands: CommandBus,
    private readonly reports: PlanReports,
  ) {}

  @Get(':planId/approvals-to-close')
  async list(@Req() request: PageRequest, @Res() response: Response, @Param('planId') planId: string): Promise<void> {
    await this.show(request, response, planId, {});
  }

  @Post(':planId/approvals-to-close')
  async approve(@Req() request: PageRequest, @Res() response: Response, @Param('planId') planId: string, @Body() form: Form) {
    const read = new FormReader(form);
    const actionIds = read.all('actionIds');
    if (!actionIds.length) read.fail('actionIds', 'Select the actions the board approved to close');
    const authority = read.text('authority', 'Enter the minute or paper that records the approval', 500, 'The authority');
    const user = request.user!;
    const actor = { userId: user.userId, role: user.role };
    const when = readRequiredEffectiveForm(form, { actor, now: new Date().toISOString() }, 'Enter the date the board approved closure');
    const errors = [...read.errors, ...when.errors];
    if (errors.length) return this.show(request, response, planId, { errors, form }, 400);
    const context = formContext(request, form, when.effective);
    try {
      await this.commands.execute(new ApproveClosures(planId, actionIds, authority, context));
    } catch (error) {
      if (error instanceof ClosuresRefusedError) {
        const refusals = error.refusals.map((one) => ({
          field: checkboxOf(one.actionId),
          text: `Action ${one.reference}: ${sentence(one.message)}`,
        }));
        return this.show(request, response, planId, { errors: refusals, form }, 422);
      }
      // Who may not, and what is not there, are the error pages'; anything else is said beside the authority.
      const sent = await sendForm(
        () => {
          throw error;
        },
        {},
        'authority',
      );
      if (!sent.sent)
        return this.show(
          request,
          response,
          planId,
          { errors: sent.conflict ? [{ field: 'authority', text: sent.conflict }] : sent.errors, form },
          409,
        );
    }
    response.redirect(303, `/app/plans/${encodeURIComponent(planId)}/approvals-to-close?approved=${actionIds.length}`);
  }

  private async show(request: PageRequest, response: Response, planId: string, shown: { errors?: FormError[]; form?: Form }, status = 200) {
    const picture = await this.reports.livePicture(planId);
    if (!picture) throw new NotFoundException();
    const { plan, report } = picture;
    const ticked = new FormReader(shown.form ?? {}).all('actionIds');
    const awaiting = report.actions
      .filter((line) => line.status.awaitingApprovalToClose)
      .map((line) => ({
        actionId: line.actionId,
        id: checkboxOf(line.actionId),
        references: line.references.join(', ') || line.actionId,
        description: line.description,
        reason: line.status.reason,
        checked: ticked.includes(line.actionId),
      }));
    // "Select the actions" links to the first checkbox; each refused action's words sit above the list too.
    const errors = (shown.errors ?? []).map((error) =>
      error.field === 'actionIds' && awaiting[0] ? { ...error, field: awaiting[0].id } : error,
    );
    const listError = errors.filter((error) => error.field.startsWith('approve-')).map((error) => error.text);
    const approved = Number(request.query.approved);
    await this.pages.render(
      request,
      response,
      'plans/approvals-to-close.njk',
      {
        pageTitle: `Approve closure of actions – ${report.title}`,
        planId,
        planTitle: report.title,
        body: plan.approvalToClose ?? null,
        awaiting,
        approved: Number.isInteger(approved) && approved > 0 ? approved : undefined,
        errors,
        listError: listError.length ? { text: listError.join('. ') } : undefined,
        values: { ...shown.form, formKey: typeof shown.form?.formKey === 'string' ? shown.form.formKey : newFormKey() },
      },
      status,
    );
  }
}
