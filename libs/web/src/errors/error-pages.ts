import { HttpException, Injectable, Logger } from '@nestjs/common';
import { DomainError } from '@actionplans/domain';
import { CommandRefusedError } from '@actionplans/event-store';
import type { Response } from 'express';
import { FormExpiredError, PageForbiddenError, SessionEndedError, SignInRequiredError } from '../page/page-errors';
import { PageRenderer } from '../page/page-renderer';
import type { PageRequest } from '../page/page-request';
import { newSecret } from '../session/session-store';
import { Sessions } from '../session/sessions';

/** Refusals about who is acting, as the API's problem filter reads them. */
const FORBIDDING = /\.(NOT_OWNER|NOT_PLAN_MANAGER|PANEL_DECIDES|NOT_ADMIN|NOT_CHAIR|NOT_PRESENT|FILE_RESTRICTED)$/;

/** The pages errors are shown on; each has a title of its own. */
const TEMPLATES = { 403: 'errors/forbidden.njk', 404: 'errors/not-found.njk', 500: 'errors/server-error.njk' } as const;

/**
 * Errors on page routes as pages in the layout: 403 and 404 in words, anything unforeseen as the
 * 500 page (logged, nothing internal shown), and "sign in first" as a redirect to sign-in that
 * comes back. The API's problem documents are not used here.
 */
@Injectable()
export class ErrorPages {
  private readonly logger = new Logger('pages');

  constructor(
    private readonly pages: PageRenderer,
    private readonly sessions: Sessions,
  ) {}

  async answer(error: unknown, request: PageRequest, response: Response): Promise<void> {
    if (error instanceof SignInRequiredError || (error instanceof HttpException && error.getStatus() === 401)) {
      response.redirect(303, `/sign-in?returnTo=${encodeURIComponent(returnToAfter(error, request))}`);
      return;
    }
    if (error instanceof SessionEndedError) return this.signInAgain(error, request, response);
    if (error instanceof FormExpiredError) {
      return this.show(request, response, 403, { formExpired: true, referer: error.page ?? sameSitePath(request) });
    }
    if (error instanceof PageForbiddenError) return this.show(request, response, 403, { detail: error.message });
    const status = statusOf(error);
    if (status === 403 || status === 404) return this.show(request, response, status, {});
    if (status >= 400 && status < 500) return this.show(request, response, 500, { status, detail: detailOf(error) });
    this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return this.show(request, response, 500, {});
  }

  /**
   * A form sent after its session lapsed: a new session (not signed in) keeps what was typed, for
   * the same person only, and the browser goes to sign in, then back to the form's page.
   */
  private async signInAgain(error: SessionEndedError, request: PageRequest, response: Response): Promise<void> {
    const keptForm = error.fields ? { userId: error.userId, page: error.page, fields: error.fields, keptAt: Date.now() } : undefined;
    await this.sessions.begin(request, response, newSecret(), keptForm);
    const kept = keptForm ? '&kept=1' : '';
    response.redirect(303, `/sign-in?returnTo=${encodeURIComponent(error.page)}&ended=1${kept}`);
  }

  /** The 404 page for a path no route answers (asked for by a browser). */
  notFound(request: PageRequest, response: Response): Promise<void> {
    return this.show(request, response, 404, {});
  }

  private async show(request: PageRequest, response: Response, status: 403 | 404 | 500, context: Record<string, unknown>) {
    if (response.headersSent) return;
    const shown = (context.status as number | undefined) ?? status;
    await this.pages.render(request, response, TEMPLATES[status], { pageTitle: '', ...context }, shown);
  }
}

function statusOf(error: unknown): number {
  if (error instanceof HttpException) return error.getStatus();
  const refusal: unknown = error instanceof CommandRefusedError ? error.refusal : error;
  if (refusal instanceof DomainError)
    return refusal.code.endsWith('.NOT_FOUND') ? 404 : refusal.forbids || FORBIDDING.test(refusal.code) ? 403 : 422;
  // body-parser's errors (a form too large, or not readable) carry their status.
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : 500;
}

function detailOf(error: unknown): string | undefined {
  return error instanceof DomainError || error instanceof HttpException ? error.message : undefined;
}

/** After signing in: the page asked for, or for a form sent, the page the form was on. */
function returnToAfter(error: unknown, request: PageRequest): string {
  if (request.method === 'GET') return error instanceof SignInRequiredError ? error.returnTo : request.originalUrl;
  return sameSitePath(request) ?? '/';
}

/** The page a form was sent from, if it was this site's. */
function sameSitePath(request: PageRequest): string | undefined {
  const referer = request.get('referer');
  if (!referer) return undefined;
  try {
    const url = new URL(referer);
    return url.host === request.get('host') ? `${url.pathname}${url.search}` : undefined;
  } catch {
    return undefined;
  }
}
