import { Body, Get, NotFoundException, Param, Post, Query, Req, Res } from '@nestjs/common';
import { headerRowOf, IMPORT_LIMITS, ImportInvalidError, ImportRefusedError, PlanImporter, type ImportReport } from '@actionplans/import';
import type { Response } from 'express';
import type { FormError } from '../page/nunjucks';
import { FormWithFile, PageController, SignedIn } from '../page/page.decorators';
import { PageRenderer } from '../page/page-renderer';
import { uploadedFile, type PageRequest } from '../page/page-request';
import { formContext, type Form } from './form-context';
import { sentence } from './form-refusals';
import { columnsNeeded } from './import-columns';
import {
  columnRows,
  createdRows,
  formatOf,
  importFormValues,
  mappingFingerprint,
  problemErrors,
  readImportOptions,
  readSheet,
} from './import-form';
import { ImportUploads, type ImportUpload } from './import-uploads';
import { schemeChoices } from './manage-views';

const tooLarge: FormError = { field: 'sheet', text: `The selected file must be smaller than ${IMPORT_LIMITS.bytes / 1024 / 1024} MB` };

/**
 * Importing a plan from a spreadsheet, as `POST /plans/import` does it: the file and options are
 * dry-run (every problem by row and column, what would be created, how each lead was matched);
 * "Confirm import" then commits the same upload, kept server-side, without sending it again.
 */
@PageController('app/plans/import')
@SignedIn('plan manager', 'admin')
export class PlanImportPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly importer: PlanImporter,
    private readonly uploads: ImportUploads,
  ) {}

  @Get()
  async show(@Req() request: PageRequest, @Res() response: Response, @Query('from') from?: string): Promise<void> {
    const earlier = from ? await this.uploads.find(request.user!.userId, from) : undefined;
    await this.form(request, response, earlier ? importFormValues(earlier.options) : { kind: 'inspection' }, []);
  }

  @Post()
  @FormWithFile('sheet', IMPORT_LIMITS.bytes)
  async upload(@Req() request: PageRequest, @Res() response: Response, @Body() form: Form): Promise<void> {
    const { options, errors } = readImportOptions(form);
    const format = uploadedFile(request) === 'tooLarge' ? tooLarge : formatOf(request.file);
    if (typeof format !== 'string') errors.unshift(format);
    if (errors.length > 0 || typeof format !== 'string') return this.form(request, response, form, errors, 400);
    const sheet = await readSheet(format, request.file!.buffer);
    if ('field' in sheet) return this.form(request, response, form, [sheet], 422);
    const file = { name: request.file!.originalname, format, bytes: request.file!.buffer };
    const uploadId = await this.uploads.keep(request.user!.userId, file, options);
    // A sheet whose needed columns have headers the papers do not use asks which they are before the dry run.
    const next = columnsNeeded(headerRowOf(sheet, options.read.mapping), options.read.mapping) ? '/columns' : '';
    response.redirect(303, `/app/plans/import/${uploadId}${next}`);
  }

  /** The dry run of an upload (run again on the kept file: what is stored may have changed), or what its import stored. */
  @Get(':uploadId')
  async report(@Req() request: PageRequest, @Res() response: Response, @Param('uploadId') uploadId: string): Promise<void> {
    const upload = await this.kept(request, uploadId);
    if (upload.outcome) return this.done(request, response, upload);
    await this.dryRun(request, response, upload, []);
  }

  @Post(':uploadId')
  async confirm(@Req() request: PageRequest, @Res() response: Response, @Param('uploadId') uploadId: string, @Body() form: Form) {
    const upload = await this.kept(request, uploadId);
    if (upload.outcome) return response.redirect(303, `/app/plans/import/${uploadId}`);
    if (form.sha256 !== upload.sha256) throw new NotFoundException('that upload is not the one confirmed');
    if (form.columns !== mappingFingerprint(upload.options.read.mapping)) {
      const changed = { field: 'confirm', text: 'The columns were changed after this check was shown: check the import again below' };
      return this.dryRun(request, response, upload, [changed], 409);
    }
    const sheet = await readSheet(upload.format, upload.bytes);
    if ('field' in sheet) return this.dryRun(request, response, upload, [sheet], 422);
    try {
      const outcome = await this.importer.commit({ sheet }, upload.options, formContext(request, form));
      await this.uploads.confirmed(uploadId, { planId: outcome.planId, stored: outcome.stored });
    } catch (error) {
      if (error instanceof ImportInvalidError) return this.dryRun(request, response, upload, [], 422);
      if (error instanceof ImportRefusedError)
        return this.dryRun(request, response, upload, [{ field: 'confirm', text: sentence(error.message) }], 409);
      throw error;
    }
    response.redirect(303, `/app/plans/import/${uploadId}`);
  }

  private async kept(request: PageRequest, uploadId: string): Promise<ImportUpload> {
    const upload = /^[0-9a-f]{32}$/.test(uploadId) ? await this.uploads.find(request.user!.userId, uploadId) : undefined;
    if (!upload) throw new NotFoundException('no such upload');
    return upload;
  }

  private form(request: PageRequest, response: Response, values: Form, errors: FormError[], status = 200) {
    return this.pages.render(
      request,
      response,
      'manage/import.njk',
      { pageTitle: 'Import a plan', values, errors, schemes: schemeChoices() },
      status,
    );
  }

  private async dryRun(request: PageRequest, response: Response, upload: ImportUpload, refused: FormError[], status = 200): Promise<void> {
    const sheet = await readSheet(upload.format, upload.bytes);
    const report: ImportReport | null =
      'field' in sheet ? null : await this.importer.dryRun({ sheet }, upload.options, new Date().toISOString());
    const errors = [...refused, ...(report ? problemErrors(report) : [])];
    await this.pages.render(
      request,
      response,
      'manage/import-report.njk',
      {
        pageTitle: `Check the import – ${upload.options.plan.title}`,
        upload: { uploadId: upload.uploadId, sha256: upload.sha256, fileName: upload.fileName, bytes: upload.bytes.length },
        columns: mappingFingerprint(upload.options.read.mapping),
        columnRows: report ? columnRows(report) : [],
        plan: upload.options.plan,
        report,
        created: report ? createdRows(report, upload.options, new Date().toISOString().slice(0, 10)) : [],
        sends: report?.sends ? Object.entries(report.sends) : [],
        errors,
      },
      status,
    );
  }

  private async done(request: PageRequest, response: Response, upload: ImportUpload): Promise<void> {
    const { planId, stored } = upload.outcome!;
    await this.pages.render(request, response, 'manage/import-done.njk', {
      pageTitle: `Plan imported – ${upload.options.plan.title}`,
      plan: upload.options.plan,
      planId,
      fileName: upload.fileName,
      stored: Object.entries(stored),
    });
  }
}
