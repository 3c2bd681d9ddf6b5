import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { UserDirectory } from '@actionplans/auth';
import { ActionCommandMessage, newId, PlanCommandMessage } from '@actionplans/commands';
import type { Response } from 'express';
import { PageController, SignedIn } from '../page/page.decorators';
import { PageRenderer } from '../page/page-renderer';
import type { FormError } from '../page/nunjucks';
import type { PageRequest } from '../page/page-request';
import { formContext, newFormKey, readWhen, type Form } from './form-context';
import { FormReader } from './form-reader';
import { sendForm } from './form-refusals';
import { ManageReader, possibleOwners } from './manage-reader';
import { groupingItems, ownerItems, readOwners, referencesOf } from './manage-views';

const GROUPING_FIELDS: Record<string, string> = {
  'PLAN.INVALID_KIND': 'kind',
  'PLAN.UNKNOWN_GROUPING': 'parentId',
  'PLAN.GROUPING_EXISTS': 'title',
  'PLAN.CLOSED': 'title',
};
const ACTION_FIELDS: Record<string, string> = {
  'PLAN.UNKNOWN_GROUPING': 'groupingId',
  'ACTION.NO_LEAD_OWNER': 'leadUsers',
  'ACTION.UNKNOWN_USER': 'leadUsers',
  'ACTION.SELF_OWNERSHIP': 'leadUsers',
  'PLAN.CLOSED': 'groupingId',
  'ACTION.TARGET_DATE_UNREADABLE': 'targetDate',
};

/** What a plan is made of: its groupings, and the actions raised under them. */
@PageController('app/plans')
@SignedIn('plan manager', 'admin')
export class PlanStructureController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly commands: CommandBus,
    private readonly reader: ManageReader,
    private readonly users: UserDirectory,
  ) {}

  @Get(':planId/groupings/new')
  showGrouping(@Req() request: PageRequest, @Res() response: Response, @Param('planId') planId: string) {
    return this.grouping(request, response, planId, { formKey: newFormKey() });
  }

  @Post(':planId/groupings/new')
  async addGrouping(@Req() request: PageRequest, @Res() response: Response, @Param('planId') planId: string, @Body() form: Form) {
    const read = new FormReader(form);
    const kind = read.text('kind', 'Enter what the plan calls this grouping', 100, 'What it is called');
    const references = referencesOf(read);
    const title = read.text('title', 'Enter the grouping’s title', 2000, 'Title');
    const parentId = read.raw('parentId') || null;
    const effective = readWhen(request, form, (field, text) => read.fail(field, text));
    if (!read.ok) return this.grouping(request, response, planId, form, read.errors, 400);
    const context = formContext(request, form, effective);
    const groupingId = newId(context, 'grouping');
    const body = { type: 'AddGrouping' as const, groupingId, parentId, kind, references, title };
    const sent = await sendForm(() => this.commands.execute(new PlanCommandMessage(planId, body, context)), GROUPING_FIELDS, 'title');
    if (!sent.sent) return this.grouping(request, response, planId, form, sent.errors, 422);
    response.redirect(303, `/app/plans/${planId}/manage`);
  }

  @Get(':planId/actions/new')
  showAction(@Req() request: PageRequest, @Res() response: Response, @Param('planId') planId: string) {
    return this.action(request, response, planId, { formKey: newFormKey() });
  }

  @Post(':planId/actions/new')
  async raiseAction(@Req() request: PageRequest, @Res() response: Response, @Param('planId') planId: string, @Body() form: Form) {
    const read = new FormReader(form);
    const users = this.users.list();
    const groupingId = read.raw('groupingId');
    if (!groupingId) read.fail('groupingId', 'Select the grouping the action sits under');
    const references = referencesOf(read);
    const description = read.text('description', 'Enter what the action is', 4000, 'The action');
    const evidenceRequired = read.optional('evidenceRequired', 2000, 'The evidence required');
    const leadOwners = readOwners(read, 'lead', users);
    if (leadOwners.length === 0) read.fail('leadUsers', 'Choose at least one lead owner, or name one');
    const supportingOwners = readOwners(read, 'supporting', users);
    const targetDate = read.optional('targetDate', 200, 'The target date');
    const startDate = read.optional('startDate', 200, 'The start date');
    const effective = readWhen(request, form, (field, text) => read.fail(field, text));
    if (!read.ok) return this.action(request, response, planId, form, read.errors, 400);
    const context = formContext(request, form, effective);
    const actionId = newId(context, 'action');
    const body = {
      type: 'RaiseAction' as const,
      ...{ actionId, planId, groupingId, references, description, evidenceRequired, leadOwners, supportingOwners, targetDate, startDate },
    };
    const sent = await sendForm(
      () => this.commands.execute(new ActionCommandMessage(actionId, body, context)),
      ACTION_FIELDS,
      'description',
    );
    if (!sent.sent) return this.action(request, response, planId, form, sent.errors, 422);
    response.redirect(303, `/app/plans/${planId}/manage`);
  }

  private async grouping(request: PageRequest, response: Response, planId: string, typed: Form, errors?: FormError[], status = 200) {
    const { state } = await this.reader.plan(planId);
    await this.pages.render(
      request,
      response,
      'manage/grouping-new.njk',
      {
        pageTitle: `Add a grouping – ${state.title}`,
        planId,
        plan: state,
        groupings: groupingItems(state.groupings, typed.parentId),
        values: typed,
        errors,
      },
      status,
    );
  }

  private async action(request: PageRequest, response: Response, planId: string, typed: Form, errors?: FormError[], status = 200) {
    const { state } = await this.reader.plan(planId);
    const owners = possibleOwners(this.users.list());
    await this.pages.render(
      request,
      response,
      'manage/action-new.njk',
      {
        pageTitle: `Raise an action – ${state.title}`,
        planId,
        plan: state,
        groupings: groupingItems(state.groupings, typed.groupingId),
        leadItems: ownerItems(owners, typed.leadUsers),
        supportingItems: ownerItems(owners, typed.supportingUsers),
        values: typed,
        errors,
      },
      status,
    );
  }
}
