import { Get, NotFoundException, Param, Query, Req, Res } from '@nestjs/common';
import { xlsxSheets } from '@actionplans/import';
import { actionsTable, comparedLines, PlanIndex, PlanReports, toCsv, type PlanPicture, type RatedLine } from '@actionplans/read-models';
import { dayInWords } from '../page/dates';
import { fileStem } from '../documents/file-name';
import type { Response } from 'express';
import { PageController, SignedIn } from '../page/page.decorators';
import { PageRenderer } from '../page/page-renderer';
import type { PageRequest } from '../page/page-request';
import { filtered } from './plan-filters';
import { planPageView } from './plan-page.view';
import { planPageQuery, type PlanPageQuery } from './plan-query';
import { planListItem } from './plan-list.view';

const today = () => new Date().toISOString().slice(0, 10);

/**
 * The plans a board member, auditor or anyone signed in reads: the list, and one plan's tree,
 * summary, disagreements, filters, as-at and comparison, and its export. Every figure comes from
 * PlanReports, the service the API's plan reports answer from: today from the report tables, any
 * past day from the plan's streams in one read.
 */
@PageController('app/plans')
export class PlanPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly plans: PlanIndex,
    private readonly reports: PlanReports,
  ) {}

  @Get()
  @SignedIn()
  async list(@Req() request: PageRequest, @Res() response: Response): Promise<void> {
    // A plan the report tables have not reached yet (created a moment ago) is listed once they have.
    const pictures = await Promise.all(this.plans.list().map(async (entry) => ({ entry, picture: await this.today(entry.planId) })));
    const plans = pictures.flatMap(({ entry, picture }) => (picture ? [planListItem(entry, picture)] : []));
    await this.pages.render(request, response, 'plans/plans.njk', { pageTitle: 'Plans', plans });
  }

  @Get(':planId')
  @SignedIn()
  async show(
    @Param('planId') planId: string,
    @Query() raw: Record<string, unknown>,
    @Req() request: PageRequest,
    @Res() response: Response,
  ): Promise<void> {
    const query = planPageQuery(raw, today());
    const { picture, compared } = await this.pictures(planId, query);
    const changes = query.compareWith ? await this.changesBetween(planId, picture, query.compareWith, query.history) : undefined;
    const view = planPageView({ picture, compared, changes, query, raw });
    await this.pages.render(request, response, 'plans/plan.njk', { ...view }, query.errors.length ? 400 : 200);
  }

  /** The actions shown (filters and days as on the page) as CSV or xlsx, in the columns of the API's action report. */
  @Get(':planId/export')
  @SignedIn()
  async export(@Param('planId') planId: string, @Query() raw: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const query = planPageQuery(raw, today());
    const { picture, compared } = await this.pictures(planId, query);
    const { header, rows } = exportTable(picture, compared, query);
    const xlsx = raw.format === 'xlsx';
    const body = xlsx ? await xlsxSheets.write(header, rows) : Buffer.from(toCsv(header, rows));
    response.setHeader('Content-Type', xlsx ? xlsxSheets.contentType : 'text/csv; charset=utf-8');
    const stem = `${fileStem(picture.report.title).slice(0, 60) || 'plan'}-actions-${picture.report.asAt}`;
    response.setHeader('Content-Disposition', `attachment; filename="${stem}.${xlsx ? 'xlsx' : 'csv'}"`);
    response.setHeader('Cache-Control', 'no-store');
    response.end(body);
  }

  /** The plan on the day asked (today if none) and on the day compared with, if any (null: it did not exist then). */
  private async pictures(planId: string, query: PlanPageQuery) {
    if (!this.plans.entry(planId)) throw new NotFoundException();
    const basis = { history: query.history, status: query.statusBasis };
    let picture = query.asAt ? await this.reports.pictureOnDay(planId, query.asAt, basis) : await this.today(planId, query);
    if (!picture && query.asAt) {
      // A day before the plan existed is a wrong answer to the form's question, said beside the field; today is shown meanwhile.
      query.errors.push({ field: 'asAt-day', text: `The plan did not exist yet on ${dayInWords(query.asAt)}: choose a later day` });
      query.asAt = undefined;
      picture = await this.today(planId, query);
    }
    if (!picture) throw new NotFoundException();
    const compared = query.compareWith ? await this.reports.pictureOnDay(planId, query.compareWith, basis) : undefined;
    return { picture, compared };
  }

  private today(planId: string, query?: PlanPageQuery): Promise<PlanPicture | null> {
    return this.reports.livePicture(planId, query?.statusBasis);
  }

  /** What changed from the earlier of the two days to the later, on the page's history basis. */
  private async changesBetween(planId: string, picture: PlanPicture, compareWith: string, history: PlanPageQuery['history']) {
    const [from, to] = [picture.report.asAt, compareWith].sort();
    return { from, to, changes: await this.reports.changes(planId, from, to, history) };
  }
}

function exportTable(picture: PlanPicture, compared: PlanPicture | null | undefined, query: PlanPageQuery) {
  const { report, groupings, plan } = picture;
  const shown = <L extends RatedLine>(lines: L[]) => filtered(lines, query.filters, groupings, report.asAt, plan);
  if (compared === undefined) return actionsTable(shown(report.actions), report);
  return actionsTable(shown(comparedLines(report, query.compareWith!, compared?.report ?? null)), report, [report.asAt, query.compareWith]);
}
