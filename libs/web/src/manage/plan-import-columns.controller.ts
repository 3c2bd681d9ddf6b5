import { Body, Get, NotFoundException, Param, Post, Req, Res } from '@nestjs/common';
import { headerRowOf, type ColumnMapping, type Field, type HeaderRow, type Sheet } from '@actionplans/import';
import type { Response } from 'express';
import type { FormError } from '../page/nunjucks';
import { PageController, SignedIn } from '../page/page.decorators';
import { PageRenderer } from '../page/page-renderer';
import type { PageRequest } from '../page/page-request';
import type { Form } from './form-context';
import { chosenColumns, columnSelects, exampleRow, readColumnMapping } from './import-columns';
import { readSheet } from './import-form';
import { ImportUploads, type ImportUpload } from './import-uploads';

/** An upload whose columns are being chosen: its sheet, the mapping kept with it, and the sheet's header row. */
interface OpenUpload {
  kept: ImportUpload;
  sheet: Sheet;
  mapping: ColumnMapping;
  found: HeaderRow | null;
}

/**
 * "Check the columns": which of the sheet's own columns holds each field the importer reads, as
 * the API's `mapping` says it. Shown after an upload whose needed columns were not found by the
 * papers' usual headers, and from the dry run's report whenever a person wants to change them.
 * The choice is kept with the upload: the dry run runs again with it, and confirming commits with it.
 */
@PageController('app/plans/import')
@SignedIn('plan manager', 'admin')
export class PlanImportColumnsController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly uploads: ImportUploads,
  ) {}

  @Get(':uploadId/columns')
  async show(@Req() request: PageRequest, @Res() response: Response, @Param('uploadId') uploadId: string): Promise<void> {
    const upload = await this.open(request, uploadId);
    if (upload === 'imported') return response.redirect(303, `/app/plans/import/${uploadId}`);
    const { chosen, notFound } = upload.found ? chosenColumns(upload.found, upload.mapping) : { chosen: {}, notFound: {} };
    await this.render(request, response, upload, chosen, notFound, []);
  }

  @Post(':uploadId/columns')
  async choose(@Req() request: PageRequest, @Res() response: Response, @Param('uploadId') uploadId: string, @Body() form: Form) {
    const upload = await this.open(request, uploadId);
    if (upload === 'imported' || !upload.found) return response.redirect(303, `/app/plans/import/${uploadId}`);
    const { mapping, chosen, errors } = readColumnMapping(form, upload.found);
    if (errors.length > 0) return this.render(request, response, upload, chosen, {}, errors, 400);
    const { options } = upload.kept;
    await this.uploads.reoptioned(uploadId, { ...options, read: { ...options.read, mapping } });
    response.redirect(303, `/app/plans/import/${uploadId}`);
  }

  /** The user's own upload not yet imported, with its sheet's header row (null: the sheet has none to map). */
  private async open(request: PageRequest, uploadId: string): Promise<OpenUpload | 'imported'> {
    const kept = /^[0-9a-f]{32}$/.test(uploadId) ? await this.uploads.find(request.user!.userId, uploadId) : undefined;
    if (!kept) throw new NotFoundException('no such upload');
    if (kept.outcome) return 'imported';
    const sheet = await readSheet(kept.format, kept.bytes);
    if ('field' in sheet) throw new NotFoundException('the upload cannot be read');
    const mapping = kept.options.read.mapping ?? {};
    return { kept, sheet, mapping, found: headerRowOf(sheet, mapping) };
  }

  private async render(
    request: PageRequest,
    response: Response,
    upload: OpenUpload,
    chosen: Partial<Record<Field, string>>,
    notFound: Partial<Record<Field, string>>,
    errors: FormError[],
    status = 200,
  ): Promise<void> {
    const { kept, sheet, found } = upload;
    await this.pages.render(
      request,
      response,
      'manage/import-columns.njk',
      {
        pageTitle: `Check the columns – ${kept.options.plan.title}`,
        upload: { uploadId: kept.uploadId, fileName: kept.fileName },
        plan: kept.options.plan,
        headerRow: found?.headerRow,
        columns: found ? exampleRow(sheet, found) : [],
        selects: found ? columnSelects(found, chosen, notFound) : [],
        errors,
      },
      status,
    );
  }
}
