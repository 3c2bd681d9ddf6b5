import { Body, Get, Post, Query, Req, Res } from '@nestjs/common';
import { UserDirectory } from '@actionplans/auth';
import type { Response } from 'express';
import { momentInWords } from '../page/dates';
import { PageController, SignedIn } from '../page/page.decorators';
import { PageRenderer } from '../page/page-renderer';
import type { PageRequest } from '../page/page-request';
import { clientLines } from '../session/session-client';
import { SessionStore } from '../session/session-store';
import type { Form } from './admin-forms';

/**
 * Who is signed in, in which browser and from where, and ending it: ending a session signs that
 * browser out on its next page. Sessions are not events, so nothing is added to any history.
 * Where a session came from is what its sign-in request said (address and User-Agent), kept with it.
 */
@PageController('app/admin/sessions')
@SignedIn('admin')
export class SessionsController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly store: SessionStore,
    private readonly users: UserDirectory,
  ) {}

  @Get()
  async list(@Req() request: PageRequest, @Res() response: Response, @Query('ended') ended?: string): Promise<void> {
    const sessions = (await this.store.list(new Date())).map((session) => ({
      id: session.id,
      user: this.users.get(session.userId!) ?? { userId: session.userId, name: 'Unknown user', role: null },
      started: momentInWords(session.createdAt),
      lastSeen: momentInWords(session.lastSeenAt),
      from: clientLines(session.client),
      thisBrowser: session.id === request.webSession?.id,
    }));
    const endedCount = ended !== undefined && /^\d+$/.test(ended) ? Number(ended) : undefined;
    await this.pages.render(request, response, 'admin/sessions.njk', { pageTitle: 'Sessions', sessions, ended: endedCount });
  }

  @Post('end')
  async end(@Res() response: Response, @Body() form: Form): Promise<void> {
    const known = (await this.store.list(new Date())).some((session) => session.id === form.sessionId);
    if (known) await this.store.end(form.sessionId!);
    response.redirect(303, `/app/admin/sessions?ended=${known ? 1 : 0}`);
  }

  @Post('end-all')
  async endAll(@Res() response: Response, @Body() form: Form): Promise<void> {
    const ended = form.userId ? await this.store.endSessions(form.userId) : 0;
    response.redirect(303, `/app/admin/sessions?ended=${ended}`);
  }
}
