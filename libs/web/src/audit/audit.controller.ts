import { Get, Inject, NotFoundException, Param, Query, Req, Res } from '@nestjs/common';
import { UserDirectory } from '@actionplans/auth';
import { actionStream } from '@actionplans/domain';
import { EVENT_STORE, type EventStore } from '@actionplans/event-store';
import {
  actionHistory,
  PlanAudit,
  PlanIndex,
  planHistory,
  RestrictedEvidenceIndex,
  restrictedReads,
  type PlanHistoryEntry,
} from '@actionplans/read-models';
import type { Response } from 'express';
import { CurrentUser, PageController, SignedIn } from '../page/page.decorators';
import { PageRenderer } from '../page/page-renderer';
import type { PageRequest } from '../page/page-request';
import type { User } from '@actionplans/auth';
import { historyLines, pageOf, restrictedReadRows } from './history-lines';
import { StreamLabels } from './stream-labels';
import { asAtErrors, asAtTarget } from './as-at-form';

const READS_RESTRICTED: readonly User['role'][] = ['auditor', 'admin'];

/**
 * What an auditor checks of a plan: its whole history, its hash chains as stored, its audit bundle
 * to take away, and a way to the plan as it stood on a day. The same queries as the API's
 * (`GET /plans/{id}/verify`, `/audit-bundle`, `/actions/{id}/history`), for the same roles.
 */
@PageController('app/audit')
@SignedIn('auditor', 'admin', 'plan manager')
export class AuditController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly plans: PlanIndex,
    private readonly audit: PlanAudit,
    private readonly restricted: RestrictedEvidenceIndex,
    private readonly users: UserDirectory,
    private readonly labels: StreamLabels,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Get()
  async choose(@Req() request: PageRequest, @Res() response: Response): Promise<void> {
    const plans = this.plans.list().map((plan) => ({ planId: plan.planId, title: plan.title, actions: plan.actionIds.length }));
    await this.pages.render(request, response, 'audit/plans.njk', { pageTitle: 'Audit', plans });
  }

  @Get('plans/:planId')
  async plan(
    @Req() request: PageRequest,
    @Res() response: Response,
    @Param('planId') planId: string,
    @CurrentUser() reader: User,
    @Query('page') page?: string,
  ): Promise<void> {
    const history = await planHistory(this.store, this.plans, this.restricted, planId, reader, this.users);
    if (!history) throw new NotFoundException();
    const shown = pageOf<PlanHistoryEntry>(history.entries, page, `/app/audit/plans/${encodeURIComponent(planId)}`);
    // Who downloaded restricted case material is for auditors and admins, as `GET /plans/{id}/restricted-reads` is.
    const reads = READS_RESTRICTED.includes(reader.role)
      ? await restrictedReads(this.store, this.plans, this.restricted, planId, reader)
      : null;
    await this.pages.render(request, response, 'audit/plan-history.njk', {
      pageTitle: `History – ${history.title}`,
      plan: history,
      lines: historyLines(shown.items, this.users),
      pagination: shown.pagination,
      range: shown.range,
      mayDownload: reader.role === 'auditor',
      restrictedReads: reads && restrictedReadRows(reads.reads, this.users),
    });
  }

  @Get('plans/:planId/verify')
  async verify(@Req() request: PageRequest, @Res() response: Response, @Param('planId') planId: string): Promise<void> {
    const verification = await this.audit.verify(planId);
    if (!verification) throw new NotFoundException();
    const label = await this.labels.forPlan(planId);
    await this.pages.render(request, response, 'audit/verify.njk', {
      pageTitle: `Hash-chain check – ${this.plans.entry(planId)!.title}`,
      plan: this.plans.entry(planId),
      verification,
      streams: verification.streams.map((check) => ({ ...check, label: label(check.stream) })),
      broken: verification.break && { ...verification.break, label: verification.break.stream ? label(verification.break.stream) : null },
    });
  }

  /** The same file as `GET /plans/{id}/audit-bundle` and `actionplans export-audit`: every event as stored, so for auditors only. */
  @Get('plans/:planId/audit-bundle')
  @SignedIn('auditor')
  async bundle(@Res() response: Response, @Param('planId') planId: string): Promise<void> {
    const file = await this.audit.bundle(planId, new Date());
    if (!file) throw new NotFoundException();
    response.setHeader('Content-Type', 'application/json; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="${file.fileName}"`);
    response.setHeader('Cache-Control', 'no-store');
    response.send(file.text);
  }

  /** The as-at form (a GET, so an auditor may use it): on to the plan page as it stood on that day. */
  @Get('plans/:planId/as-at')
  async asAt(
    @Req() request: PageRequest,
    @Res() response: Response,
    @Param('planId') planId: string,
    @Query() form: Record<string, string>,
  ) {
    const plan = this.plans.entry(planId);
    if (!plan) throw new NotFoundException();
    const errors = asAtErrors(form);
    if (errors.length === 0) return response.redirect(303, asAtTarget(planId, form));
    await this.pages.render(
      request,
      response,
      'audit/as-at.njk',
      { pageTitle: `Plan as at a day – ${plan.title}`, plan, form, errors },
      400,
    );
  }

  @Get('actions/:actionId')
  async action(@Req() request: PageRequest, @Res() response: Response, @Param('actionId') actionId: string, @CurrentUser() reader: User) {
    const events = await this.store.readStream(actionStream(actionId));
    if (events.length === 0) throw new NotFoundException();
    const planId = this.plans.planOf(actionId);
    const references = (events[0].data as { references?: string[] }).references ?? [];
    await this.pages.render(request, response, 'audit/action-history.njk', {
      pageTitle: `History – Action ${references.join(', ')} – ${planId ? this.plans.entry(planId)?.title : ''}`,
      actionId,
      references,
      description: (events[0].data as { description?: string }).description,
      plan: planId ? this.plans.entry(planId) : undefined,
      lines: historyLines(actionHistory(reader, actionId, events, this.restricted, this.users), this.users),
    });
  }
}
