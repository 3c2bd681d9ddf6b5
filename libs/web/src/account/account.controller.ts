import { Get, Post, Query, Req, Res } from '@nestjs/common';
import type { User } from '@actionplans/auth';
import type { Response } from 'express';
import { momentInWords } from '../page/dates';
import { CurrentUser, PageController, SignedIn } from '../page/page.decorators';
import { PageRenderer } from '../page/page-renderer';
import type { PageRequest } from '../page/page-request';
import { clientLines } from '../session/session-client';
import { Sessions } from '../session/sessions';

/**
 * The signed-in person's own account: who they are here, where they are signed in, and signing
 * out of their other browsers (a laptop left signed in elsewhere) or of every one.
 */
@PageController('account')
@SignedIn()
export class AccountController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly sessions: Sessions,
  ) {}

  @Get()
  async show(@Req() request: PageRequest, @Res() response: Response, @CurrentUser() user: User, @Query('ended') ended?: string) {
    const sessions = (await this.sessions.store.list(new Date(), user.userId)).map((session) => ({
      from: clientLines(session.client),
      started: momentInWords(session.createdAt),
      lastSeen: momentInWords(session.lastSeenAt),
      thisBrowser: session.id === request.webSession?.id,
    }));
    // This browser first: it is the one the person knows, and the others are what they may end.
    sessions.sort((a, b) => Number(b.thisBrowser) - Number(a.thisBrowser));
    await this.pages.render(request, response, 'account/account.njk', {
      pageTitle: 'Your account',
      sessions,
      others: sessions.filter((session) => !session.thisBrowser).length,
      ended: ended !== undefined && /^\d+$/.test(ended) ? Number(ended) : undefined,
    });
  }

  @Post('sign-out-others')
  async signOutOthers(@Req() request: PageRequest, @Res() response: Response, @CurrentUser() user: User): Promise<void> {
    const ended = await this.sessions.store.endOtherSessions(user.userId, request.webSession!.id);
    response.redirect(303, `/account?ended=${ended}`);
  }

  @Post('sign-out-everywhere')
  async signOutEverywhere(@Req() request: PageRequest, @Res() response: Response, @CurrentUser() user: User): Promise<void> {
    await this.sessions.store.endSessions(user.userId);
    await this.sessions.signOut(request, response);
    response.redirect(303, '/signed-out');
  }
}
