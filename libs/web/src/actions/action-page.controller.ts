import { Get, NotFoundException, Param, Query, Req, Res } from '@nestjs/common';
import type { User } from '@actionplans/auth';
import { FileStore, recordRestrictedReads } from '@actionplans/commands';
import { CommandBus } from '@nestjs/cqrs';
import { RestrictedEvidence } from '@actionplans/read-models';
import type { Response } from 'express';
import { CurrentUser, PageController, SignedIn } from '../page/page.decorators';
import { PageForbiddenError } from '../page/page-errors';
import { PageRenderer } from '../page/page-renderer';
import type { PageRequest } from '../page/page-request';
import { ActionPages } from './action-page';

/** What the action page says after a form was sent; only these, so nothing a link carries is shown. */
const DONE: Record<string, string> = {
  progress: 'Your progress update has been recorded',
  evidence: 'The evidence has been added',
  revision: 'Your new target date has been sent to a plan manager for approval',
  submission: 'The action has been submitted for sign-off: the evidence challenge panel will decide on it',
  approval: 'Approval to close has been recorded',
  delegated: 'The sign-off has been proposed: it counts once a second plan manager confirms it',
};

/** An action's page, its full history, and the files its evidence carries, for anyone signed in. */
@PageController('app/actions/:actionId')
@SignedIn()
export class ActionPageController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly actions: ActionPages,
    private readonly files: FileStore,
    private readonly restricted: RestrictedEvidence,
    private readonly commands: CommandBus,
  ) {}

  @Get()
  async show(
    @Req() request: PageRequest,
    @Res() response: Response,
    @CurrentUser() user: User,
    @Param('actionId') actionId: string,
    @Query('done') done?: string,
  ): Promise<void> {
    const page = await this.actions.of(actionId, user);
    await this.pages.render(request, response, 'actions/action.njk', {
      pageTitle: `Action ${page.reference} – ${page.plan.title}`,
      page,
      done: typeof done === 'string' ? DONE[done] : undefined,
    });
  }

  @Get('history')
  async history(@Req() request: PageRequest, @Res() response: Response, @CurrentUser() user: User, @Param('actionId') actionId: string) {
    const page = await this.actions.withHistory(actionId, user);
    await this.pages.render(request, response, 'actions/history.njk', { pageTitle: `History – Action ${page.reference}`, page });
  }

  /**
   * A file's bytes, under the name it was attached with, to whoever may read that piece of evidence (as `GET /files/{sha256}`);
   * a download of restricted evidence is recorded on the action first, as the API records it.
   */
  @Get('evidence/:evidenceId/file')
  async file(
    @Req() request: PageRequest,
    @Res() response: Response,
    @CurrentUser() user: User,
    @Param('actionId') actionId: string,
    @Param('evidenceId') evidenceId: string,
  ): Promise<void> {
    const page = await this.actions.of(actionId, user);
    const item = page.action.evidence.find((evidence) => evidence.evidenceId === evidenceId);
    if (!item?.file) throw new NotFoundException('there is no such file');
    if (item.redacted || !(await this.restricted.mayReadFile(user, item.file.sha256))) {
      throw new PageForbiddenError('This file is restricted evidence: only the action’s owners, its panel and auditors may read it.');
    }
    const bytes = await this.files.size(item.file.sha256);
    if (bytes === null) throw new NotFoundException('the file is not stored here');
    if (item.restricted) {
      const read = { actionId, evidenceId, sha256: item.file.sha256 };
      await recordRestrictedReads(this.commands, [read], { userId: user.userId, role: user.role }, requestIdOf(request));
    }
    response.setHeader('Content-Type', 'application/octet-stream');
    response.setHeader('Content-Length', String(bytes));
    response.attachment(item.file.name ?? item.file.sha256);
    this.files.open(item.file.sha256).pipe(response);
  }
}

/** The id the request log gave this request, so the recorded read names it as the API's events do. */
const requestIdOf = (request: PageRequest) => {
  const id = (request as { id?: unknown }).id;
  return typeof id === 'string' ? id : undefined;
};
