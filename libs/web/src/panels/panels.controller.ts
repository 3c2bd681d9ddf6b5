import { Body, Get, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { UserDirectory, type User } from '@actionplans/auth';
import { PanelCommandMessage } from '@actionplans/commands';
import { isRealDay, managesPlans, mayHoldSeat } from '@actionplans/domain';
import { PanelMeetingsQuery, PlanIndex, type PanelMeetingLine } from '@actionplans/read-models';
import type { Response } from 'express';
import { v7 as uuidv7 } from 'uuid';
import { pageCommandContext } from '../page/command-context';
import type { FormError } from '../page/nunjucks';
import { CurrentUser, PageController, SignedIn } from '../page/page.decorators';
import { PageRenderer } from '../page/page-renderer';
import type { PageRequest } from '../page/page-request';
import { asList, refusalOf, type Form } from './panel-forms';
import { dayInWords } from '../page/dates';

const today = () => new Date().toISOString().slice(0, 10);

/** Where a refusal of scheduling is shown. */
const SCHEDULE_FIELDS: Record<string, string> = {
  'PANEL.UNKNOWN_PLAN': 'planId',
  'PANEL.UNKNOWN_USER': 'members',
  'PANEL.ROLE_CANNOT_SIT': 'members',
  'PANEL.MEMBER_DISABLED': 'members',
  'PANEL.DATE_UNREADABLE': 'date-day',
  'EFFECTIVE.BEFORE_PLAN': 'date-day',
};

/** The panel meetings, upcoming and past, and scheduling a new one (plan managers), as `POST /panels` does. */
@PageController('app/panels')
@SignedIn()
export class PanelsController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly meetings: PanelMeetingsQuery,
    private readonly plans: PlanIndex,
    private readonly users: UserDirectory,
    private readonly commands: CommandBus,
  ) {}

  @Get()
  async list(@Req() request: PageRequest, @Res() response: Response, @CurrentUser() user: User): Promise<void> {
    const { upcoming, past } = await this.meetings.meetings(today());
    await this.pages.render(request, response, 'panels/panels.njk', {
      pageTitle: 'Panel meetings',
      upcoming: upcoming.map((line) => this.line(line)),
      past: past.map((line) => this.line(line)),
      maySchedule: managesPlans(user),
    });
  }

  @Get('new')
  @SignedIn('plan manager', 'admin')
  async scheduleForm(@Req() request: PageRequest, @Res() response: Response): Promise<void> {
    await this.renderForm(request, response, { idempotencyKey: uuidv7(), members: [] });
  }

  @Post('new')
  @SignedIn('plan manager', 'admin')
  async schedule(@Req() request: PageRequest, @Res() response: Response, @Body() form: Form, @CurrentUser() user: User): Promise<void> {
    const typed = { ...form, members: asList(form.members) };
    const date = [form['date-year'], form['date-month'], form['date-day']].map((part) => (part ?? '').trim().padStart(2, '0')).join('-');
    const errors = scheduleErrors(form, date);
    if (errors.length > 0) return this.renderForm(request, response, typed, errors, 400);
    // The form's key is the meeting's id: sending it twice finds the first, as an Idempotency-Key does.
    const panelId = form.idempotencyKey && /^[0-9a-f-]{36}$/.test(form.idempotencyKey) ? form.idempotencyKey : uuidv7();
    const body = {
      type: 'SchedulePanel' as const,
      panelId,
      planId: form.planId!,
      title: form.title!,
      date,
      chair: form.chair!,
      members: typed.members,
    };
    try {
      await this.commands.execute(new PanelCommandMessage(panelId, body, pageCommandContext(request, user, panelId)));
    } catch (error) {
      const refusal = refusalOf(error, (code) => SCHEDULE_FIELDS[code] ?? (code === 'PANEL.REQUIRED' ? 'title' : 'planId'));
      if (!refusal) throw error;
      return this.renderForm(request, response, typed, [refusal.error], refusal.status);
    }
    response.redirect(303, `/app/panels/${panelId}?done=scheduled`);
  }

  private line(line: PanelMeetingLine) {
    return { ...line, dateText: dayInWords(line.date), chairName: this.users.get(line.chair)?.name ?? line.chair };
  }

  private renderForm(request: PageRequest, response: Response, typed: Record<string, unknown>, errors: FormError[] = [], status = 200) {
    // Only those who may hold a seat are offered: panel members with enabled accounts (ADR 28).
    const people = this.users
      .list()
      .filter((person) => !person.disabled && mayHoldSeat(person.role))
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((person) => ({ value: person.userId, text: person.name, hint: person.role }));
    const plans = this.plans
      .list()
      .map((plan) => ({ value: plan.planId, text: plan.title }))
      .sort((a, b) => a.text.localeCompare(b.text));
    return this.pages.render(
      request,
      response,
      'panels/schedule.njk',
      { pageTitle: 'Schedule a panel meeting', typed, errors, people, plans },
      status,
    );
  }
}

/** What the API's request validation answers before any rule is asked (a 400 there), in the form's words. */
function scheduleErrors(form: Form, date: string): FormError[] {
  const errors: FormError[] = [];
  if (!form.planId) errors.push({ field: 'planId', text: 'Select the plan whose actions the meeting considers' });
  if (!form.title?.trim()) errors.push({ field: 'title', text: 'Enter a title for the meeting' });
  if ((form.title ?? '').length > 500) errors.push({ field: 'title', text: 'Title must be 500 characters or fewer' });
  if (!isRealDay(date)) errors.push({ field: 'date-day', text: 'Enter the meeting’s date as a real day, for example 14 6 2027' });
  if (!form.chair) errors.push({ field: 'chair', text: 'Select who chairs the meeting' });
  return errors;
}
