import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { newId } from '@actionplans/commands';
import type { PackMeeting } from '@actionplans/domain';
import { CommitteePacks, StreamReader, type CommitteePack, type IssuedPack, type PackRequest } from '@actionplans/read-models';
import { hashOfCopy, PACK_CSP, PackDocuments, PackIssuer, PdfPrinter, PdfUnavailableError } from '@actionplans/web';
import { ChangesNothing } from '../auth/auth.decorators';
import { Ctx, type RequestContext } from '../commands/request-context';
import { reply } from '../http/command-reply';
import { CommandResponse } from '../http/command.response.dto';
import { problem, ProblemError } from '../http/problem';
import { IssuePackRequest, PackQuery, VerifyPackRequest } from './pack.request.dto';

const today = () => new Date().toISOString().slice(0, 10);
const packNotFound = () => new ProblemError(problem(404, 'PACK.NOT_FOUND', 'there is no such issued pack'));

/** Committee packs (ADR 34): prepared as at a day on a basis, issued to a meeting, made again as issued, and copies checked against them. */
@ApiTags('packs')
@ApiBearerAuth()
@Controller()
export class PacksController {
  constructor(
    private readonly packs: CommitteePacks,
    private readonly documents: PackDocuments,
    private readonly printer: PdfPrinter,
    private readonly issuer: PackIssuer,
    private readonly reader: StreamReader,
  ) {}

  /** The plan's committee pack as it would be issued now: JSON (the model and its hash), HTML (`Accept: text/html`) or PDF (`Accept: application/pdf`). */
  @Get('plans/:planId/pack')
  @ApiProduces('application/json', 'text/html', 'application/pdf')
  async prepare(@Param('planId') planId: string, @Query() query: PackQuery, @Req() request: Request, @Res() response: Response) {
    const { pack } = await this.packs.prepare(planId, await this.requestOf(planId, query));
    await this.answer(request, response, pack, {});
  }

  /** The plan's committee pack as a PDF printed by Chromium; 503 where Chromium cannot be used here (the HTML still works). */
  @Get('plans/:planId/pack.pdf')
  @ApiProduces('application/pdf')
  async preparePdf(@Param('planId') planId: string, @Query() query: PackQuery, @Res() response: Response) {
    const { pack } = await this.packs.prepare(planId, await this.requestOf(planId, query));
    await this.pdf(response, pack);
  }

  /** Issues the pack to a meeting: records who issued it, its inputs and the hash of its content. */
  @Post('plans/:planId/packs')
  @ApiCreatedResponse({ type: CommandResponse })
  async issue(
    @Param('planId') planId: string,
    @Body() body: IssuePackRequest,
    @Ctx() context: RequestContext,
    @Res({ passthrough: true }) response: Response,
  ) {
    if (body.asAt > context.now.slice(0, 10)) throw invalid('asAt', 'must not be after today');
    const meeting = await this.meetingOf(body);
    const request: PackRequest = {
      asAt: body.asAt,
      basis: body.basis,
      compareWith: body.compareWith ?? null,
      exceptionsOnly: body.exceptionsOnly ?? false,
      cover: { title: body.cover.title.trim(), purpose: body.cover.purpose, recommendations: body.cover.recommendations },
      meeting: { name: meeting.name, date: meeting.recorded.date },
    };
    const packId = newId(context, 'pack');
    const { outcome, hash } = await this.issuer.issue(planId, request, meeting.recorded, packId, context);
    return { ...reply(response, outcome, `/packs/${packId}`, packId), hash };
  }

  /**
   * The packs issued of the plan, oldest first, each with whom it was issued to and its hash. A pack
   * the engine made on the plan's schedule (ADR 37) has `scheduled: { daysBefore }`, and once mailed
   * `sent: { to, notReached, pdf, sentAt }`.
   */
  @Get('plans/:planId/packs')
  @ApiOkResponse({
    description:
      'The issued packs, oldest first; scheduled ones with `scheduled` and, once mailed to the plan’s managers, `sent` (who got it, who could not be reached and why, whether its PDF went).',
  })
  async list(@Param('planId') planId: string): Promise<{ planId: string; packs: IssuedPack[] }> {
    if ((await this.reader.plan(planId)).state.stage === 'none')
      throw new ProblemError(problem(404, 'PLAN.NOT_FOUND', 'there is no such plan'));
    return { planId, packs: await this.packs.issued(planId) };
  }

  /** An issued pack as a PDF (declared first: `packs/:packId` would take `<id>.pdf` as an id). */
  @Get('packs/:packId.pdf')
  @ApiProduces('application/pdf')
  async getPdf(@Param('packId') packId: string, @Res() response: Response) {
    const issued = await this.packs.find(packId);
    if (!issued) throw packNotFound();
    await this.pdf(response, await this.packs.reissue(issued));
  }

  /** An issued pack made again from what its issue recorded; `matches` says it hashes as it did. JSON, HTML or PDF. */
  @Get('packs/:packId')
  @ApiProduces('application/json', 'text/html', 'application/pdf')
  async get(@Param('packId') packId: string, @Req() request: Request, @Res() response: Response) {
    const issued = await this.packs.find(packId);
    if (!issued) throw packNotFound();
    await this.answer(request, response, await this.packs.reissue(issued), { issued });
  }

  /** Whether a copy (its HTML, or the hash it prints) is a pack that was issued, and which. */
  @Post('packs/verify')
  @HttpCode(200)
  @ChangesNothing()
  async verify(@Body() body: VerifyPackRequest) {
    const fromCopy = body.html === undefined ? undefined : hashOfCopy(body.html);
    if (fromCopy === null) throw invalid('html', 'is not a committee pack: it has no pack footer');
    const hash = fromCopy ?? body.hash!;
    const printed =
      body.html === undefined ? null : (/SHA-256 of this pack's content: <strong>([0-9a-f]{64})<\/strong>/.exec(body.html)?.[1] ?? null);
    const matches = await this.packs.withHash(hash);
    return {
      hash,
      matches: matches.length > 0,
      ...(printed === null ? {} : { footerMatches: printed === hash }),
      packs: matches.map(({ packId, planId, inputs, meeting, issuedBy, issuedAt }) => ({
        packId,
        planId,
        asAt: inputs.asAt,
        basis: inputs.basis,
        meeting,
        issuedBy,
        issuedAt,
      })),
    };
  }

  private async answer(request: Request, response: Response, pack: CommitteePack, extra: { issued?: IssuedPack }) {
    const kind = request.accepts(['application/json', 'text/html', 'application/pdf']);
    if (kind === 'application/pdf') return this.pdf(response, pack);
    const { html, hash } = this.documents.committeePack(pack);
    response.setHeader('Cache-Control', 'no-store');
    if (kind === 'text/html') {
      response.status(200).setHeader('Content-Type', 'text/html; charset=utf-8');
      response.setHeader('Content-Security-Policy', PACK_CSP);
      response.end(html);
      return;
    }
    const issued = extra.issued ? { issued: extra.issued, matches: extra.issued.hash === hash } : {};
    response.status(200).json({ hash, ...issued, pack });
  }

  private async pdf(response: Response, pack: CommitteePack) {
    const { html, hash } = this.documents.committeePack(pack);
    let pdf: Buffer;
    try {
      pdf = await this.printer.print(html);
    } catch (error) {
      if (!(error instanceof PdfUnavailableError)) throw error;
      throw new ProblemError(
        problem(
          503,
          'PACK.PDF_UNAVAILABLE',
          `the PDF cannot be made on this server: ${error.message}; ask for the HTML (Accept: text/html), the master copy`,
        ),
      );
    }
    response.status(200).setHeader('Content-Type', 'application/pdf');
    response.setHeader('Content-Disposition', `attachment; filename="pack-${pack.asAt}-${hash.slice(0, 12)}.pdf"`);
    response.setHeader('Cache-Control', 'no-store');
    response.end(pdf);
  }

  private async requestOf(planId: string, query: PackQuery): Promise<PackRequest> {
    const asAt = query.asAt ?? today();
    if (asAt > today()) throw invalid('asAt', 'must not be after today');
    const title = query.title?.trim() || `${(await this.reader.plan(planId)).state.title}: progress report`;
    return {
      asAt,
      basis: query.basis,
      compareWith: query.compareWith ?? null,
      exceptionsOnly: query.exceptionsOnly ?? false,
      cover: { title, purpose: query.purpose ?? '', recommendations: query.recommendations ?? [] },
      meeting: { name: query.meeting?.trim() || NO_MEETING.name, date: query.meetingDate ?? asAt },
    };
  }

  private async meetingOf(body: IssuePackRequest): Promise<{ name: string; recorded: PackMeeting }> {
    const { panelId, board, date } = body.meeting;
    if (panelId !== undefined) {
      if (board !== undefined) throw invalid('meeting.board', 'name a panel meeting or a board, not both');
      const panel = await this.reader.panel(panelId);
      if (!panel) throw new ProblemError(problem(422, 'PACK.UNKNOWN_MEETING', `meeting.panelId: there is no panel meeting ${panelId}`));
      return { name: panel.title, recorded: { panelId, board: null, date: panel.date } };
    }
    return { name: board!.trim(), recorded: { panelId: null, board: board!, date: date! } };
  }
}

const NO_MEETING = { name: 'Not yet issued to a meeting', date: '' };

const invalid = (field: string, why: string) =>
  new ProblemError(problem(400, 'REQUEST.INVALID', `${field}: ${why}`, [{ field, problem: why }]));
