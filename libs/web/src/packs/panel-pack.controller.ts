import { Get, Param, Req, Res } from '@nestjs/common';
import type { User } from '@actionplans/auth';
import { DomainError } from '@actionplans/domain';
import type { Response } from 'express';
import { PdfPrinter } from '../documents/pdf-printer';
import { CurrentUser, PageController, SignedIn } from '../page/page.decorators';
import { PageRenderer } from '../page/page-renderer';
import type { PageRequest } from '../page/page-request';
import { MeetingPages } from '../panels/meeting.page';
import { MinutesPages } from '../panels/minutes.page';
import { PackDocuments } from './pack-document';
import { sendPackHtml, sendPackPdf } from './pack-responses';

/**
 * The panel pack of a meeting: its agenda, each tabled action with the evidence before the panel
 * (titles and SHA-256 hashes, restricted items redacted for this reader exactly as the meeting page
 * and the API redact them) and its earlier challenge points with the owner's answers. HTML, and a
 * PDF printed from it.
 */
@PageController('app/panels')
@SignedIn()
export class PanelPackController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly meetings: MeetingPages,
    private readonly minutes: MinutesPages,
    private readonly documents: PackDocuments,
    private readonly printer: PdfPrinter,
  ) {}

  @Get(':panelId/pack')
  async html(@Param('panelId') panelId: string, @CurrentUser() user: User, @Req() request: PageRequest, @Res() response: Response) {
    sendPackHtml(this.pages, request, response, await this.rendered(panelId, user));
  }

  @Get(':panelId/pack/pdf')
  async pdf(@Param('panelId') panelId: string, @CurrentUser() user: User, @Req() request: PageRequest, @Res() response: Response) {
    const html = await this.rendered(panelId, user);
    const problem = await sendPackPdf(this.printer, response, { html, hash: panelId });
    if (problem) {
      const context = { pageTitle: 'The PDF cannot be made here', problem, href: `/app/panels/${panelId}/pack` };
      await this.pages.render(request, response, 'packs/pack-unavailable.njk', context, 503);
    }
  }

  private async rendered(panelId: string, user: User): Promise<string> {
    const [meeting, minutes] = await Promise.all([this.meetings.of(panelId, user), this.minutes.of(panelId, user)]);
    if (!meeting || !minutes) throw new DomainError('PANEL.NOT_FOUND', 'there is no such panel meeting');
    return this.documents.panelPack({ meeting, agenda: minutes.items.map((item) => ({ kind: item.kind, heading: item.heading })) });
  }
}
