import { Body, Get, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { newId, PlanCommandMessage } from '@actionplans/commands';
import type { Response } from 'express';
import { PageController, SignedIn } from '../page/page.decorators';
import { PageRenderer } from '../page/page-renderer';
import type { FormError } from '../page/nunjucks';
import type { PageRequest } from '../page/page-request';
import { formContext, newFormKey, readWhen, type Form } from './form-context';
import { FormReader } from './form-reader';
import { sendForm } from './form-refusals';
import { PLAN_KINDS, schemeChoices } from './manage-views';

const TEMPLATE = 'manage/plan-create.njk';
const TITLE = 'Create a plan';
/** Where each rule's refusal is shown. */
const FIELDS: Record<string, string> = {
  'PLAN.INVALID_KIND': 'kind',
  'PLAN.INVALID_QUORUM': 'quorum',
  'PLAN.INVALID_WARNING_DAYS': 'warningDays',
  'PLAN.DATE_IN_FUTURE': 'sourceDate',
  'RATING.INVALID_BASIS': 'defaultBasis',
};

/** A plan manager creates a draft plan from an inspection or review, choosing how its board rates. */
@PageController('app/plans')
@SignedIn('plan manager', 'admin')
export class PlanCreateController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly commands: CommandBus,
  ) {}

  @Get('new')
  async show(@Req() request: PageRequest, @Res() response: Response): Promise<void> {
    await this.render(request, response, { formKey: newFormKey(), warningDays: '14', quorum: '2', defaultBasis: 'computed' });
  }

  @Post('new')
  async create(@Req() request: PageRequest, @Res() response: Response, @Body() form: Form): Promise<void> {
    const read = new FormReader(form);
    const kindChoice = read.raw('kind');
    const kind = kindChoice === 'other' ? read.text('kindOther', 'Enter what kind of plan it is', 100, 'Kind') : kindChoice;
    if (!kind && kindChoice !== 'other') read.fail('kind', 'Select what kind of plan it is');
    const body = {
      type: 'CreatePlan' as const,
      title: read.text('title', 'Enter the plan’s title', 500, 'Title'),
      kind,
      source: {
        body: read.text('sourceBody', 'Enter who inspected or reviewed', 200, 'Who inspected or reviewed'),
        date: read.dayOrMonth('sourceDate', 'The date of the report'),
        judgement: read.optional('judgement', 200, 'The judgement'),
      },
      ratingScheme: read.raw('ratingScheme'),
      defaultBasis: read.raw('defaultBasis') === 'rating' ? ('rating' as const) : ('computed' as const),
      warningDays: read.whole('warningDays', 'Warning days', 0, 365),
      quorum: read.whole('quorum', 'The quorum', 2, 50),
    };
    if (!schemeChoices().some((scheme) => scheme.name === body.ratingScheme))
      read.fail('ratingScheme', 'Select how the board rates actions');
    const effective = readWhen(request, form, (field, text) => read.fail(field, text));
    if (!read.ok) return this.render(request, response, form, read.errors, 400);
    const context = formContext(request, form, effective);
    const planId = newId(context, 'plan');
    const sent = await sendForm(() => this.commands.execute(new PlanCommandMessage(planId, { ...body, planId }, context)), FIELDS, 'title');
    if (!sent.sent) return this.render(request, response, form, sent.errors, 422);
    response.redirect(303, `/app/plans/${planId}/manage`);
  }

  private render(request: PageRequest, response: Response, values: Form, errors: FormError[] = [], status = 200) {
    const context = { pageTitle: TITLE, values, errors, kinds: PLAN_KINDS, schemes: schemeChoices() };
    return this.pages.render(request, response, TEMPLATE, context, status);
  }
}
