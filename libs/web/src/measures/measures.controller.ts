import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { User } from '@actionplans/auth';
import { MeasureCommandMessage } from '@actionplans/commands';
import { DomainError, isRealDay, managesPlans, MEASURE_FREQUENCIES, type Effective } from '@actionplans/domain';
import { MeasuresReader, StreamReader, type MeasureView } from '@actionplans/read-models';
import type { Response } from 'express';
import { v7 as uuidv7 } from 'uuid';
import { pageCommandContext } from '../page/command-context';
import { dayInWords } from '../page/dates';
import { readEffectiveForm } from '../page/effective-form';
import type { FormError } from '../page/nunjucks';
import { CurrentUser, PageController, SignedIn } from '../page/page.decorators';
import { PageRenderer } from '../page/page-renderer';
import type { PageRequest } from '../page/page-request';
import { asList, refusalOf, type Form } from '../panels/panel-forms';
import { measurePage, measureRow } from './measure-page.view';
import { readActualForm, readDefineForm, readRestatementForm } from './measure-forms';

const FORM_KEY = /^[0-9a-f-]{36}$/;
const keyOf = (form: Form) => (form.idempotencyKey && FORM_KEY.test(form.idempotencyKey) ? form.idempotencyKey : uuidv7());

/** Where each refusal of a figure is shown, by form. */
const RECORD_FIELDS: Record<string, string> = {
  'MEASURE.ALREADY_RECORDED': 'period',
  'MEASURE.PERIOD_NOT_ENDED': 'periodEnd-day',
  'MEASURE.INVALID_DATE': 'periodEnd-day',
};
/** Where each refusal of a new measure is shown. */
const DEFINE_FIELDS: Record<string, string> = {
  'MEASURE.TARGET_BEFORE_BASELINE': 'targetBy',
  'MEASURE.TARGET_WORSE_THAN_BASELINE': 'targetValue',
  'MEASURE.INVALID_DATE': 'baselineDate',
  'MEASURE.INVALID_VALUE': 'baselineValue',
  'MEASURE.UNKNOWN_GROUPING': 'groupingIds',
};
const RESTATE_FIELDS: Record<string, string> = { 'MEASURE.NO_SUCH_PERIOD': 'restatePeriod', 'MEASURE.REQUIRED': 'reason' };

/**
 * A plan's impact measures and each measure's page (ADR 36): status and direction of travel in
 * words, baseline, targets, figures by period with their restatements, and history; the measure's
 * owner and plan managers record and restate figures, as `POST /measures/{id}/actuals` and
 * `/restatements` do.
 */
@PageController('app')
@SignedIn()
export class MeasurePagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly measures: MeasuresReader,
    private readonly reader: StreamReader,
    private readonly commands: CommandBus,
  ) {}

  @Get('plans/:planId/measures')
  async list(@Req() request: PageRequest, @Res() response: Response, @Param('planId') planId: string, @Query('asAt') asAt?: string) {
    const { state } = await this.reader.plan(planId);
    if (state.stage === 'none') throw new DomainError('PLAN.NOT_FOUND', 'there is no such plan');
    const day = typeof asAt === 'string' && isRealDay(asAt) ? asAt : null;
    const lines = day
      ? (await this.measures.plansMeasuresAsAt(planId, day, 'effective')).measures
      : await this.measures.planMeasures(planId);
    const shown = day ? `as at the end of ${dayInWords(day)}, as we now know it` : 'as it stands today';
    await this.pages.render(request, response, 'measures/measures.njk', {
      pageTitle: `Impact measures – ${state.title}`,
      plan: { planId, title: state.title },
      rows: lines.map(measureRow),
      shown,
      asAt: day ?? '',
    });
  }

  /** The form defining a measure of the plan (plan managers and admins). */
  @Get('plans/:planId/measures/new')
  @SignedIn('plan manager', 'admin')
  async showDefine(@Req() request: PageRequest, @Res() response: Response, @Param('planId') planId: string) {
    await this.renderDefine(request, response, planId, { idempotencyKey: uuidv7() });
  }

  @Post('plans/:planId/measures')
  @SignedIn('plan manager', 'admin')
  async define(
    @Req() request: PageRequest,
    @Res() response: Response,
    @Param('planId') planId: string,
    @Body() form: Form,
    @CurrentUser() user: User,
  ) {
    const { state } = await this.reader.plan(planId);
    if (state.stage === 'none') throw new DomainError('PLAN.NOT_FOUND', 'there is no such plan');
    const read = readDefineForm(form, new Set(state.groupings.keys()));
    if ('errors' in read) return this.renderDefine(request, response, planId, form, read.errors, 400);
    const measureId = uuidv7();
    const body = { type: 'DefineMeasure' as const, measureId, planId, ...read.details };
    const refusal = await this.send(request, user, measureId, form, body, DEFINE_FIELDS, 'name');
    if (refusal) return this.renderDefine(request, response, planId, form, [refusal.error], refusal.status);
    response.redirect(303, `/app/measures/${measureId}?done=defined`);
  }

  @Get('measures/:measureId')
  async show(@Req() request: PageRequest, @Res() response: Response, @Param('measureId') measureId: string, @CurrentUser() user: User) {
    await this.render(request, response, await this.measure(measureId), user, {});
  }

  @Post('measures/:measureId/actuals')
  async record(
    @Req() request: PageRequest,
    @Res() response: Response,
    @Param('measureId') measureId: string,
    @Body() form: Form,
    @CurrentUser() user: User,
  ) {
    const measure = await this.measure(measureId);
    const read = readActualForm(form);
    // Plan managers enter figures from papers: effective on the paper's day, with its source (ADR 23).
    const when = managesPlans(user)
      ? readEffectiveForm(form, { actor: { userId: user.userId, role: user.role }, now: new Date().toISOString() })
      : null;
    const errors = [...('errors' in read ? read.errors : []), ...(when?.errors ?? [])];
    if ('errors' in read || errors.length) return this.render(request, response, measure, user, { record: form }, errors, 400);
    const body = { type: 'RecordActual' as const, ...read.actual };
    const refusal = await this.send(request, user, measureId, form, body, RECORD_FIELDS, 'value', when?.effective);
    if (refusal) return this.render(request, response, measure, user, { record: form }, [refusal.error], refusal.status);
    response.redirect(303, `/app/measures/${measureId}?done=recorded#figures`);
  }

  @Post('measures/:measureId/restatements')
  async restate(
    @Req() request: PageRequest,
    @Res() response: Response,
    @Param('measureId') measureId: string,
    @Body() form: Form,
    @CurrentUser() user: User,
  ) {
    const measure = await this.measure(measureId);
    const read = readRestatementForm(form);
    if ('errors' in read) return this.render(request, response, measure, user, { restate: form }, read.errors, 400);
    const body = { type: 'RestateActual' as const, ...read.restatement };
    const refusal = await this.send(request, user, measureId, form, body, RESTATE_FIELDS, 'restateValue');
    if (refusal) return this.render(request, response, measure, user, { restate: form }, [refusal.error], refusal.status);
    response.redirect(303, `/app/measures/${measureId}?done=restated#figures`);
  }

  private async send(
    request: PageRequest,
    user: User,
    measureId: string,
    form: Form,
    body: MeasureCommandMessage['body'],
    fields: Record<string, string>,
    fallback: string,
    effective?: Effective,
  ) {
    try {
      const context = { ...pageCommandContext(request, user, keyOf(form)), effective };
      await this.commands.execute(new MeasureCommandMessage(measureId, body, context));
      return null;
    } catch (error) {
      const refusal = refusalOf(error, (code) => fields[code] ?? fallback, effective ? '' : undefined);
      if (!refusal) throw error;
      return refusal;
    }
  }

  private async renderDefine(
    request: PageRequest,
    response: Response,
    planId: string,
    typed: Form,
    errors: FormError[] = [],
    status = 200,
  ) {
    const { state } = await this.reader.plan(planId);
    if (state.stage === 'none') throw new DomainError('PLAN.NOT_FOUND', 'there is no such plan');
    const chosen = asList(typed.groupingIds);
    const groupings = [...state.groupings].map(([groupingId, grouping]) => ({
      value: groupingId,
      text: `${grouping.references.join(' ')} ${grouping.title}`.trim(),
      checked: chosen.includes(groupingId),
    }));
    await this.pages.render(
      request,
      response,
      'measures/measure-new.njk',
      {
        pageTitle: `Define an impact measure – ${state.title}`,
        plan: { planId, title: state.title },
        groupings,
        frequencies: MEASURE_FREQUENCIES,
        typed,
        errors,
      },
      status,
    );
  }

  private async measure(measureId: string): Promise<MeasureView> {
    const measure = await this.measures.measure(measureId);
    if (!measure) throw new DomainError('MEASURE.NOT_FOUND', 'there is no such measure');
    return measure;
  }

  private async render(
    request: PageRequest,
    response: Response,
    measure: MeasureView,
    user: User,
    typed: { record?: Form; restate?: Form },
    errors: FormError[] = [],
    status = 200,
  ) {
    const { state } = await this.reader.plan(measure.planId);
    const groupings = new Map([...state.groupings].map(([id, g]) => [id, `${g.references.join(' ')} ${g.title}`.trim()]));
    const actions = new Map<string, string>();
    for (const actionId of measure.actionIds) {
      const action = await this.reader.action(actionId);
      if (action) actions.set(actionId, `${action.references.join(' ')} ${action.description}`.trim());
    }
    const reports = managesPlans(user) || (measure.owner.userId !== undefined && measure.owner.userId === user.userId);
    const done =
      { recorded: 'Figure recorded', restated: 'Figure restated', defined: 'Measure defined' }[
        typeof request.query.done === 'string' ? request.query.done : ''
      ] ?? null;
    await this.pages.render(
      request,
      response,
      'measures/measure.njk',
      {
        pageTitle: `${measure.name} – ${state.title}`,
        plan: { planId: measure.planId, title: state.title },
        measure,
        page: measurePage(measure, groupings, actions),
        reports,
        mayBackdate: managesPlans(user),
        done,
        errors,
        record: { idempotencyKey: uuidv7(), ...typed.record },
        restate: { idempotencyKey: uuidv7(), ...typed.restate },
      },
      status,
    );
  }
}
