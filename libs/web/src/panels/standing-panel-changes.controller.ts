import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { UserDirectory, type User } from '@actionplans/auth';
import { StandingPanelCommandMessage } from '@actionplans/commands';
import { DomainError, mayHoldSeat, type StandingPanelMember } from '@actionplans/domain';
import { PlanIndex, StreamReader, type StandingPanelView } from '@actionplans/read-models';
import { CommandRefusedError } from '@actionplans/event-store';
import type { Response } from 'express';
import { v7 as uuidv7 } from 'uuid';
import { pageCommandContext } from '../page/command-context';
import type { FormError } from '../page/nunjucks';
import { CurrentUser, PageController, SignedIn } from '../page/page.decorators';
import { PageRenderer } from '../page/page-renderer';
import type { PageRequest } from '../page/page-request';
import { asList, refusalOf, type Form } from './panel-forms';

const FORM_KEY = /^[0-9a-f-]{36}$/;
const keyOf = (form: Form) => (form.idempotencyKey && FORM_KEY.test(form.idempotencyKey) ? form.idempotencyKey : uuidv7());
type Command = StandingPanelCommandMessage['body'];

/** Where each refusal of a change to a standing panel is shown, by form. */
const DETAILS_FIELDS: Record<string, string> = {
  'STANDING.INVALID_QUORUM': 'quorum',
  'STANDING.REQUIRED': 'name',
  'STANDING.ALREADY_SO': 'name',
};
const MEMBERS_FIELDS: Record<string, string> = { 'STANDING.ONE_CHAIR': 'chair', 'STANDING.ONE_VICE_CHAIR': 'viceChair' };
const START_FIELDS: Record<string, string> = {};
const STOP_FIELDS: Record<string, string> = {};

/** The form's own field for "why", which each form names apart so two forms may share a page. */
const REASON_FIELD = { details: 'reason', members: 'reason', start: 'startReason', stop: 'stopReason' } as const;
type Change = keyof typeof REASON_FIELD;

/**
 * Changing a standing panel after it is established (ADR 29), as `PUT /standing-panels/{id}`,
 * `PUT …/members` and `POST …/plans` (`/removal`) do: its name, terms of reference and quorum; its
 * members and their roles; the plans it serves. Each change carries a reason, which the panel's
 * page lists in its history.
 */
@PageController('app/standing-panels')
@SignedIn('plan manager', 'admin')
export class StandingPanelChangesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly reader: StreamReader,
    private readonly plans: PlanIndex,
    private readonly users: UserDirectory,
    private readonly commands: CommandBus,
  ) {}

  @Get(':standingPanelId/details')
  async detailsForm(@Req() request: PageRequest, @Res() response: Response, @Param('standingPanelId') id: string): Promise<void> {
    const panel = await this.panel(id);
    const typed = { idempotencyKey: uuidv7(), name: panel.name, termsOfReference: panel.termsOfReference, quorum: String(panel.quorum) };
    await this.renderDetails(request, response, panel, typed);
  }

  @Post(':standingPanelId/details')
  async amend(
    @Req() request: PageRequest,
    @Res() response: Response,
    @Param('standingPanelId') id: string,
    @Body() form: Form,
    @CurrentUser() user: User,
  ): Promise<void> {
    const panel = await this.panel(id);
    const quorum = Number(form.quorum);
    const errors: FormError[] = [];
    if (!form.name?.trim()) errors.push({ field: 'name', text: 'Enter the panel’s name' });
    else if (form.name.length > 200) errors.push({ field: 'name', text: 'Name must be 200 characters or fewer' });
    if (!form.termsOfReference?.trim()) errors.push({ field: 'termsOfReference', text: 'Enter the panel’s terms of reference' });
    else if (form.termsOfReference.length > 8000)
      errors.push({ field: 'termsOfReference', text: 'Terms of reference must be 8000 characters or fewer' });
    if (!Number.isInteger(quorum) || quorum < 2 || quorum > 50)
      errors.push({ field: 'quorum', text: 'Enter a quorum of 2 or more members, as a whole number' });
    errors.push(...reasonErrors(form, 'details'));
    if (errors.length) return this.renderDetails(request, response, panel, form, errors, 400);
    const body: Command = {
      type: 'AmendStandingPanel',
      name: form.name!,
      termsOfReference: form.termsOfReference!,
      quorum,
      reason: form.reason!,
    };
    const refusal = await this.send(request, user, id, form, body, (code) => DETAILS_FIELDS[code] ?? 'reason');
    if (refusal) return this.renderDetails(request, response, panel, form, [refusal.error], refusal.status);
    response.redirect(303, `/app/standing-panels/${id}?done=amended`);
  }

  @Get(':standingPanelId/members')
  async membersForm(@Req() request: PageRequest, @Res() response: Response, @Param('standingPanelId') id: string): Promise<void> {
    const panel = await this.panel(id);
    const roleOf = (role: StandingPanelMember['role']) => panel.members.filter((member) => member.role === role).map((m) => m.userId);
    const typed = {
      idempotencyKey: uuidv7(),
      chair: roleOf('chair')[0] ?? '',
      viceChair: roleOf('vice-chair')[0] ?? '',
      members: roleOf('member'),
    };
    await this.renderMembers(request, response, panel, typed);
  }

  @Post(':standingPanelId/members')
  async changeMembers(
    @Req() request: PageRequest,
    @Res() response: Response,
    @Param('standingPanelId') id: string,
    @Body() form: Form,
    @CurrentUser() user: User,
  ): Promise<void> {
    const panel = await this.panel(id);
    const typed = { ...form, members: asList(form.members) };
    const errors: FormError[] = [];
    if (!form.chair) errors.push({ field: 'chair', text: 'Select who chairs the panel' });
    errors.push(...reasonErrors(form, 'members'));
    if (errors.length) return this.renderMembers(request, response, panel, typed, errors, 400);
    const members: StandingPanelMember[] = [
      { userId: form.chair!, role: 'chair' },
      ...(form.viceChair && form.viceChair !== form.chair ? [{ userId: form.viceChair, role: 'vice-chair' as const }] : []),
      ...typed.members
        .filter((userId) => userId !== form.chair && userId !== form.viceChair)
        .map((userId) => ({ userId, role: 'member' as const })),
    ];
    const body: Command = { type: 'ChangeStandingPanelMembers', members, reason: form.reason! };
    const refusal = await this.send(request, user, id, form, body, (code) => MEMBERS_FIELDS[code] ?? 'members');
    if (refusal) {
      // The engine's words count the members the form named; the page says what to do about it.
      if (refusal.error.field === 'members' && /INVALID_QUORUM/.test(refusal.code))
        refusal.error.text = `The panel’s quorum is ${panel.quorum}: keep at least ${panel.quorum} members, or lower the quorum first`;
      return this.renderMembers(request, response, panel, typed, [refusal.error], refusal.status);
    }
    response.redirect(303, `/app/standing-panels/${id}?done=members`);
  }

  @Get(':standingPanelId/plans')
  async plansForm(@Req() request: PageRequest, @Res() response: Response, @Param('standingPanelId') id: string): Promise<void> {
    await this.renderPlans(request, response, await this.panel(id), { idempotencyKey: uuidv7() });
  }

  @Post(':standingPanelId/plans/start')
  async startServing(
    @Req() request: PageRequest,
    @Res() response: Response,
    @Param('standingPanelId') id: string,
    @Body() form: Form,
    @CurrentUser() user: User,
  ): Promise<void> {
    await this.servePlan(request, response, id, form, user, 'start');
  }

  @Post(':standingPanelId/plans/stop')
  async stopServing(
    @Req() request: PageRequest,
    @Res() response: Response,
    @Param('standingPanelId') id: string,
    @Body() form: Form,
    @CurrentUser() user: User,
  ): Promise<void> {
    await this.servePlan(request, response, id, form, user, 'stop');
  }

  private async servePlan(request: PageRequest, response: Response, id: string, form: Form, user: User, change: 'start' | 'stop') {
    const panel = await this.panel(id);
    const planField = `${change}PlanId`;
    const planId = form[planField];
    const errors: FormError[] = [];
    if (!planId)
      errors.push({ field: planField, text: change === 'start' ? 'Select the plan to serve' : 'Select the plan to stop serving' });
    errors.push(...reasonErrors(form, change));
    if (errors.length) return this.renderPlans(request, response, panel, form, errors, 400);
    const type = change === 'start' ? ('StartServingPlan' as const) : ('StopServingPlan' as const);
    const reason = form[REASON_FIELD[change]]!;
    const fields = change === 'start' ? START_FIELDS : STOP_FIELDS;
    const refusal = await this.send(request, user, id, form, { type, planId: planId!, reason }, (code) => fields[code] ?? planField);
    if (refusal) return this.renderPlans(request, response, panel, form, [refusal.error], refusal.status);
    response.redirect(303, `/app/standing-panels/${id}?done=${change === 'start' ? 'serving' : 'stopped'}`);
  }

  /** Sends the change; a refusal comes back as the form shows it, with its code. */
  private async send(request: PageRequest, user: User, id: string, form: Form, body: Command, fieldOf: (code: string) => string) {
    try {
      await this.commands.execute(new StandingPanelCommandMessage(id, body, pageCommandContext(request, user, keyOf(form))));
      return null;
    } catch (error) {
      const refusal = refusalOf(error, fieldOf);
      if (!refusal) throw error;
      const code = error instanceof CommandRefusedError && error.refusal instanceof DomainError ? error.refusal.code : '';
      return { ...refusal, code };
    }
  }

  private async panel(id: string): Promise<StandingPanelView> {
    const panel = await this.reader.standingPanel(id);
    if (!panel) throw new DomainError('STANDING.NOT_FOUND', 'there is no such standing panel');
    return panel;
  }

  private renderDetails(
    request: PageRequest,
    response: Response,
    panel: StandingPanelView,
    typed: Record<string, unknown>,
    errors: FormError[] = [],
    status = 200,
  ) {
    const pageTitle = `Change the panel’s details – ${panel.name}`;
    return this.pages.render(request, response, 'panels/standing-panel-details.njk', { pageTitle, panel, typed, errors }, status);
  }

  private renderMembers(
    request: PageRequest,
    response: Response,
    panel: StandingPanelView,
    typed: Record<string, unknown>,
    errors: FormError[] = [],
    status = 200,
  ) {
    // Those who may hold a seat (ADR 28), and the panel's members as they stand, so a member who lost their seat can be seen and taken off.
    const current = new Set(panel.members.map((member) => member.userId));
    const people = this.users
      .list()
      .filter((person) => current.has(person.userId) || (!person.disabled && mayHoldSeat(person.role)))
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((person) => ({
        value: person.userId,
        text: person.disabled || !mayHoldSeat(person.role) ? `${person.name} (no longer holds a panel seat)` : person.name,
      }));
    const pageTitle = `Change the members – ${panel.name}`;
    return this.pages.render(request, response, 'panels/standing-panel-members.njk', { pageTitle, panel, typed, errors, people }, status);
  }

  private renderPlans(
    request: PageRequest,
    response: Response,
    panel: StandingPanelView,
    typed: Record<string, unknown>,
    errors: FormError[] = [],
    status = 200,
  ) {
    const title = (planId: string) => this.plans.entry(planId)?.title ?? planId;
    const served = panel.planIds.map((planId) => ({ value: planId, text: title(planId) }));
    const others = this.plans
      .list()
      .filter((plan) => !panel.planIds.includes(plan.planId))
      .map((plan) => ({ value: plan.planId, text: plan.title }))
      .sort((a, b) => a.text.localeCompare(b.text));
    const pageTitle = `Change the plans it serves – ${panel.name}`;
    return this.pages.render(
      request,
      response,
      'panels/standing-panel-plans.njk',
      { pageTitle, panel, typed, errors, served, others, startKey: uuidv7(), stopKey: uuidv7() },
      status,
    );
  }
}

function reasonErrors(form: Form, change: Change): FormError[] {
  const field = REASON_FIELD[change];
  const reason = form[field];
  if (!reason?.trim()) return [{ field, text: 'Enter the reason for the change: the panel’s history keeps it' }];
  if (reason.length > 2000) return [{ field, text: 'Reason must be 2000 characters or fewer' }];
  return [];
}
