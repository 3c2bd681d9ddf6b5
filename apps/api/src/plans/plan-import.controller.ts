import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  csvSheets,
  IMPORT_LIMITS,
  ImportInvalidError,
  ImportRefusedError,
  ImportTooLargeError,
  PlanImporter,
  planSheet,
  UnreadableSheetError,
  xlsxSheets,
  type ImportInput,
  type ImportRequest,
} from '@actionplans/import';
import { Roles } from '../auth/auth.decorators';
import { Ctx, type RequestContext } from '../commands/request-context';
import { problem, ProblemError } from '../http/problem';
import { validation } from '../http/validation';
import { StreamReader } from '@actionplans/read-models';
import { ExportQuery, ImportOptionsRequest, ImportPlanRequest, ImportQuery } from './plan-import.request.dto';

const XLSX = xlsxSheets.contentType;

/** A whole plan in and out as a spreadsheet (plan managers and admins). */
@ApiTags('plans')
@ApiBearerAuth()
@Controller('plans')
export class PlanImportController {
  constructor(
    private readonly importer: PlanImporter,
    private readonly reader: StreamReader,
  ) {}

  /**
   * Imports a plan: an xlsx or CSV file as the body (options as `?options=` JSON), or JSON rows.
   * `?dryRun=true` answers every problem and what would be created, storing nothing; otherwise
   * nothing is stored unless every row is valid (422 `IMPORT.INVALID` with the problems). A command
   * refused part way (a race) answers 409 `IMPORT.REFUSED` naming its row and column, with what was
   * stored: the same request again finishes the import.
   */
  @Post('import')
  @HttpCode(200)
  @Roles('admin', 'plan manager')
  @ApiConsumes('application/json', XLSX, 'text/csv')
  @ApiBody({ type: ImportPlanRequest })
  async import(@Req() request: Request, @Query() query: ImportQuery, @Ctx() context: RequestContext) {
    const { input, options } = await this.read(request, query);
    try {
      if (query.dryRun === 'true') return await this.importer.dryRun(input, options, context.now);
      const outcome = await this.importer.commit(input, options, context);
      return { importId: outcome.importId, planId: outcome.planId, stored: outcome.stored, report: outcome.report };
    } catch (error) {
      throw asProblem(error);
    }
  }

  /** The plan as a sheet the import reads back unchanged. */
  @Get(':planId/export')
  @Roles('admin', 'plan manager')
  @ApiProduces(XLSX, 'text/csv')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async export(@Param('planId') planId: string, @Query() query: ExportQuery, @Res() response: Response): Promise<void> {
    const { state } = await this.reader.plan(planId);
    if (state.stage === 'none') throw new ProblemError(problem(404, 'PLAN.NOT_FOUND', 'there is no such plan'));
    const actions = await this.reader.planActions(planId, state);
    const { header, rows } = planSheet(state, actions);
    const sheets = query.format === 'csv' ? csvSheets : xlsxSheets;
    response.setHeader('Content-Type', sheets.contentType);
    response.setHeader('Content-Disposition', `attachment; filename="plan-${planId}.${query.format ?? 'xlsx'}"`);
    response.send(await sheets.write(header, rows));
  }

  private async read(request: Request, query: ImportQuery): Promise<{ input: ImportInput; options: ImportRequest }> {
    const type = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    try {
      if (type === XLSX || type === 'text/csv') {
        const given = await options(query.options);
        const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const sheet = await (type === XLSX ? xlsxSheets : csvSheets).read(bytes);
        return { input: { sheet }, options: importRequest(given) };
      }
      tooManyRows(request.body);
      const body = (await validation.transform(request.body, { type: 'body', metatype: ImportPlanRequest })) as ImportPlanRequest;
      return { input: { rows: body.rows }, options: importRequest(body) };
    } catch (error) {
      throw asProblem(error);
    }
  }
}

/** More JSON rows than an import takes is too large, as a file of that many rows is, not a bad field. */
function tooManyRows(body: unknown): void {
  const rows = (body as { rows?: unknown } | null)?.rows;
  if (Array.isArray(rows) && rows.length > IMPORT_LIMITS.rows)
    throw new ImportTooLargeError(`the body has ${rows.length.toLocaleString('en-GB')} rows`);
}

async function options(text: string | undefined): Promise<ImportOptionsRequest> {
  if (text === undefined || text.trim() === '') {
    const needed = 'is required: the import\'s options as JSON in ?options=, at least { "plan": { "title", "kind", "source" } }';
    throw new ProblemError(problem(400, 'REQUEST.INVALID', `options: ${needed}`, [{ field: 'options', problem: needed }]));
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text ?? '');
  } catch {
    throw new ProblemError(
      problem(400, 'REQUEST.INVALID', 'options: must be JSON naming at least the plan', [{ field: 'options', problem: 'must be JSON' }]),
    );
  }
  try {
    return (await validation.transform(parsed, { type: 'body', metatype: ImportOptionsRequest })) as ImportOptionsRequest;
  } catch (error) {
    throw withinOptions(error);
  }
}

/** The options came in `?options=`: each field is named inside it (`options.mapping.reference`), as the sender wrote it. */
function withinOptions(error: unknown): unknown {
  if (!(error instanceof ProblemError) || !error.problem.errors) return error;
  const errors = error.problem.errors.map((each) => ({ ...each, field: each.field === 'body' ? 'options' : `options.${each.field}` }));
  const { status, code } = error.problem;
  return new ProblemError(problem(status, code, errors.map((each) => `${each.field}: ${each.problem}`).join('; '), errors));
}

function importRequest(given: ImportOptionsRequest): ImportRequest {
  const { plan, importKey, paper, createdOn, mapping, statuses, groupingKinds } = given;
  return {
    plan: { ...plan, source: { ...plan.source, judgement: plan.source.judgement ?? null } },
    importKey,
    paper,
    createdOn,
    read: { mapping, statuses, statusLabels: plan.statusLabels as Record<string, string> | undefined, groupingKinds },
  };
}

function asProblem(error: unknown): unknown {
  if (error instanceof ImportTooLargeError) return new ProblemError(problem(413, error.code, error.message));
  if (error instanceof UnreadableSheetError)
    return new ProblemError(problem(422, error.code, `body: ${error.message}`, [{ field: 'body', problem: error.message }]));
  if (error instanceof ImportInvalidError) {
    return new ProblemError({
      ...problem(
        422,
        error.code,
        error.message,
        error.report.problems.map((p) => ({ field: `row ${p.row ?? '-'} column ${p.column ?? '-'}`, problem: `${p.code}: ${p.problem}` })),
      ),
      report: error.report,
    } as ReturnType<typeof problem>);
  }
  if (error instanceof ImportRefusedError) {
    const { problem: where, stored } = error;
    const field = `row ${where.row ?? '-'} column ${where.column ?? '-'}`;
    return new ProblemError({
      ...problem(409, error.code, error.message, [{ field, problem: `${where.code}: ${where.problem}` }]),
      refused: where,
      stored,
    } as ReturnType<typeof problem>);
  }
  return error;
}
