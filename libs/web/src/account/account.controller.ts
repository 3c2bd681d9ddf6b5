import { Get, Post, Req, Res } from '@nestjs/common';
import type { User } from '@actionplans/auth';
import type { Response } from 'express';
import { CurrentUser, PageController, SignedIn } from '../page/page.decorators';
import { PageRenderer } from '../page/page-renderer';
import type { PageRequest } from '../page/page-request';
import { Sessions } from '../session/sessions';

/** The signed-in person's own account: who they are here, and signing out on every device. */
@PageController('account')
@SignedIn()
export class AccountController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly sessions: Sessions,
  ) {}

  @Get()
  async show(@Req() request: PageRequest, @Res() response: Response, @CurrentUser() user: User): Promise<void> {
    const sessions = (await this.sessions.store.list(new Date())).filter((session) => session.userId === user.userId);
    await this.pages.render(request, response, 'account/account.njk', { pageTitle: 'Your account', sessionCount: sessions.length });
  }

  @Post('sign-out-everywhere')
  async signOutEverywhere(@Req() request: PageRequest, @Res() response: Response, @CurrentUser() user: User): Promise<void> {
    await this.sessions.store.endSessions(user.userId);
    await this.sessions.signOut(request, response);
    response.redirect(303, '/signed-out');
  }
}
