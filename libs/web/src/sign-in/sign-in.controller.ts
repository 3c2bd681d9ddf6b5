import { Body, Get, Inject, Optional, Param, Post, Query, Req, Res } from '@nestjs/common';
import { FailedSignIns, UserDirectory } from '@actionplans/auth';
import { LiveIndex } from '@actionplans/read-models';
import type { Response } from 'express';
import type { FormError } from '../page/nunjucks';
import { PageController } from '../page/page.decorators';
import { PageRenderer } from '../page/page-renderer';
import type { PageRequest } from '../page/page-request';
import { safeReturnTo } from '../page/return-to';
import { Sessions } from '../session/sessions';
import { DIRECTORY_SIGN_IN, type DirectorySignIn } from './directory-sign-in';
import { SignInLinks } from './sign-in-links';
import { SignInRequests } from './sign-in-requests';

type Form = Record<string, string | undefined>;

/**
 * Signing in and out. Without a directory: the person asks for a link by email, opens it, and
 * presses Continue (a GET never signs in, so a mail scanner opening the link does not use it up).
 */
@PageController()
export class SignInController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly sessions: Sessions,
    private readonly requests: SignInRequests,
    private readonly links: SignInLinks,
    private readonly users: UserDirectory,
    private readonly index: LiveIndex,
    @Optional() @Inject(DIRECTORY_SIGN_IN) private readonly directory?: DirectorySignIn,
    @Optional() private readonly failures?: FailedSignIns,
  ) {}

  @Get('sign-in')
  async show(
    @Req() request: PageRequest,
    @Res() response: Response,
    @Query('returnTo') returnTo?: string,
    @Query('ended') ended?: string,
  ): Promise<void> {
    if (request.user) return response.redirect(303, safeReturnTo(returnTo));
    await this.pages.render(request, response, 'sign-in/sign-in.njk', {
      pageTitle: 'Sign in',
      returnTo: safeReturnTo(returnTo),
      // Sent here by a form whose session had lapsed; what was typed is kept only on this browser's session.
      sessionEnded: ended === '1',
      formKept: ended === '1' && Boolean(request.webSession?.keptForm),
      directory: this.directory?.buttonText,
      directoryOnly: this.directory?.only,
    });
  }

  @Post('sign-in')
  async ask(@Req() request: PageRequest, @Res() response: Response, @Body() form: Form): Promise<void> {
    const returnTo = safeReturnTo(form.returnTo);
    // WEB_SIGN_IN=oidc: no link is emailed; the page offers only the directory.
    if (this.directory?.only) return response.redirect(303, `/sign-in?returnTo=${encodeURIComponent(returnTo)}`);
    const email = (form.email ?? '').trim();
    const errors = emailErrors(email);
    if (errors.length > 0) {
      const directory = this.directory?.buttonText;
      return this.pages.render(request, response, 'sign-in/sign-in.njk', { pageTitle: 'Sign in', returnTo, email, errors, directory }, 400);
    }
    if (!(await this.requests.request(email, returnTo === '/' ? null : returnTo, request.ip ?? 'unknown'))) {
      return this.pages.render(request, response, 'sign-in/too-many.njk', { pageTitle: 'Too many requests for a sign-in link' }, 429);
    }
    await this.pages.render(request, response, 'sign-in/check-email.njk', { pageTitle: 'Check your email', email, returnTo });
  }

  // A link, not a form: the Content-Security-Policy (form-action) would stop a form's redirect to the directory.
  @Get('sign-in/directory')
  async startDirectory(@Req() request: PageRequest, @Res() response: Response, @Query('returnTo') returnTo?: string): Promise<void> {
    if (!this.directory) return response.redirect(303, '/sign-in');
    await this.directory.start(request, response, safeReturnTo(returnTo));
  }

  @Get('sign-in/link/:token')
  async showLink(@Req() request: PageRequest, @Res() response: Response, @Param('token') token: string): Promise<void> {
    await this.pages.render(request, response, 'sign-in/continue.njk', { pageTitle: 'Continue to sign in', token });
  }

  @Post('sign-in/link')
  async useLink(@Req() request: PageRequest, @Res() response: Response, @Body() form: Form): Promise<void> {
    // Links no one was sent count against the address, as wrong API tokens do: an address over the limit tries no more for a minute.
    const address = request.ip ?? 'unknown';
    const wait = this.failures?.retryAfter(address, Date.now()) ?? 0;
    if (wait > 0) {
      response.setHeader('Retry-After', String(wait));
      return this.pages.render(
        request,
        response,
        'sign-in/too-many.njk',
        { pageTitle: 'Too many sign-in links that do not work', waitSeconds: wait },
        429,
      );
    }
    const redeemed = await this.links.redeem(form.token ?? '', new Date());
    if (!redeemed.ok && redeemed.why === 'unknown') this.failures?.record(address, Date.now());
    const user = redeemed.ok ? await this.userOf(redeemed.userId) : undefined;
    if (!redeemed.ok || !user || user.disabled) {
      const why = redeemed.ok ? 'disabled' : redeemed.why;
      const returnTo = safeReturnTo(redeemed.returnTo);
      return this.pages.render(request, response, 'sign-in/link-refused.njk', { pageTitle: REFUSED_TITLES[why], why, returnTo }, 400);
    }
    await this.sessions.signIn(request, response, user);
    response.redirect(303, safeReturnTo(redeemed.returnTo));
  }

  /** The user a link was made for: one added a moment ago (by `actionplans users add`) may not have reached this process yet. */
  private async userOf(userId: string) {
    return this.users.get(userId) ?? ((await this.index.catchUpToHead(2_000)) ? this.users.get(userId) : undefined);
  }

  /** Ends the session here, then, for a session begun at the directory, sends the browser to sign out there too. */
  @Post('sign-out')
  async signOut(@Req() request: PageRequest, @Res() response: Response): Promise<void> {
    const next = this.directory ? await this.directory.signOut(request) : '/signed-out';
    await this.sessions.signOut(request, response);
    response.redirect(303, next);
  }

  @Get('signed-out')
  async signedOut(@Req() request: PageRequest, @Res() response: Response, @Query('provider') provider?: string): Promise<void> {
    await this.pages.render(request, response, 'sign-in/signed-out.njk', {
      pageTitle: 'You have signed out',
      stillAtDirectory:
        this.directory && provider === 'still-signed-in' ? this.directory.buttonText.replace(/^Sign in with /, '') : undefined,
    });
  }
}

const REFUSED_TITLES = {
  unknown: 'This sign-in link does not work',
  used: 'This sign-in link has already been used',
  expired: 'This sign-in link has expired',
  disabled: 'This sign-in link does not work',
};

function emailErrors(email: string): FormError[] {
  if (!email) return [{ field: 'email', text: 'Enter your email address' }];
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 320)
    return [{ field: 'email', text: 'Enter an email address in the correct format, like name@example.com' }];
  return [];
}
