import { type CanActivate, type ExecutionContext, Injectable, PayloadTooLargeException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { timingSafeEqual } from 'node:crypto';
import { FileInterceptor } from '@nestjs/platform-express';
import { READ_ONLY_ROLES, type Role } from '@actionplans/auth';
import cookieParser from 'cookie-parser';
import { csrfSync } from 'csrf-sync';
import { urlencoded, type RequestHandler, type Response } from 'express';
import { EMPTY } from 'rxjs';
import { Sessions } from '../session/sessions';
import { FormExpiredError, PageForbiddenError, SessionEndedError, SignInRequiredError } from './page-errors';
import { FILE_FIELD, SIGNED_IN } from './page-metadata';
import type { PageRequest } from './page-request';
import { safeReturnTo } from './return-to';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Forms hold a few fields; evidence files come another way. */
const parseForm = urlencoded({ extended: false, limit: '100kb', parameterLimit: 200 });
const parseCookies = cookieParser();

// The token lives in the server-side session (set when it began) and comes back in the form's `_csrf` field.
const csrf = csrfSync({
  getTokenFromState: (request) => (request as PageRequest).webSession?.csrfToken,
  storeTokenInState: () => undefined,
  getTokenFromRequest: (request) => (request.body as Record<string, unknown> | undefined)?._csrf as string | undefined,
});

/**
 * Every page request passes here (`@PageController`): its form body is read, its session found
 * from the cookie, a form's CSRF token checked, and `@SignedIn()` enforced. API routes never come
 * here, so the session cookie never authenticates them.
 */
@Injectable()
export class PageGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: Sessions,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<PageRequest>();
    const response = context.switchToHttp().getResponse<Response>();
    await run(parseCookies, request, response);
    await run(parseForm, request, response);
    await this.readFile(context, request);
    await this.sessions.load(request);
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(SIGNED_IN, [context.getHandler(), context.getClass()]);
    if (!SAFE.has(request.method)) {
      const page = formPage(request);
      // Sent after the person's session lapsed: they sign in again and come back to the form, rather than lose it.
      const lapsed = request.lapsedSession;
      if (roles && !request.webSession && lapsed?.userId) {
        throw new SessionEndedError(page ?? '/', lapsed.userId, sentBy(lapsed.csrfToken, request) ? keptFields(request) : undefined);
      }
      if (!csrf.isRequestValid(request)) throw new FormExpiredError(page);
    }
    if (!roles) return true;
    const user = request.user;
    if (!user) throw new SignInRequiredError(request.originalUrl);
    if (roles.length > 0 && !roles.includes(user.role)) {
      throw new PageForbiddenError(`This page is for the roles: ${roles.join(', ')}. You are signed in as ${user.role}.`);
    }
    if (!SAFE.has(request.method) && READ_ONLY_ROLES.includes(user.role)) {
      throw new PageForbiddenError(
        `As ${user.role === 'auditor' ? 'an' : 'a'} ${user.role} you can read everything here but change nothing.`,
      );
    }
    return true;
  }

  /** Only routes that take a file read multipart forms; a file over the limit is marked, so the form can say so beside its field. */
  private async readFile(context: ExecutionContext, request: PageRequest): Promise<void> {
    const upload = this.reflector.get<{ field: string; maxBytes: number } | undefined>(FILE_FIELD, context.getHandler());
    if (!upload || SAFE.has(request.method) || !request.is('multipart/form-data')) return;
    const multipart = new (FileInterceptor(upload.field, { limits: { fileSize: upload.maxBytes, files: 1, fields: 200 } }))();
    try {
      await multipart.intercept(context, { handle: () => EMPTY });
    } catch (error) {
      if (!(error instanceof PayloadTooLargeException)) throw error;
      Object.assign(request, { fileTooLarge: true });
    }
  }
}

/**
 * The page a form was on: every form names it in a hidden `_page` field beside its token (browsers
 * send no Referer here), which is taken out so the route never sees it.
 */
function formPage(request: PageRequest): string | undefined {
  const body = request.body as Record<string, unknown> | undefined;
  const page = body?._page;
  if (body) delete body._page;
  return typeof page === 'string' && page.length > 0 ? safeReturnTo(page) : undefined;
}

/** Whether the form carried the lapsed session's own token: it was that person's form, not one from elsewhere. */
function sentBy(csrfToken: string, request: PageRequest): boolean {
  const sent = (request.body as Record<string, unknown> | undefined)?._csrf;
  return typeof sent === 'string' && sent.length === csrfToken.length && timingSafeEqual(Buffer.from(sent), Buffer.from(csrfToken));
}

/** The fields a person typed, to show again: not the token, the form's version or its once-only key, nor any file. */
const NOT_KEPT = new Set(['_csrf', 'version', 'idempotencyKey', 'formKey']);

function keptFields(request: PageRequest): Record<string, string | string[]> {
  const body = (request.body ?? {}) as Record<string, unknown>;
  const typed = (value: unknown) => typeof value === 'string' || (Array.isArray(value) && value.every((item) => typeof item === 'string'));
  return Object.fromEntries(
    Object.entries(body).filter((entry): entry is [string, string | string[]] => !NOT_KEPT.has(entry[0]) && typed(entry[1])),
  );
}

const run = (handler: RequestHandler, request: PageRequest, response: Response) =>
  new Promise<void>((resolve, reject) =>
    // body-parser's errors carry their status (413, 400), which the error pages read.
    handler(request, response, (error?: unknown) =>
      error ? reject(error instanceof Error ? error : new Error('the request body could not be read')) : resolve(),
    ),
  );
