import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { ASSETS_PATH, WebAssets } from '@actionplans/web';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { useBodyParsers } from './body-parsing';
import { answerMalformedRequests } from './malformed-requests';
import { echoRequestId, requestLog } from './request-log';

export { MAX_FILE_BYTES } from './body-parsing';

export interface HttpEdges {
  /** Browser origins allowed to call the API; empty: none, `*`: any. */
  corsOrigins?: string[];
  /** Logs one line per request; left out, requests are not logged (tests that run the app in-process). */
  logger?: Logger;
  /** Express's `trust proxy` (TRUST_PROXY): whose X-Forwarded-Proto says a request came over https. */
  trustProxy?: boolean | number | string;
  /** The council's logo; an https:// one is allowed as an image source by the Content-Security-Policy. */
  councilLogoUrl?: string;
  /**
   * Where a page's form may lead besides this site: the OpenID Connect provider's origin, as
   * sign-out redirects there (RP-initiated logout) and the Content-Security-Policy's form-action
   * covers a form's redirects.
   */
  formActionOrigins?: string[];
}

/**
 * Request ids and the request log, security headers, CORS, body parsing, answers to malformed
 * requests, the OpenAPI document and Swagger UI: everything `main` and the tests share.
 */
export function configureApp(app: INestApplication, edges: HttpEdges = {}): OpenAPIObject {
  // First, so that requests refused by the parsers below are logged too.
  app.use(echoRequestId);
  if (edges.logger) app.use(requestLog(edges.logger));
  (app as NestExpressApplication).set('trust proxy', edges.trustProxy ?? false);
  // Security headers: a strict Content-Security-Policy (Swagger UI and Bull Board load only their own scripts; a page's own
  // scripts carry this request's nonce), HSTS, nosniff, no framing.
  app.use(cspNonce);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          scriptSrc: ["'self'", (_, response) => `'nonce-${(response as Response).locals.cspNonce as string}'`],
          imgSrc: ["'self'", 'data:', ...(edges.councilLogoUrl?.startsWith('https://') ? [new URL(edges.councilLogoUrl).origin] : [])],
          formAction: ["'self'", ...(edges.formActionOrigins ?? [])],
        },
      },
    }),
  );
  // The pages' styles and scripts, by content hash, from memory; only when this app serves pages.
  const assets = webAssetsOf(app);
  if (assets) app.use(ASSETS_PATH, assets.serve);
  const origins = edges.corsOrigins ?? [];
  if (origins.length > 0) {
    // Bearer tokens, not cookies, carry identity across origins, so credentials are never allowed.
    app.enableCors({
      origin: origins.includes('*') ? '*' : origins,
      credentials: false,
      maxAge: 600,
      allowedHeaders: ['Authorization', 'Content-Type', 'If-Match', 'Idempotency-Key', 'Accept', 'X-Request-Id'],
      exposedHeaders: ['ETag', 'Location', 'Retry-After', 'WWW-Authenticate', 'X-Request-Id'],
    });
  }
  answerMalformedRequests(app);
  useBodyParsers(app);
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('actionplans')
      .setDescription(
        'Improvement action plans, their actions, evidence and evidence challenge panel sign-off. ' +
          'Every change is an event; errors are application/problem+json.',
      )
      .setVersion('1')
      .addBearerAuth({
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'personal API token',
        description: 'A personal API token from `actionplans users add`.',
      })
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json' });
  return document;
}

/** A fresh nonce per request for the Content-Security-Policy: only scripts carrying it (or from this site) run. */
function cspNonce(_: Request, response: Response, next: NextFunction): void {
  response.locals.cspNonce = randomBytes(16).toString('base64');
  next();
}

function webAssetsOf(app: INestApplication): WebAssets | undefined {
  try {
    return app.get(WebAssets, { strict: false });
  } catch {
    return undefined;
  }
}
