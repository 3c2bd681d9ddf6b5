import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { UserDirectory, type User } from '@actionplans/auth';
import { DomainError } from '@actionplans/domain';
import { CommitteePacks, PlanIndex, StreamReader, type CommitteePack, type IssuedPack } from '@actionplans/read-models';
import type { Response } from 'express';
import { v7 as uuidv7 } from 'uuid';
import { PdfPrinter } from '../documents/pdf-printer';
import { PackIssuer } from './pack-issuer';
import { pageCommandContext } from '../page/command-context';
import type { FormError } from '../page/nunjucks';
import { CurrentUser, PageController, SignedIn } from '../page/page.decorators';
import { PageRenderer } from '../page/page-renderer';
import type { PageRequest } from '../page/page-request';
import { refusalOf } from '../panels/panel-forms';
import { readPackForm, recordedMeeting, type PackForm } from './pack-form';
import { PackDocuments } from './pack-document';
import { sendPackHtml, sendPackPdf } from './pack-responses';
import { dayInWords } from '../page/dates';

const today = () => new Date().toISOString().slice(0, 10);
const MANAGES = ['plan manager', 'admin'];

/**
 * A plan's committee pack (ADR 34): the form that prepares it (as at, basis, cover), its preview
 * as HTML or PDF, issuing it to a meeting, and the packs issued so far.
 */
@PageController('app/plans')
@SignedIn()
export class PackPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly packs: CommitteePacks,
    private readonly documents: PackDocuments,
    private readonly printer: PdfPrinter,
    private readonly issuer: PackIssuer,
    private readonly reader: StreamReader,
    private readonly plans: PlanIndex,
    private readonly users: UserDirectory,
  ) {}

  @Get(':planId/pack')
  async show(
    @Param('planId') planId: string,
    @Query('done') done: string | undefined,
    @Req() request: PageRequest,
    @Res() response: Response,
  ) {
    await this.render(request, response, planId, { done: done === 'issued' ? 'Pack issued and recorded' : undefined });
  }

  /** Preview (HTML), PDF or issue, by the button pressed; the form works without JavaScript. */
  @Post(':planId/pack')
  async send(
    @Param('planId') planId: string,
    @Body() body: Record<string, string | undefined>,
    @CurrentUser() user: User,
    @Req() request: PageRequest,
    @Res() response: Response,
  ) {
    const title = await this.planTitle(planId);
    const issuing = body.intent === 'issue';
    const form = readPackForm(body, today(), title, issuing);
    if (form.errors.length) return this.render(request, response, planId, { errors: form.errors, typed: form.typed }, 400);
    if (!issuing) {
      const { pack } = await this.packs.prepare(planId, form.request);
      return body.intent === 'pdf'
        ? this.pdf(request, response, planId, pack)
        : sendPackHtml(this.pages, request, response, this.documents.committeePack(pack).html);
    }
    return this.issue(planId, form, user, request, response, body.formKey);
  }

  private async issue(planId: string, form: PackForm, user: User, request: PageRequest, response: Response, formKey?: string) {
    const panelDate = form.meeting && 'panelId' in form.meeting ? ((await this.reader.panel(form.meeting.panelId))?.date ?? null) : null;
    const meeting = recordedMeeting(form.meeting!, panelDate);
    const name = 'panelId' in form.meeting! ? ((await this.reader.panel(form.meeting.panelId))?.title ?? '') : form.meeting!.board;
    const key = formKey && /^[0-9a-f-]{36}$/.test(formKey) ? `${formKey}:issue-pack` : undefined;
    const context = pageCommandContext(request, user, key);
    try {
      await this.issuer.issue(planId, { ...form.request, meeting: { name, date: meeting.date } }, meeting, uuidv7(), context);
    } catch (error) {
      const refusal = refusalOf(error, (code) => (code === 'PACK.UNKNOWN_MEETING' ? 'panelId' : 'board'));
      if (!refusal) throw error;
      return this.render(request, response, planId, { errors: [refusal.error], typed: form.typed }, refusal.status);
    }
    response.redirect(303, `/app/plans/${planId}/pack?done=issued`);
  }

  private async pdf(request: PageRequest, response: Response, planId: string, pack: CommitteePack) {
    const problem = await sendPackPdf(this.printer, response, this.documents.committeePack(pack));
    if (problem) await this.render(request, response, planId, { problem }, 503);
  }

  /** Who issued a pack, or, for one the engine made on the plan's schedule, whom it was emailed to and who it could not reach. */
  private issuedBy(pack: IssuedPack): string {
    const name = (userId: string) => this.users.get(userId)?.name ?? userId;
    if (!pack.scheduled) return name(pack.issuedBy.id);
    if (!pack.sent) return 'Made on the plan’s schedule; not emailed yet';
    const to = pack.sent.to.map((recipient) => `${name(recipient.userId)} (${recipient.email})`);
    const missed = pack.sent.notReached.map((miss) => `${name(miss.userId)}: ${miss.why}`);
    return [
      `Made on the plan’s schedule and emailed${pack.sent.pdf ? ' with its PDF' : ''} to ${to.join(', ') || 'nobody'}`,
      ...(missed.length ? [`Not reached: ${missed.join('; ')}`] : []),
    ].join('. ');
  }

  /** The plan's pack schedule in words, with the next board date it will make a pack for. */
  private scheduleLine(planId: string): string | null {
    const entry = this.plans.entry(planId);
    if (!entry?.packSchedule) return null;
    const { daysBefore, board } = entry.packSchedule;
    const next = entry.boardDates.find((date) => date >= today());
    const when = `${daysBefore} ${daysBefore === 1 ? 'day' : 'days'} before each board date`;
    return `The engine makes this plan’s pack for the ${board} ${when} and emails it to the plan’s managers. ${
      next ? `The next board date is ${dayInWords(next)}.` : 'No board date to come is set.'
    }${entry.stage === 'active' ? '' : ' Nothing is sent until the plan is active.'}`;
  }

  private async planTitle(planId: string): Promise<string> {
    const { state } = await this.reader.plan(planId);
    if (state.stage === 'none') throw new DomainError('PLAN.NOT_FOUND', 'there is no such plan');
    return state.title;
  }

  private async render(
    request: PageRequest,
    response: Response,
    planId: string,
    extra: { errors?: FormError[]; typed?: unknown; done?: string; problem?: string },
    status = 200,
  ) {
    const title = await this.planTitle(planId);
    const meetings = await Promise.all((this.plans.entry(planId)?.panelIds ?? []).map((panelId) => this.reader.panel(panelId)));
    const issued = await this.packs.issued(planId);
    await this.pages.render(
      request,
      response,
      'packs/pack.njk',
      {
        pageTitle: `Committee pack – ${title}`,
        planId,
        planTitle: title,
        meetings: meetings.flatMap((meeting) => (meeting ? [{ value: meeting.panelId, text: `${meeting.title}, ${meeting.date}` }] : [])),
        issued: [...issued].reverse().map((pack) => ({ ...pack, by: this.issuedBy(pack) })),
        schedule: this.scheduleLine(planId),
        mayIssue: MANAGES.includes(request.user?.role ?? ''),
        formKey: uuidv7(),
        typed: {},
        errors: [],
        ...extra,
      },
      status,
    );
  }
}
