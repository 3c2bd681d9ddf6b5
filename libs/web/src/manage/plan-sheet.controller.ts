import { Get, NotFoundException, Param, Query, Res } from '@nestjs/common';
import { csvSheets, planSheet, xlsxSheets } from '@actionplans/import';
import { StreamReader } from '@actionplans/read-models';
import type { Response } from 'express';
import { fileStem } from '../documents/file-name';
import { PageController, SignedIn } from '../page/page.decorators';

/**
 * The plan as the sheet the import reads back unchanged: the same sheet as the API's
 * `GET /plans/{id}/export`, read the same way, named after the plan.
 */
@PageController('app/plans')
@SignedIn('plan manager', 'admin')
export class PlanSheetController {
  constructor(private readonly reader: StreamReader) {}

  @Get(':planId/import-sheet')
  async sheet(@Param('planId') planId: string, @Query('format') format: unknown, @Res() response: Response): Promise<void> {
    const { state } = await this.reader.plan(planId);
    if (state.stage === 'none') throw new NotFoundException('there is no such plan');
    const { header, rows } = planSheet(state, await this.reader.planActions(planId, state));
    const csv = format === 'csv';
    const sheets = csv ? csvSheets : xlsxSheets;
    response.setHeader('Content-Type', sheets.contentType);
    response.setHeader(
      'Content-Disposition',
      `attachment; filename="${fileStem(state.title).slice(0, 80) || 'plan'}.${csv ? 'csv' : 'xlsx'}"`,
    );
    response.setHeader('Cache-Control', 'no-store');
    response.end(await sheets.write(header, rows));
  }
}
