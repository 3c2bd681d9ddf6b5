import { Body, Get, NotFoundException, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { PlanCommandMessage } from '@actionplans/commands';
import { CANONICAL_STATUSES, type PlanState } from '@actionplans/domain';
import type { Response } from 'express';
import { PageController, SignedIn } from '../page/page.decorators';
import { PageRenderer } from '../page/page-renderer';
import type { FormError } from '../page/nunjucks';
import type { PageRequest } from '../page/page-request';
import { formContext, readWhen, type Form } from './form-context';
import { FormReader } from './form-reader';
import { sendForm } from './form-refusals';
import { ManageReader } from './manage-reader';
import { groupingItems, referencesOf, schemeChoices } from './manage-views';
import { measuresAchievedItems } from './measures-achieved';
import { labelField, readSettings, settingsValues } from './plan-settings';

const UNCHANGED = 'Change at least one thing: everything here is as the plan has it already';

/** Where each refusal of AmendPlan is shown. */
const SETTINGS_FIELDS: Record<string, string | FormError> = {
  'PLAN.NOTHING_TO_AMEND': { field: 'title', text: UNCHANGED },
  'PLAN.INVALID_QUORUM': 'quorum',
  'PLAN.INVALID_WARNING_DAYS': 'warningDays',
  'PLAN.INVALID_REMINDER_POLICY': 'beforeDays',
  'PLAN.INVALID_BOARD_DATE': 'boardDates',
  'PLAN.INVALID_PACK_SCHEDULE': 'packDaysBefore',
  'RATING.INVALID_BASIS': 'defaultBasis',
  'PLAN.INVALID_APPROVAL_TO_CLOSE': 'approvalToClose',
  'PLAN.INVALID_DELEGATED_SIGN_OFF': 'delegatedSignOff',
  'RATING.INVALID_COMPLETE_AT': 'completeAt',
};

/** Where each refusal of AmendGrouping is shown. */
const GROUPING_FIELDS: Record<string, string | FormError> = {
  'PLAN.NOTHING_TO_AMEND': { field: 'title', text: UNCHANGED },
  'PLAN.UNKNOWN_GROUPING': 'parentId',
  'PLAN.GROUPING_CYCLE': { field: 'parentId', text: 'A grouping cannot sit under one of the groupings within it' },
  'PLAN.INVALID_KIND': 'kind',
};

/** What a refused form comes back with. */
interface Refused {
  typed: Form;
  errors: FormError[];
  conflict?: string;
  status: number;
}

/** A plan manager amends a plan's settings or one of its groupings, saying why, as PATCH /plans/{id} and its groupings do. */
@PageController('app/plans')
@SignedIn('plan manager', 'admin')
export class PlanAmendController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly commands: CommandBus,
    private readonly reader: ManageReader,
  ) {}

  @Get(':planId/settings')
  showSettings(@Req() request: PageRequest, @Res() response: Response, @Param('planId') planId: string) {
    return this.settings(request, response, planId);
  }

  @Post(':planId/settings')
  async amendSettings(@Req() request: PageRequest, @Res() response: Response, @Param('planId') planId: string, @Body() form: Form) {
    const read = new FormReader(form);
    const { state } = await this.reader.plan(planId);
    const body = { type: 'AmendPlan' as const, ...readSettings(read, state) };
    const effective = readWhen(request, form, (field, text) => read.fail(field, text));
    if (!read.ok) return this.settings(request, response, planId, { typed: form, errors: read.errors, status: 400 });
    const context = formContext(request, form, effective);
    const sent = await sendForm(() => this.commands.execute(new PlanCommandMessage(planId, body, context)), SETTINGS_FIELDS, 'title');
    if (!sent.sent) return this.settings(request, response, planId, { typed: form, ...sent, status: sent.conflict ? 409 : 422 });
    response.redirect(303, `/app/plans/${planId}/manage?done=settings`);
  }

  @Get(':planId/groupings/:groupingId/amend')
  showGrouping(@Req() request: PageRequest, @Res() response: Response, @Param() { planId, groupingId }: Record<string, string>) {
    return this.grouping(request, response, planId, groupingId);
  }

  @Post(':planId/groupings/:groupingId/amend')
  async amendGrouping(
    @Req() request: PageRequest,
    @Res() response: Response,
    @Param() { planId, groupingId }: Record<string, string>,
    @Body() form: Form,
  ) {
    const read = new FormReader(form);
    const body = {
      type: 'AmendGrouping' as const,
      groupingId,
      kind: read.text('kind', 'Enter what the plan calls this grouping', 100, 'What it is called'),
      references: referencesOf(read),
      title: read.text('title', 'Enter the grouping’s title', 2000, 'Title'),
      parentId: read.raw('parentId') || null,
      reason: read.text('reason', 'Enter why the grouping changes', 2000, 'The reason'),
    };
    const effective = readWhen(request, form, (field, text) => read.fail(field, text));
    if (!read.ok) return this.grouping(request, response, planId, groupingId, { typed: form, errors: read.errors, status: 400 });
    const context = formContext(request, form, effective);
    const sent = await sendForm(() => this.commands.execute(new PlanCommandMessage(planId, body, context)), GROUPING_FIELDS, 'title');
    if (!sent.sent)
      return this.grouping(request, response, planId, groupingId, { typed: form, ...sent, status: sent.conflict ? 409 : 422 });
    response.redirect(303, `/app/plans/${planId}/manage?done=grouping`);
  }

  /** The settings form, filled from the plan as stored, or with what was typed when it comes back (at the version stored now). */
  private async settings(request: PageRequest, response: Response, planId: string, refused?: Refused): Promise<void> {
    const { state, version } = await this.reader.plan(planId);
    const values = refused ? { ...refused.typed, version: String(version) } : settingsValues(state, version);
    await this.pages.render(
      request,
      response,
      'manage/plan-settings.njk',
      {
        pageTitle: `Change the plan’s settings – ${state.title}`,
        planId,
        plan: state,
        schemes: schemeChoices(),
        measureCategories: measuresAchievedItems(state, values),
        labels: CANONICAL_STATUSES.map((status) => ({ status, field: labelField(status) })),
        values,
        errors: refused?.errors,
        conflict: refused?.conflict,
      },
      refused?.status ?? 200,
    );
  }

  private async grouping(request: PageRequest, response: Response, planId: string, groupingId: string, refused?: Refused) {
    const { state, version } = await this.reader.plan(planId);
    const grouping = state.groupings.get(groupingId);
    if (!grouping) throw new NotFoundException('there is no such grouping in this plan');
    const stored: Form = {
      kind: grouping.kind,
      references: grouping.references.join(', '),
      title: grouping.title,
      parentId: grouping.parentId ?? '',
    };
    const values: Form = { ...(refused?.typed ?? stored), version: String(version) };
    await this.pages.render(
      request,
      response,
      'manage/grouping-amend.njk',
      {
        pageTitle: `Amend a grouping – ${state.title}`,
        planId,
        groupingId,
        plan: state,
        grouping,
        parents: groupingItems(otherGroupings(state, groupingId), values.parentId),
        values,
        errors: refused?.errors,
        conflict: refused?.conflict,
      },
      refused?.status ?? 200,
    );
  }
}

/** The groupings another may sit under: any but itself (one within it is refused by the command, in words). */
const otherGroupings = (plan: PlanState, groupingId: string) => new Map([...plan.groupings].filter(([id]) => id !== groupingId));
