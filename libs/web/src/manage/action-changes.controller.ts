import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { UserDirectory } from '@actionplans/auth';
import { ActionCommandMessage } from '@actionplans/commands';
import type { ActionView } from '@actionplans/read-models';
import type { Response } from 'express';
import { PageController, SignedIn } from '../page/page.decorators';
import { PageRenderer } from '../page/page-renderer';
import type { PageRequest } from '../page/page-request';
import { formContext, readWhen, type Form } from './form-context';
import { FormReader } from './form-reader';
import { sendForm } from './form-refusals';
import { ManageReader, possibleOwners } from './manage-reader';
import { ownerFields, ownerItems, readOwners, readReferences, targetDateText } from './manage-views';

const FIELDS: Record<string, string> = {
  'ACTION.NO_LEAD_OWNER': 'leadUsers',
  'ACTION.UNKNOWN_USER': 'leadUsers',
  'ACTION.SELF_OWNERSHIP': 'leadUsers',
  'ACTION.OWNER_CHANGE_PENDING': 'leadUsers',
};

type Change = 'amend' | 'owners';
const TITLES: Record<Change, string> = { amend: 'Amend the action', owners: 'Change the owners' };

/** A plan manager changes an action's wording, references, evidence required and start date, or its owners, saying why. */
@PageController('app/actions')
@SignedIn('plan manager', 'admin')
export class ActionChangesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly commands: CommandBus,
    private readonly reader: ManageReader,
    private readonly users: UserDirectory,
  ) {}

  @Get(':actionId/amend')
  showAmend(@Req() request: PageRequest, @Res() response: Response, @Param('actionId') actionId: string) {
    return this.show(request, response, actionId, 'amend');
  }

  @Post(':actionId/amend')
  async amend(@Req() request: PageRequest, @Res() response: Response, @Param('actionId') actionId: string, @Body() form: Form) {
    const read = new FormReader(form);
    const references = readReferences(read.raw('references'));
    if (references.length > 10 || references.some((reference) => reference.length > 50))
      read.fail('references', 'Give 10 references or fewer, each 50 characters or fewer');
    const body = {
      type: 'AmendAction' as const,
      description: read.text('description', 'Enter what the action is', 4000, 'The action'),
      references,
      evidenceRequired: read.optional('evidenceRequired', 2000, 'The evidence required'),
      startDate: read.optional('startDate', 200, 'The start date'),
      reason: read.text('reason', 'Enter why the action is changed', 2000, 'The reason'),
    };
    return this.send(request, response, actionId, 'amend', form, read, body);
  }

  @Get(':actionId/owners')
  showOwners(@Req() request: PageRequest, @Res() response: Response, @Param('actionId') actionId: string) {
    return this.show(request, response, actionId, 'owners');
  }

  @Post(':actionId/owners')
  async changeOwners(@Req() request: PageRequest, @Res() response: Response, @Param('actionId') actionId: string, @Body() form: Form) {
    const read = new FormReader(form);
    const users = this.users.list();
    const leadOwners = readOwners(read, 'lead', users);
    if (leadOwners.length === 0) read.fail('leadUsers', 'Choose at least one lead owner, or name one');
    const body = {
      type: 'ChangeOwners' as const,
      leadOwners,
      supportingOwners: readOwners(read, 'supporting', users),
      reason: read.text('reason', 'Enter why the owners change', 2000, 'The reason'),
    };
    return this.send(request, response, actionId, 'owners', form, read, body);
  }

  private async send(
    request: PageRequest,
    response: Response,
    actionId: string,
    change: Change,
    form: Form,
    read: FormReader,
    body: ActionCommandMessage['body'],
  ): Promise<void> {
    const effective = readWhen(request, form, (field, text) => read.fail(field, text));
    if (!read.ok) return this.show(request, response, actionId, change, { typed: form, errors: read.errors, status: 400 });
    const context = formContext(request, form, effective);
    const sent = await sendForm(() => this.commands.execute(new ActionCommandMessage(actionId, body, context)), FIELDS, 'reason');
    if (!sent.sent) {
      const status = sent.conflict ? 409 : 422;
      return this.show(request, response, actionId, change, { typed: form, errors: sent.errors, conflict: sent.conflict, status });
    }
    const { action } = await this.reader.action(actionId);
    response.redirect(303, `/app/plans/${action.planId}/manage`);
  }

  /** The form, filled from the action as stored, or with what was typed when it comes back. */
  private async show(
    request: PageRequest,
    response: Response,
    actionId: string,
    change: Change,
    refused: { typed: Form; errors: unknown[]; conflict?: string; status: number } | null = null,
  ): Promise<void> {
    const { action, plan } = await this.reader.action(actionId);
    // After a conflict the form is shown at the version stored now, so sending it again overrides knowingly.
    const values = refused ? { ...refused.typed, version: String(action.version) } : storedValues(action);
    const owners = possibleOwners(this.users.list());
    await this.pages.render(
      request,
      response,
      `manage/action-${change}.njk`,
      {
        pageTitle: `${TITLES[change]} – ${action.references.join(', ') || action.description.slice(0, 40)} – ${plan.title}`,
        action,
        plan,
        targetDate: targetDateText(action.targetDate),
        leadItems: ownerItems(owners, values.leadUsers),
        supportingItems: ownerItems(owners, values.supportingUsers),
        values,
        errors: refused?.errors,
        conflict: refused?.conflict,
      },
      refused?.status ?? 200,
    );
  }
}

function storedValues(action: ActionView): Form {
  return {
    version: String(action.version),
    description: action.description,
    references: action.references.join(', '),
    evidenceRequired: action.evidenceRequired ?? '',
    startDate: action.startDate?.raw ?? '',
    ...ownerFields(action.leadOwners, 'lead'),
    ...ownerFields(action.supportingOwners, 'supporting'),
  };
}
