import { Inject, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import type { Environment } from 'nunjucks';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { newSecret } from '../session/session-store';
import { Sessions } from '../session/sessions';
import { navigationFor } from '../layout/navigation';
import { cspNonceOf, type PageRequest } from './page-request';

export const PAGE_ENVIRONMENT = Symbol('PAGE_ENVIRONMENT');

/** What every template gets besides its own values. */
export interface PageContext {
  /** The page's own title; the layout adds the service's and council's names. */
  pageTitle: string;
  [name: string]: unknown;
}

/**
 * Renders a page's template in the layout and sends it: with the request's CSP nonce, the user,
 * the navigation, a CSRF token for its forms (beginning a session only if a form asked for one),
 * never cached, and compressed.
 */
@Injectable()
export class PageRenderer {
  constructor(
    @Inject(PAGE_ENVIRONMENT) private readonly environment: Environment,
    private readonly sessions: Sessions,
  ) {}

  async render(request: PageRequest, response: Response, template: string, context: PageContext, status = 200): Promise<void> {
    let csrfToken = request.webSession?.csrfToken;
    const kept = await this.keptFormFor(request);
    const html = this.environment.render(template, {
      ...context,
      ...(kept && { values: { ...(context.values as Record<string, unknown> | undefined), ...kept }, formKept: true }),
      cspNonce: cspNonceOf(response),
      user: request.user,
      currentPath: request.path,
      navigation: navigationFor(request.user, request.path),
      // Called by the csrfField macro while rendering: a visitor's first form begins their session.
      // `page` names the form's page in the form, so that a form sent after its session lapsed can come back to it.
      csrfToken: Object.assign(() => (csrfToken ??= newSecret()), { page: request.originalUrl }),
    });
    if (!request.webSession && csrfToken) await this.sessions.begin(request, response, csrfToken);
    this.send(request, response, status, html);
  }

  /**
   * What someone typed into this page's form before their session lapsed, now they have signed in
   * again: shown once, on the page the form was on, and then forgotten.
   */
  private async keptFormFor(request: PageRequest): Promise<Record<string, string | string[]> | undefined> {
    const kept = request.webSession?.keptForm;
    if (!kept || !request.user || request.method !== 'GET' || kept.page !== request.originalUrl) return undefined;
    await this.sessions.store.dropKeptForm(request.webSession!.id);
    return kept.userId === request.user.userId ? kept.fields : undefined;
  }

  /** Sends HTML as it is (a page rendered elsewhere), compressed when the browser takes it. */
  send(request: PageRequest, response: Response, status: number, html: string): void {
    const body = Buffer.from(html);
    const encoding = preferredEncoding(request);
    response.status(status);
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    // Pages show what one person may see: no shared cache keeps them, and Back after sign-out refetches.
    response.setHeader('Cache-Control', 'no-store');
    response.setHeader('Vary', 'Accept-Encoding, Cookie');
    if (encoding === 'br' || encoding === 'gzip') response.setHeader('Content-Encoding', encoding);
    response.end(
      encoding === 'br'
        ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } })
        : encoding === 'gzip'
          ? gzipSync(body)
          : body,
    );
  }
}

/**
 * Brotli whenever the browser takes it, else gzip. Asked for both at once, `accepts` answers in the
 * browser's order, and browsers list gzip first (`gzip, deflate, br, zstd`), so they would get the
 * larger gzip. The static assets choose the same way (web-assets.ts).
 */
function preferredEncoding(request: PageRequest): 'br' | 'gzip' | null {
  return request.acceptsEncodings('br') ? 'br' : request.acceptsEncodings('gzip') ? 'gzip' : null;
}
