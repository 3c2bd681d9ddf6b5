import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { UserDirectory, type User } from '@actionplans/auth';
import { PanelCommandMessage, StandingPanelCommandMessage } from '@actionplans/commands';
import { DomainError, isRealDay, managesPlans, mayHoldSeat, type StandingPanelMember } from '@actionplans/domain';
import { PlanIndex, StandingPanelsQuery, StreamReader } from '@actionplans/read-models';
import type { Response } from 'express';
import { v7 as uuidv7 } from 'uuid';
import { pageCommandContext } from '../page/command-context';
import { dayInWords } from '../page/dates';
import type { FormError } from '../page/nunjucks';
import { CurrentUser, PageController, SignedIn } from '../page/page.decorators';
import { PageRenderer } from '../page/page-renderer';
import type { PageRequest } from '../page/page-request';
import { asList, refusalOf, type Form } from './panel-forms';
import { ROLE_WORDS, standingPanelHistory } from './standing-panel-history';

/** What the panel's page says after each change (`?done=`). */
const DONE: Record<string, string> = {
  established: 'Standing panel established',
  amended: 'The panel’s details have been changed',
  members: 'The panel’s members have been changed',
  serving: 'The panel now serves the plan',
  stopped: 'The panel no longer serves the plan',
};

const FORM_KEY = /^[0-9a-f-]{36}$/;
const keyOf = (form: Form) => (form.idempotencyKey && FORM_KEY.test(form.idempotencyKey) ? form.idempotencyKey : uuidv7());

/** Where a refusal of establishing a standing panel is shown. */
const ESTABLISH_FIELDS: Record<string, string> = {
  'STANDING.REQUIRED': 'name',
  'STANDING.INVALID_QUORUM': 'quorum',
  'STANDING.NO_PLANS': 'planIds',
  'STANDING.UNKNOWN_PLAN': 'planIds',
  'STANDING.ONE_CHAIR': 'chair',
};

/**
 * Standing panels (ADR 29): their list, establishing one, a panel's page with its history, and
 * scheduling its meetings, as `/standing-panels` and `POST /panels` do. Changes after
 * establishment are StandingPanelChangesController's.
 */
@PageController('app/standing-panels')
@SignedIn()
export class StandingPanelsController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly query: StandingPanelsQuery,
    private readonly reader: StreamReader,
    private readonly plans: PlanIndex,
    private readonly users: UserDirectory,
    private readonly commands: CommandBus,
  ) {}

  @Get()
  async list(@Req() request: PageRequest, @Res() response: Response, @CurrentUser() user: User): Promise<void> {
    const panels = (await this.query.standingPanels()).map((panel) => ({ ...panel, planTitles: panel.plans.map((plan) => plan.title) }));
    await this.pages.render(request, response, 'panels/standing-panels.njk', {
      pageTitle: 'Standing panels',
      panels,
      mayEstablish: managesPlans(user),
    });
  }

  @Get('new')
  @SignedIn('plan manager', 'admin')
  async establishForm(@Req() request: PageRequest, @Res() response: Response): Promise<void> {
    await this.renderForm(request, response, { idempotencyKey: uuidv7(), members: [], planIds: [], quorum: '2' });
  }

  @Post('new')
  @SignedIn('plan manager', 'admin')
  async establish(@Req() request: PageRequest, @Res() response: Response, @Body() form: Form, @CurrentUser() user: User): Promise<void> {
    const typed = { ...form, members: asList(form.members), planIds: asList(form.planIds) };
    const quorum = Number(form.quorum);
    const errors = establishErrors(form, quorum);
    if (errors.length) return this.renderForm(request, response, typed, errors, 400);
    const members: StandingPanelMember[] = [
      { userId: form.chair!, role: 'chair' },
      ...(form.viceChair && form.viceChair !== form.chair ? [{ userId: form.viceChair, role: 'vice-chair' as const }] : []),
      ...typed.members
        .filter((userId) => userId !== form.chair && userId !== form.viceChair)
        .map((userId) => ({ userId, role: 'member' as const })),
    ];
    const standingPanelId = keyOf(form);
    const body = {
      type: 'EstablishStandingPanel' as const,
      standingPanelId,
      name: form.name!,
      termsOfReference: form.termsOfReference!,
      members,
      quorum,
      planIds: typed.planIds,
    };
    try {
      await this.commands.execute(
        new StandingPanelCommandMessage(standingPanelId, body, pageCommandContext(request, user, standingPanelId)),
      );
    } catch (error) {
      const refusal = refusalOf(error, (code) => ESTABLISH_FIELDS[code] ?? 'members');
      if (!refusal) throw error;
      return this.renderForm(request, response, typed, [refusal.error], refusal.status);
    }
    response.redirect(303, `/app/standing-panels/${standingPanelId}?done=established`);
  }

  @Get(':standingPanelId')
  async show(
    @Req() request: PageRequest,
    @Res() response: Response,
    @Param('standingPanelId') standingPanelId: string,
    @CurrentUser() user: User,
    @Query('done') done?: string,
  ): Promise<void> {
    await this.renderPanel(request, response, standingPanelId, user, { idempotencyKey: uuidv7() }, [], 200, done);
  }

  /** Schedules a meeting of the panel: its plans, chair and members are the panel's. */
  @Post(':standingPanelId/meetings')
  @SignedIn('plan manager', 'admin')
  async schedule(
    @Req() request: PageRequest,
    @Res() response: Response,
    @Param('standingPanelId') standingPanelId: string,
    @Body() form: Form,
    @CurrentUser() user: User,
  ): Promise<void> {
    const date = [form['date-year'], form['date-month'], form['date-day']].map((part) => (part ?? '').trim().padStart(2, '0')).join('-');
    const errors: FormError[] = [];
    if (!form.title?.trim()) errors.push({ field: 'title', text: 'Enter a title for the meeting' });
    if ((form.title ?? '').length > 500) errors.push({ field: 'title', text: 'Title must be 500 characters or fewer' });
    if (!isRealDay(date)) errors.push({ field: 'date-day', text: 'Enter the meeting’s date as a real day, for example 14 6 2027' });
    if (errors.length) return this.renderPanel(request, response, standingPanelId, user, form, errors, 400);
    const panelId = keyOf(form);
    const body = { type: 'ScheduleStandingPanelMeeting' as const, panelId, standingPanelId, title: form.title!, date };
    try {
      await this.commands.execute(new PanelCommandMessage(panelId, body, pageCommandContext(request, user, panelId)));
    } catch (error) {
      const refusal = refusalOf(error, (code) => (/DATE|EFFECTIVE/.test(code) ? 'date-day' : 'title'));
      if (!refusal) throw error;
      return this.renderPanel(request, response, standingPanelId, user, form, [refusal.error], refusal.status);
    }
    response.redirect(303, `/app/panels/${panelId}?done=scheduled`);
  }

  private async renderPanel(
    request: PageRequest,
    response: Response,
    standingPanelId: string,
    user: User,
    typed: Record<string, unknown>,
    errors: FormError[],
    status = 200,
    done?: string,
  ) {
    const panel = await this.reader.standingPanel(standingPanelId);
    if (!panel) throw new DomainError('STANDING.NOT_FOUND', 'there is no such standing panel');
    const meetings = (await this.query.meetings({ standingPanelId, order: 'newest' })).map((meeting) => ({
      ...meeting,
      dateText: dayInWords(meeting.date),
    }));
    return this.pages.render(
      request,
      response,
      'panels/standing-panel.njk',
      {
        pageTitle: panel.name,
        panel,
        members: panel.members.map((member) => ({ name: this.name(member.userId), role: ROLE_WORDS[member.role] })),
        plans: panel.planIds.map((planId) => ({ planId, title: this.planTitle(planId) })),
        history: standingPanelHistory(
          panel.history,
          (userId) => this.name(userId),
          (planId) => this.planTitle(planId),
        ),
        meetings,
        maySchedule: managesPlans(user),
        done: done ? DONE[done] : undefined,
        typed,
        errors,
      },
      status,
    );
  }

  private renderForm(request: PageRequest, response: Response, typed: Record<string, unknown>, errors: FormError[] = [], status = 200) {
    // Only those who may hold a seat are offered: panel members with enabled accounts (ADR 28).
    const people = this.users
      .list()
      .filter((person) => !person.disabled && mayHoldSeat(person.role))
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((person) => ({ value: person.userId, text: person.name }));
    const plans = this.plans
      .list()
      .map((plan) => ({ value: plan.planId, text: plan.title }))
      .sort((a, b) => a.text.localeCompare(b.text));
    const pageTitle = 'Establish a standing panel';
    return this.pages.render(request, response, 'panels/standing-panel-form.njk', { pageTitle, typed, errors, people, plans }, status);
  }

  private planTitle(planId: string): string {
    return this.plans.entry(planId)?.title ?? planId;
  }

  private name(userId: string): string {
    return this.users.get(userId)?.name ?? userId;
  }
}

/** What the API's request validation answers before any rule is asked, in the form's words. */
function establishErrors(form: Form, quorum: number): FormError[] {
  const errors: FormError[] = [];
  if (!form.name?.trim()) errors.push({ field: 'name', text: 'Enter the panel’s name' });
  if (!form.termsOfReference?.trim()) errors.push({ field: 'termsOfReference', text: 'Enter the panel’s terms of reference' });
  if (!form.chair) errors.push({ field: 'chair', text: 'Select who chairs the panel' });
  if (!Number.isInteger(quorum) || quorum < 2)
    errors.push({ field: 'quorum', text: 'Enter a quorum of 2 or more members, as a whole number' });
  if (asList(form.planIds).length === 0) errors.push({ field: 'planIds', text: 'Select the plans the panel serves' });
  return errors;
}
