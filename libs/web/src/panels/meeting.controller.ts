import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { User } from '@actionplans/auth';
import { PanelCommandMessage } from '@actionplans/commands';
import { DomainError, type Effective, type PanelOutcome } from '@actionplans/domain';
import type { Response } from 'express';
import { v7 as uuidv7 } from 'uuid';
import { pageCommandContext } from '../page/command-context';
import { readEffectiveForm } from '../page/effective-form';
import type { FormError } from '../page/nunjucks';
import { CurrentUser, PageController, SignedIn } from '../page/page.decorators';
import { PageRenderer } from '../page/page-renderer';
import type { PageRequest } from '../page/page-request';
import { MeetingPages, type MeetingModel } from './meeting.page';
import { OUTCOME_CHOICES } from './panel-format';
import { asList, lines, refusalOf, type Form } from './panel-forms';

/** What a form sent, shown again beside its refusal. */
type Typed = Record<string, unknown>;

const DONE: Record<string, string> = {
  scheduled: 'Meeting scheduled',
  tabled: 'Action tabled',
  attendance: 'Attendance recorded',
  decision: 'Decision recorded',
  confirmation: 'Decision confirmed: the action has taken it',
  rejection: 'The entry was rejected: the decision may be entered again',
};

/** A page's forms carry the key it was rendered with (`formKey`): a v7 UUID. */
const FORM_KEY = /^[0-9a-f-]{36}$/;

/**
 * The idempotency key of one of the page's forms: the page's key and what the form does. A form
 * sent twice (a double click, where no script stops the second) stores its command once, and the
 * second sending is answered as the first was rather than refused as done already.
 */
const formIdempotencyKey = (form: Form, purpose: string) =>
  form.formKey && FORM_KEY.test(form.formKey) ? `${form.formKey}:${purpose}` : undefined;

/** Where a refusal of a decision is shown: the field it is about, else the outcome. */
const DECISION_FIELDS: Record<string, string> = {
  'PANEL.REQUIRED': 'rationale',
  'PANEL.CHALLENGE_POINTS_REQUIRED': 'challengePoints',
  'PANEL.NOT_DEFERRED': 'deferredTo',
  'PANEL.DEFERRED_TO_SAME_PANEL': 'deferredTo',
};

/** Refusals about the member a plan manager names as taking a decision entered from the minutes. */
const DECIDED_BY_CODES = new Set([
  'PANEL.NOT_A_MEMBER',
  'PANEL.NOT_PRESENT',
  'PANEL.INTEREST_DECLARED',
  'PANEL.CONFLICT_OF_INTEREST',
  'PANEL.ROLE_CANNOT_DECIDE',
]);

/**
 * A panel meeting: its agenda, attendance and the decision on each tabled action, sent as the
 * API's panel commands (`POST /panels/{id}/agenda`, `/attendance`, `/decisions`).
 */
@PageController('app/panels')
@SignedIn()
export class MeetingController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly meetings: MeetingPages,
    private readonly commands: CommandBus,
  ) {}

  @Get(':panelId')
  async show(
    @Req() request: PageRequest,
    @Res() response: Response,
    @Param('panelId') panelId: string,
    @CurrentUser() user: User,
    @Query('done') done?: string,
  ): Promise<void> {
    await this.render(request, response, await this.meeting(panelId, user), { done: DONE[done ?? ''] });
  }

  @Post(':panelId/agenda')
  async table(
    @Req() request: PageRequest,
    @Res() response: Response,
    @Param('panelId') panelId: string,
    @Body() form: Form,
    @CurrentUser() user: User,
  ) {
    const actionId = form.actionId?.trim();
    if (!actionId) return this.refuse(request, response, panelId, user, [{ field: 'actionId', text: 'Select an action to table' }]);
    await this.send(request, response, panelId, user, { type: 'TableAction', actionId }, 'tabled', () => 'actionId');
  }

  @Post(':panelId/attendance')
  async attendance(
    @Req() request: PageRequest,
    @Res() response: Response,
    @Param('panelId') panelId: string,
    @Body() form: Form,
    @CurrentUser() user: User,
  ) {
    const present = asList(form.present);
    if (present.length === 0)
      return this.refuse(request, response, panelId, user, [{ field: 'present', text: 'Select the members who are present' }]);
    await this.send(request, response, panelId, user, { type: 'RecordAttendance', present }, 'attendance', () => 'present');
  }

  @Post(':panelId/decisions')
  async decide(
    @Req() request: PageRequest,
    @Res() response: Response,
    @Param('panelId') panelId: string,
    @Body() form: Form,
    @CurrentUser() user: User,
  ) {
    const meeting = await this.meeting(panelId, user);
    const item = meeting.items.find((candidate) => candidate.actionId === form.actionId);
    if (!item) throw new DomainError('PANEL.NOT_FOUND', 'that action is not on this meeting’s agenda');
    const typed = { [item.actionId]: form };
    const outcome = OUTCOME_CHOICES.find((choice) => choice.value === form.outcome)?.value;
    // Each agenda item's form has fields of its own ids; a date left empty is the meeting's day, as the command takes it.
    const idSuffix = `-${item.index}`;
    const actor = { userId: user.userId, role: user.role };
    const when = readEffectiveForm(form, { actor, now: new Date().toISOString(), defaultDay: meeting.day, idSuffix });
    const decidedBy = meeting.mayBackdate ? form.decidedBy?.trim() || undefined : undefined;
    const errors = [
      ...(outcome ? [] : [{ field: `outcome-${item.index}`, text: 'Select what the panel decided' }]),
      ...(meeting.mayBackdate && !decidedBy
        ? [{ field: `decidedBy-${item.index}`, text: 'Select the member who recorded the decision in the minutes' }]
        : []),
      ...when.errors,
    ];
    if (!outcome || errors.length) return this.refuse(request, response, panelId, user, errors, typed);
    const decision = {
      type: 'DecideOnAction' as const,
      decisionId: uuidv7(),
      actionId: item.actionId,
      outcome: outcome satisfies PanelOutcome,
      rationale: form.rationale ?? '',
      challengePoints: outcome === 'more evidence required' ? lines(form.challengePoints) : undefined,
      deferredTo: outcome === 'deferred' ? form.deferredTo || null : undefined,
      // A plan manager enters it from the minutes for the member who took it (ADR 30).
      decidedBy,
    };
    const field = (code: string) =>
      `${decidedBy && DECIDED_BY_CODES.has(code) ? 'decidedBy' : (DECISION_FIELDS[code] ?? 'outcome')}-${item.index}`;
    const dated = meeting.mayBackdate ? { effective: when.effective, idSuffix } : undefined;
    await this.send(request, response, panelId, user, decision, 'decision', field, typed, `#item-${item.index}`, dated);
  }

  /** The member who took a decision entered from the minutes, or another plan manager, confirms the entry (ADR 33). */
  @Post(':panelId/decisions/:decisionId/confirmation')
  async confirmEntry(
    @Req() request: PageRequest,
    @Res() response: Response,
    @Param('panelId') panelId: string,
    @Param('decisionId') decisionId: string,
    @CurrentUser() user: User,
  ) {
    const item = await this.entered(panelId, decisionId, user);
    const body = { type: 'ConfirmDecisionEntry' as const, decisionId };
    await this.send(request, response, panelId, user, body, 'confirmation', () => `confirm-${item.index}`, {}, `#item-${item.index}`);
  }

  @Post(':panelId/decisions/:decisionId/rejection')
  async rejectEntry(
    @Req() request: PageRequest,
    @Res() response: Response,
    @Param('panelId') panelId: string,
    @Param('decisionId') decisionId: string,
    @Body() form: Form,
    @CurrentUser() user: User,
  ) {
    const item = await this.entered(panelId, decisionId, user);
    const field = `entry-reason-${item.index}`;
    const typed = { [item.actionId]: form };
    const reason = form.reason?.trim() ?? '';
    if (!reason) return this.refuse(request, response, panelId, user, [{ field, text: 'Enter why the entry is rejected' }], typed);
    const body = { type: 'RejectDecisionEntry' as const, decisionId, reason };
    await this.send(request, response, panelId, user, body, 'rejection', () => field, typed, `#item-${item.index}`);
  }

  /** The agenda item whose decision, entered from the minutes, is `decisionId`; the 404 page when there is none. */
  private async entered(panelId: string, decisionId: string, user: User) {
    const meeting = await this.meeting(panelId, user);
    const item = meeting.items.find((candidate) => candidate.decision?.entry?.decisionId === decisionId);
    if (!item) throw new DomainError('PANEL.NOT_FOUND', 'no decision entered from the minutes has that id at this meeting');
    return item;
  }

  private async send(
    request: PageRequest,
    response: Response,
    panelId: string,
    user: User,
    body: PanelCommandMessage['body'],
    done: keyof typeof DONE,
    fieldOf: (code: string) => string,
    typed: Typed = {},
    anchor = '',
    dated?: { effective: Effective | undefined; idSuffix: string },
  ): Promise<void> {
    const purpose = 'actionId' in body ? `${done}:${body.actionId}` : done;
    const key = formIdempotencyKey(request.body as Form, purpose);
    try {
      const context = { ...pageCommandContext(request, user, key), effective: dated?.effective };
      await this.commands.execute(new PanelCommandMessage(panelId, body, context));
    } catch (error) {
      const refusal = refusalOf(error, fieldOf, dated?.idSuffix);
      if (!refusal) throw error;
      return this.refuse(request, response, panelId, user, [refusal.error], typed, refusal.status);
    }
    response.redirect(303, `/app/panels/${panelId}?done=${done}${anchor}`);
  }

  private async refuse(
    request: PageRequest,
    response: Response,
    panelId: string,
    user: User,
    errors: FormError[],
    typed: Typed = {},
    status = 400,
  ): Promise<void> {
    await this.render(request, response, await this.meeting(panelId, user), { errors, typed }, status);
  }

  private async meeting(panelId: string, user: User): Promise<MeetingModel> {
    const meeting = await this.meetings.of(panelId, user);
    if (!meeting) throw new DomainError('PANEL.NOT_FOUND', 'there is no such panel meeting');
    return meeting;
  }

  private render(request: PageRequest, response: Response, meeting: MeetingModel, extra: Record<string, unknown>, status = 200) {
    return this.pages.render(
      request,
      response,
      'panels/meeting.njk',
      {
        pageTitle: `${meeting.title}, ${meeting.date} – ${meeting.planTitle}`,
        meeting,
        outcomes: OUTCOME_CHOICES,
        formKey: uuidv7(),
        ...extra,
      },
      status,
    );
  }
}
