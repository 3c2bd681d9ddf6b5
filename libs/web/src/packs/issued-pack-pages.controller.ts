import { Get, Param, Req, Res } from '@nestjs/common';
import { DomainError } from '@actionplans/domain';
import { CommitteePacks } from '@actionplans/read-models';
import type { Response } from 'express';
import { PdfPrinter } from '../documents/pdf-printer';
import { PageController, SignedIn } from '../page/page.decorators';
import { PageRenderer } from '../page/page-renderer';
import type { PageRequest } from '../page/page-request';
import { PackDocuments } from './pack-document';
import { sendPackHtml, sendPackPdf } from './pack-responses';

/** An issued pack, made again from what its issue recorded (ADR 34): its HTML, and its PDF. */
@PageController('app/packs')
@SignedIn()
export class IssuedPackPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly packs: CommitteePacks,
    private readonly documents: PackDocuments,
    private readonly printer: PdfPrinter,
  ) {}

  @Get(':packId')
  async html(@Param('packId') packId: string, @Req() request: PageRequest, @Res() response: Response) {
    sendPackHtml(this.pages, request, response, (await this.rendered(packId)).html);
  }

  @Get(':packId/pdf')
  async pdf(@Param('packId') packId: string, @Req() request: PageRequest, @Res() response: Response) {
    const problem = await sendPackPdf(this.printer, response, await this.rendered(packId));
    if (problem)
      await this.pages.render(
        request,
        response,
        'packs/pack-unavailable.njk',
        { pageTitle: 'The PDF cannot be made here', problem, packId },
        503,
      );
  }

  private async rendered(packId: string) {
    const issued = await this.packs.find(packId);
    if (!issued) throw new DomainError('PACK.NOT_FOUND', 'there is no such issued pack');
    return this.documents.committeePack(await this.packs.reissue(issued));
  }
}
