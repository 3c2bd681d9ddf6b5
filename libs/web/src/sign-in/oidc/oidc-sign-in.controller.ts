import { Get, Inject, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { PageController } from '../../page/page.decorators';
import { PageRenderer } from '../../page/page-renderer';
import type { PageRequest } from '../../page/page-request';
import { safeReturnTo } from '../../page/return-to';
import { ErrorPages } from '../../errors/error-pages';
import { OidcSignIn } from './oidc-sign-in';
import { REFUSAL_PAGES, refusalOf } from './oidc-sign-in-error';
import { OIDC_SIGN_IN_SETTINGS, type OidcSignInSettings } from './oidc-sign-in';

/**
 * Where the organisation's provider sends the browser back: `${PUBLIC_URL}/sign-in/oidc/callback`,
 * the redirect URI registered there. A refusal (not this browser's sign-in, consent denied, no role
 * here, a disabled user) is a page in words with a way to try again, never a stack trace.
 */
@PageController()
export class OidcSignInController {
  constructor(
    private readonly signIn: OidcSignIn,
    private readonly pages: PageRenderer,
    private readonly errors: ErrorPages,
    @Inject(OIDC_SIGN_IN_SETTINGS) private readonly settings: OidcSignInSettings,
  ) {}

  @Get('sign-in/oidc/callback')
  async callback(@Req() request: PageRequest, @Res() response: Response): Promise<void> {
    const query = new URLSearchParams(request.originalUrl.split('?')[1] ?? '');
    try {
      const returnTo = await this.signIn.finish(request, response, query);
      response.redirect(303, safeReturnTo(returnTo));
    } catch (error) {
      const refused = refusalOf(error);
      if (!refused) return this.errors.answer(error, request, response);
      const { status, title } = REFUSAL_PAGES[refused.refusal];
      await this.pages.render(
        request,
        response,
        'sign-in/oidc/oidc-refused.njk',
        {
          pageTitle: title,
          refusal: refused.refusal,
          detail: refused.detail,
          providerName: this.settings.providerName,
          emailedLinks: !this.settings.only,
        },
        status,
      );
    }
  }
}
