import { Body, Get, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { fileStem } from '../documents/file-name';
import { CommandBus } from '@nestjs/cqrs';
import type { User } from '@actionplans/auth';
import { PanelCommandMessage } from '@actionplans/commands';
import { DomainError, OTHER_ITEM_KINDS, type OtherItemKind } from '@actionplans/domain';
import type { Response } from 'express';
import type { Environment } from 'nunjucks';
import { v7 as uuidv7 } from 'uuid';
import { PdfPrinter, PdfUnavailableError } from '../documents/pdf-printer';
import { pageCommandContext } from '../page/command-context';
import type { FormError } from '../page/nunjucks';
import { CurrentUser, PageController, SignedIn } from '../page/page.decorators';
import { PAGE_ENVIRONMENT, PageRenderer } from '../page/page-renderer';
import { cspNonceOf, type PageRequest } from '../page/page-request';
import { ITEM_KIND_CHOICES, MinutesPages, type MinutesModel } from './minutes.page';
import { raiseFromMinutes } from './minutes-raise';
import { asList, refusalOf, type Form } from './panel-forms';

const DONE: Record<string, string> = {
  attendance: 'Attendance recorded',
  declaration: 'Declaration of interest recorded',
  item: 'Item added to the agenda',
  notes: 'Notes saved',
  'resulting-action': 'Resulting action recorded',
  approval: 'Minutes approved as a correct record',
};

/** Where each refusal is shown on the page, by form. */
const FIELDS: Record<string, Record<string, string>> = {
  attendance: { 'PANEL.APOLOGIES_FROM_PRESENT': 'apologies', 'PANEL.APOLOGIES_FROM_ATTENDEE': 'apologies', 'PANEL.REQUIRED': 'guestName1' },
  declaration: { 'PANEL.REQUIRED': 'reason', 'PANEL.UNKNOWN_ITEM': 'declarationItemId', 'PANEL.ALREADY_DECIDED': 'declarationItemId' },
  item: { 'PANEL.REQUIRED': 'title', 'PANEL.ITEM_KIND': 'kind' },
  'resulting-action': { 'PANEL.REQUIRED': 'text' },
  approval: { 'PANEL.NOT_PRESENT': 'proposedBy', 'PANEL.SECONDER_IS_PROPOSER': 'secondedBy' },
};
const FIRST_FIELD: Record<string, string> = {
  attendance: 'present',
  declaration: 'memberId',
  item: 'kind',
  'resulting-action': 'text',
  approval: 'minutesOf',
};

/** A select's items, the chosen one selected, after a blank first choice. */
const options = (list: Array<{ value: string; text: string }>, selected: unknown, blank?: string) => [
  ...(blank ? [{ value: '', text: blank }] : []),
  ...list.map((choice) => ({ ...choice, selected: choice.value === selected })),
];

/**
 * A meeting's minutes (ADR 30): the page, its forms (sent as the API's panel commands), and the
 * minutes as a document: HTML, and a PDF printed from it.
 */
@PageController('app/panels')
@SignedIn()
export class MinutesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly minutes: MinutesPages,
    private readonly commands: CommandBus,
    private readonly printer: PdfPrinter,
    @Inject(PAGE_ENVIRONMENT) private readonly environment: Environment,
  ) {}

  @Get(':panelId/minutes')
  async show(
    @Req() request: PageRequest,
    @Res() response: Response,
    @Param('panelId') panelId: string,
    @CurrentUser() user: User,
    @Query('done') done?: string,
  ) {
    await this.render(request, response, await this.of(panelId, user), { done: DONE[done ?? ''] });
  }

  @Get(':panelId/minutes/document')
  async document(@Req() request: PageRequest, @Res() response: Response, @Param('panelId') panelId: string, @CurrentUser() user: User) {
    const minutes = await this.of(panelId, user);
    response.setHeader('Content-Disposition', `attachment; filename="${fileName(minutes)}.html"`);
    this.pages.send(request, response, 200, this.documentHtml(minutes, cspNonceOf(response)));
  }

  @Get(':panelId/minutes/pdf')
  async pdf(@Req() request: PageRequest, @Res() response: Response, @Param('panelId') panelId: string, @CurrentUser() user: User) {
    const minutes = await this.of(panelId, user);
    try {
      const pdf = await this.printer.print(this.documentHtml(minutes, ''));
      response.status(200).setHeader('Content-Type', 'application/pdf');
      response.setHeader('Content-Disposition', `attachment; filename="${fileName(minutes)}.pdf"`);
      response.setHeader('Cache-Control', 'no-store');
      response.end(pdf);
    } catch (error) {
      if (!(error instanceof PdfUnavailableError)) throw error;
      const problem = `The PDF cannot be made on this server: ${error.message}. Download the HTML document instead: it holds the same minutes and prints from a browser.`;
      await this.render(request, response, minutes, { problem }, 503);
    }
  }

  @Post(':panelId/minutes/attendance')
  async attendance(
    @Req() request: PageRequest,
    @Res() response: Response,
    @Param('panelId') panelId: string,
    @Body() form: Form,
    @CurrentUser() user: User,
  ) {
    const present = asList(form.present);
    const guests = [1, 2, 3]
      .map((n) => ({ name: form[`guestName${n}`]?.trim() ?? '', role: form[`guestRole${n}`]?.trim() ?? '' }))
      .filter((guest) => guest.name || guest.role);
    if (present.length === 0)
      return this.refuse(request, response, panelId, user, [{ field: 'present', text: 'Select the members who are present' }], form);
    await this.send(
      request,
      response,
      panelId,
      user,
      { type: 'RecordAttendance', present, apologies: asList(form.apologies), guests },
      'attendance',
      form,
    );
  }

  @Post(':panelId/minutes/declarations')
  async declare(
    @Req() request: PageRequest,
    @Res() response: Response,
    @Param('panelId') panelId: string,
    @Body() form: Form,
    @CurrentUser() user: User,
  ) {
    const errors = [
      ...(form.memberId ? [] : [{ field: 'memberId', text: 'Select the member declaring an interest' }]),
      ...(form.itemId ? [] : [{ field: 'declarationItemId', text: 'Select the item' }]),
    ];
    if (errors.length) return this.refuse(request, response, panelId, user, errors, form);
    const body = { type: 'DeclareInterest' as const, itemId: form.itemId!, memberId: form.memberId!, reason: form.reason ?? '' };
    await this.send(request, response, panelId, user, body, 'declaration', form);
  }

  @Post(':panelId/minutes/items')
  async addItem(
    @Req() request: PageRequest,
    @Res() response: Response,
    @Param('panelId') panelId: string,
    @Body() form: Form,
    @CurrentUser() user: User,
  ) {
    const kind = OTHER_ITEM_KINDS.find((candidate) => candidate === form.kind);
    if (!kind) return this.refuse(request, response, panelId, user, [{ field: 'kind', text: 'Select the kind of item' }], form);
    const body = { type: 'AddAgendaItem' as const, itemId: uuidv7(), kind: kind satisfies OtherItemKind, title: form.title ?? '' };
    await this.send(request, response, panelId, user, body, 'item', form);
  }

  @Post(':panelId/minutes/notes')
  async notes(
    @Req() request: PageRequest,
    @Res() response: Response,
    @Param('panelId') panelId: string,
    @Body() form: Form,
    @CurrentUser() user: User,
  ) {
    const minutes = await this.of(panelId, user);
    const item = minutes.items.find((candidate) => candidate.itemId === form.itemId);
    if (!item) throw new DomainError('PANEL.NOT_FOUND', 'that item is not on this meeting’s agenda');
    const field = `notes-${item.index}`;
    if (!form.notes?.trim())
      return this.refuse(request, response, panelId, user, [{ field, text: `Enter the notes on item ${item.index}` }], form);
    await this.send(
      request,
      response,
      panelId,
      user,
      { type: 'RecordItemNotes', itemId: item.itemId, notes: form.notes },
      'notes',
      form,
      field,
    );
  }

  @Post(':panelId/minutes/resulting-actions')
  async resultingAction(
    @Req() request: PageRequest,
    @Res() response: Response,
    @Param('panelId') panelId: string,
    @Body() form: Form,
    @CurrentUser() user: User,
  ) {
    const body = {
      type: 'RecordResultingAction' as const,
      resultingActionId: uuidv7(),
      itemId: form.itemId || null,
      text: form.text ?? '',
      forWhom: form.forWhom ?? '',
    };
    const errors = [
      ...(body.text.trim() ? [] : [{ field: 'text', text: 'Enter the action' }]),
      ...(body.forWhom.trim() ? [] : [{ field: 'forWhom', text: 'Enter who is to do it' }]),
    ];
    if (errors.length) return this.refuse(request, response, panelId, user, errors, form);
    if (form.groupingId) {
      const raised = await raiseFromMinutes(this.commands, request, user, panelId, form);
      if ('errors' in raised) return this.refuse(request, response, panelId, user, raised.errors, form, raised.status);
      return this.send(request, response, panelId, user, { ...body, actionId: raised.actionId }, 'resulting-action', form);
    }
    await this.send(request, response, panelId, user, body, 'resulting-action', form);
  }

  /** Sent from the later meeting's page, on the stream of the meeting whose minutes are approved. */
  @Post(':panelId/minutes/approval')
  async approve(
    @Req() request: PageRequest,
    @Res() response: Response,
    @Param('panelId') panelId: string,
    @Body() form: Form,
    @CurrentUser() user: User,
  ) {
    const errors = [
      ...(form.minutesOf ? [] : [{ field: 'minutesOf', text: 'Select the meeting whose minutes are approved' }]),
      ...(form.proposedBy ? [] : [{ field: 'proposedBy', text: 'Select the member who proposed them' }]),
    ];
    if (errors.length) return this.refuse(request, response, panelId, user, errors, form);
    const body = {
      type: 'ApproveMinutes' as const,
      approvedAt: panelId,
      proposedBy: form.proposedBy!,
      secondedBy: form.secondedBy || null,
    };
    await this.send(request, response, panelId, user, body, 'approval', form, undefined, form.minutesOf);
  }

  private async send(
    request: PageRequest,
    response: Response,
    panelId: string,
    user: User,
    body: PanelCommandMessage['body'],
    done: keyof typeof DONE,
    form: Form,
    field?: string,
    streamOf = panelId,
  ): Promise<void> {
    const key = form.formKey && /^[0-9a-f-]{36}$/.test(form.formKey) ? `${form.formKey}:minutes-${done}:${form.itemId ?? ''}` : undefined;
    try {
      await this.commands.execute(new PanelCommandMessage(streamOf, body, pageCommandContext(request, user, key)));
    } catch (error) {
      const refusal = refusalOf(error, (code) => field ?? FIELDS[done]?.[code] ?? FIRST_FIELD[done] ?? 'present');
      if (!refusal) throw error;
      return this.refuse(request, response, panelId, user, [refusal.error], form, refusal.status);
    }
    response.redirect(303, `/app/panels/${panelId}/minutes?done=${done}`);
  }

  private async refuse(
    request: PageRequest,
    response: Response,
    panelId: string,
    user: User,
    errors: FormError[],
    typed: Form,
    status = 400,
  ) {
    await this.render(request, response, await this.of(panelId, user), { errors, typed }, status);
  }

  private async of(panelId: string, user: User): Promise<MinutesModel> {
    const minutes = await this.minutes.of(panelId, user);
    if (!minutes) throw new DomainError('PANEL.NOT_FOUND', 'there is no such panel meeting');
    return minutes;
  }

  private documentHtml(minutes: MinutesModel, cspNonce: string): string {
    const documentTitle = `Minutes: ${minutes.title}, ${minutes.date}`;
    return this.environment.render('panels/minutes-document.njk', { minutes, documentTitle, cspNonce });
  }

  private render(request: PageRequest, response: Response, minutes: MinutesModel, extra: Record<string, unknown>, status = 200) {
    return this.pages.render(
      request,
      response,
      'panels/minutes.njk',
      {
        pageTitle: `Minutes: ${minutes.title}, ${minutes.date} – ${minutes.planTitle}`,
        minutes,
        kinds: ITEM_KIND_CHOICES,
        options,
        formKey: uuidv7(),
        typed: {},
        ...extra,
      },
      status,
    );
  }
}

const fileName = (minutes: MinutesModel) => fileStem(`minutes-${minutes.title}-${minutes.date}`);
