import { Controller, Get, Headers, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { User } from '@actionplans/auth';
import {
  actionsTable,
  behindSchedule,
  comparedLines,
  comparedSummary,
  PlanReports,
  RestrictedEvidence,
  summaryTable,
  toCsv,
  type ExportLine,
  type PlanReport,
} from '@actionplans/read-models';
import { EVENT_STORE, type ConfiguredEventStore } from '@actionplans/event-store';
import { CurrentUser } from '../auth/auth.decorators';
import { problem, ProblemError } from '../http/problem';
import { actionStream } from '@actionplans/domain';
import { AsAtQuery, basesOf, ChangesQuery } from './report.request.dto';

const wantsCsv = (query: AsAtQuery, accept?: string) => query.format === 'csv' || (!query.format && /\btext\/csv\b/.test(accept ?? ''));

/** What boards and auditors read: the summary, the action list, what is behind, what waits for the panel, what changed. */
@ApiTags('reports')
@ApiBearerAuth()
@Controller()
export class PlanReportsController {
  constructor(
    private readonly reports: PlanReports,
    @Inject(EVENT_STORE) private readonly store: ConfiguredEventStore,
    private readonly restricted: RestrictedEvidence,
  ) {}

  /** "X of Y complete": counts and percentages for every status, overall and per top-level grouping; today or as at a date. */
  @Get('plans/:planId/summary')
  @ApiProduces('application/json', 'text/csv')
  async summary(
    @Param('planId') planId: string,
    @Query() query: AsAtQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    const report = await this.reports.report(planId, query.asAt, basesOf(query.basis));
    const { actions: _, ...withoutActions } = report;
    const other = query.compareWith ? await this.reports.onDay(planId, query.compareWith, basesOf(query.basis)) : undefined;
    if (!wantsCsv(query, accept))
      return other === undefined ? withoutActions : { ...withoutActions, compareWith: comparedSummary(query.compareWith!, other) };
    const { header, rows } = summaryTable(report, other === undefined ? undefined : { asAt: query.compareWith!, report: other });
    const days = other === undefined ? report.asAt : `${report.asAt}-${query.compareWith}`;
    return csv(response, `summary-${days}.csv`, toCsv(header, rows));
  }

  /** Every action with its status and reason; today or as at a date; JSON or CSV. */
  @Get('plans/:planId/actions')
  @ApiProduces('application/json', 'text/csv')
  async actions(
    @Param('planId') planId: string,
    @Query() query: AsAtQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    const report = await this.reports.report(planId, query.asAt, basesOf(query.basis));
    const other = query.compareWith ? await this.reports.onDay(planId, query.compareWith, basesOf(query.basis)) : undefined;
    const lines = other === undefined ? report.actions : comparedLines(report, query.compareWith!, other);
    return wantsCsv(query, accept)
      ? csv(response, `actions-${report.asAt}.csv`, actionsCsv(lines, report, [report.asAt, query.compareWith]))
      : { ...listOf(report, lines), ...(other === undefined ? {} : { compareWith: query.compareWith }) };
  }

  /** Off track or at risk, with why and the owner's latest word (mitigation). */
  @Get('plans/:planId/behind-schedule')
  async behind(
    @Param('planId') planId: string,
    @Query() query: AsAtQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    const report = await this.reports.report(planId, query.asAt, basesOf(query.basis));
    const behind = behindSchedule(report.actions);
    return wantsCsv(query, accept)
      ? csv(response, `behind-schedule-${report.asAt}.csv`, actionsCsv(behind, report))
      : listOf(report, behind);
  }

  /** Actions submitted for sign-off, by the panel meeting they are tabled at (null: not yet tabled). */
  @Get('plans/:planId/awaiting-sign-off')
  awaiting(@Param('planId') planId: string) {
    return this.reports.awaitingSignOff(planId);
  }

  /** What changed between the ends of two days: status moves, date revisions, sign-offs, reopenings, new and withdrawn actions. */
  @Get('plans/:planId/changes')
  async changes(@Param('planId') planId: string, @Query() query: ChangesQuery) {
    if (query.from > query.to)
      throw new ProblemError(
        problem(400, 'REQUEST.INVALID', 'from: must not be after to', [{ field: 'from', problem: 'must not be after to' }]),
      );
    const basis = query.basis ?? 'effective';
    return { planId, from: query.from, to: query.to, basis, changes: await this.reports.changes(planId, query.from, query.to, basis) };
  }

  /**
   * Every event of the action as a readable timeline: who, in what role, what, when it happened, when it was recorded, why.
   * Restricted evidence is named only to its owners, its panel and auditors; others read that some was attached.
   */
  @Get('actions/:actionId/history')
  @ApiOkResponse({ description: 'The timeline, oldest first.' })
  async history(@Param('actionId') actionId: string, @CurrentUser() reader: User) {
    const events = await this.store.readStream(actionStream(actionId));
    if (events.length === 0) throw new ProblemError(problem(404, 'ACTION.NOT_FOUND', 'there is no such action'));
    return { actionId, entries: this.restricted.history(actionId, events, reader) };
  }
}

const listOf = (report: PlanReport, actions: unknown[]) => ({
  planId: report.planId,
  title: report.title,
  asAt: report.asAt,
  basis: report.basis,
  statusBasis: report.statusBasis,
  actions,
});

function csv(response: Response, filename: string, body: string): string {
  response.setHeader('Content-Type', 'text/csv; charset=utf-8');
  response.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  return body;
}

/** With two days, each line gives its computed status and rating on both, side by side. */
function actionsCsv(actions: ExportLine[], on: PlanReport, days: Array<string | undefined> = []): string {
  const { header, rows } = actionsTable(actions, on, days);
  return toCsv(header, rows);
}
