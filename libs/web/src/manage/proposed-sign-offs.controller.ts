import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { UserDirectory } from '@actionplans/auth';
import { ActionCommandMessage, ClosuresRefusedError, ConfirmSignOffs } from '@actionplans/commands';
import type { ActionView } from '@actionplans/read-models';
import type { Response } from 'express';
import { momentInWords } from '../page/dates';
import type { FormError } from '../page/nunjucks';
import { PageController, SignedIn } from '../page/page.decorators';
import { PageRenderer } from '../page/page-renderer';
import type { PageRequest } from '../page/page-request';
import { formContext, newFormKey, type Form } from './form-context';
import { FormReader } from './form-reader';
import { sendForm, sentence } from './form-refusals';
import { ManageReader } from './manage-reader';

const OPEN = ['open', 'submitted'];
/** The checkbox of one action in the list, which a refusal about that action links to. */
const checkboxOf = (actionId: string) => `confirm-${actionId}`;
type Proposal = ReturnType<ProposedSignOffsController['proposal']>;
const DONE: Record<string, string> = { rejected: 'The proposed sign-off was rejected.' };

/**
 * Sign-offs typed in from a paper or for a delegated body, an import's among them, for a second
 * plan manager or admin to confirm (ADR 33): ticked together and confirmed all or nothing, or one
 * rejected with a reason. Whoever proposed one may reject (withdraw) it but not confirm it, so it
 * is listed for them without a checkbox, and the rule's refusal names it if it is sent anyway.
 */
@PageController('app/plans')
@SignedIn('plan manager', 'admin')
export class ProposedSignOffsController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly commands: CommandBus,
    private readonly reader: ManageReader,
    private readonly users: UserDirectory,
  ) {}

  @Get(':planId/proposed-sign-offs')
  async list(@Req() request: PageRequest, @Res() response: Response, @Param('planId') planId: string): Promise<void> {
    await this.show(request, response, planId, {});
  }

  /** Confirms every sign-off ticked: each is checked first, and if one may not be confirmed, none is. */
  @Post(':planId/proposed-sign-offs')
  async confirm(@Req() request: PageRequest, @Res() response: Response, @Param('planId') planId: string, @Body() form: Form) {
    const read = new FormReader(form);
    const actionIds = read.all('actionIds');
    if (!actionIds.length)
      return this.show(
        request,
        response,
        planId,
        { errors: [{ field: 'actionIds', text: 'Select the sign-offs you confirm' }], form },
        400,
      );
    try {
      await this.commands.execute(new ConfirmSignOffs(planId, actionIds, formContext(request, form)));
    } catch (error) {
      if (!(error instanceof ClosuresRefusedError)) throw error;
      const errors = error.refusals.map((one) => ({
        field: checkboxOf(one.actionId),
        text: `Action ${one.reference}: ${sentence(one.message)}`,
      }));
      return this.show(request, response, planId, { errors, form }, 422);
    }
    response.redirect(303, `/app/plans/${encodeURIComponent(planId)}/proposed-sign-offs?confirmed=${actionIds.length}`);
  }

  /** Rejects one proposed sign-off, with a reason; its proposer withdraws it the same way. */
  @Post(':planId/proposed-sign-offs/:actionId/rejection')
  async reject(
    @Req() request: PageRequest,
    @Res() response: Response,
    @Param('planId') planId: string,
    @Param('actionId') actionId: string,
    @Body() form: Form,
  ): Promise<void> {
    const read = new FormReader(form);
    const reasonField = `reason-${actionId}`;
    const reason = read.text(reasonField, 'Enter why the sign-off is rejected', 2000, 'The reason');
    if (!read.ok) return this.show(request, response, planId, { errors: read.errors, form }, 400);
    const sent = await sendForm(
      () => this.commands.execute(new ActionCommandMessage(actionId, { type: 'RejectSignOff', reason }, formContext(request, form))),
      {},
      reasonField,
    );
    if (!sent.sent) {
      const errors = sent.conflict ? [{ field: reasonField, text: sent.conflict }] : sent.errors;
      return this.show(request, response, planId, { errors, form }, sent.conflict ? 409 : 422);
    }
    response.redirect(303, `/app/plans/${encodeURIComponent(planId)}/proposed-sign-offs?done=rejected`);
  }

  private proposal(action: ActionView, proposed: NonNullable<ActionView['proposedSignOff']>, userId: string, ticked: string[]) {
    return {
      actionId: action.actionId,
      id: checkboxOf(action.actionId),
      references: action.references.join(', ') || action.actionId,
      description: action.description,
      what:
        proposed.kind === 'from paper'
          ? `Signed off, as recorded in ${proposed.source}`
          : `Signed off by ${proposed.body} at its meeting of ${proposed.meetingDate} (${proposed.authority}): ${proposed.rationale}`,
      on: proposed.effectiveOn,
      proposedBy: this.users.get(proposed.by.id)?.name ?? proposed.by.id,
      proposedAt: momentInWords(proposed.recordedAt),
      mine: proposed.by.id === userId,
      checked: ticked.includes(action.actionId),
    };
  }

  private async show(request: PageRequest, response: Response, planId: string, shown: { errors?: FormError[]; form?: Form }, status = 200) {
    const { state } = await this.reader.plan(planId);
    const ticked = new FormReader(shown.form ?? {}).all('actionIds');
    const userId = request.user!.userId;
    const proposals: Proposal[] = [];
    for (const line of await this.reader.actions(planId)) {
      if (!OPEN.includes(line.stage)) continue;
      const { action } = await this.reader.action(line.actionId);
      const proposed = action.proposedSignOff;
      if (!proposed) continue;
      proposals.push(this.proposal(action, proposed, userId, ticked));
    }
    const errors = (shown.errors ?? []).map((error) =>
      error.field === 'actionIds' && proposals[0] ? { ...error, field: proposals[0].id } : error,
    );
    const listError = errors.filter((error) => error.field.startsWith('confirm-')).map((error) => error.text);
    const confirmed = Number(request.query.confirmed);
    const done = typeof request.query.done === 'string' ? DONE[request.query.done] : undefined;
    await this.pages.render(
      request,
      response,
      'manage/proposed-sign-offs.njk',
      {
        pageTitle: `Sign-offs waiting for confirmation – ${state.title}`,
        planId,
        plan: state,
        proposals,
        confirmable: proposals.filter((proposal) => !proposal.mine),
        confirmed: Number.isInteger(confirmed) && confirmed > 0 ? confirmed : undefined,
        done,
        errors,
        listError: listError.length ? { text: listError.join('. ') } : undefined,
        typed: shown.form ?? {},
        values: { formKey: typeof shown.form?.formKey === 'string' ? shown.form.formKey : newFormKey() },
      },
      status,
    );
  }
}
