import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import helmet from 'helmet';
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
}

/**
 * Request ids and the request log, security headers, CORS, body parsing, answers to malformed
 * requests, the OpenAPI document and Swagger UI: everything `main` and the tests share.
 */
export function configureApp(app: INestApplication, edges: HttpEdges = {}): OpenAPIObject {
  // First, so that requests refused by the parsers below are logged too.
  app.use(echoRequestId);
  if (edges.logger) app.use(requestLog(edges.logger));
  // Security headers: a strict Content-Security-Policy (Swagger UI and Bull Board load only their own scripts), HSTS, nosniff, no framing.
  app.use(helmet());
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
