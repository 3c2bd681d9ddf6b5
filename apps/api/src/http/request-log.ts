import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { User } from '@actionplans/auth';
import { SIGN_IN_LINK_PATH } from '@actionplans/web';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { pinoHttp, type HttpLogger } from 'pino-http';

export const REQUEST_ID_HEADER = 'X-Request-Id';
/**
 * A caller's id is kept if it could be a UUID, a trace id or a short token of its own: at most 128
 * letters, digits and `._:-`. Anything else is replaced, not refused: the id only helps the caller
 * trace the request, and is no reason to turn a good command away. It becomes the correlation id in
 * every event the request stores, which is kept for good and hashed: nothing that could carry an
 * email address, a path or a line break is stored as sent.
 */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

type Identified = IncomingMessage & { id?: unknown; user?: User };

/**
 * The request's id: the caller's `X-Request-Id` if sane, otherwise a new UUID, fixed on first
 * use. It is the `correlationId` of the events the request stores and the `requestId` of its logs.
 */
export function requestId(request: Identified): string {
  if (typeof request.id === 'string') return request.id;
  const sent = request.headers['x-request-id'];
  const id = typeof sent === 'string' && SANE_REQUEST_ID.test(sent) ? sent : randomUUID();
  request.id = id;
  return id;
}

/** Gives every request its id first, and echoes it back, so a caller can quote it and find the log lines. */
export function echoRequestId(request: Request, response: Response, next: NextFunction): void {
  response.setHeader(REQUEST_ID_HEADER, requestId(request));
  next();
}

/** A sign-in link's token is a password for 15 minutes: it is never written to the log. */
export const withoutSecrets = (url: string) => (url.startsWith(SIGN_IN_LINK_PATH) ? `${SIGN_IN_LINK_PATH}[redacted]` : url);

/**
 * One line per request when its response ends: method, path, status, time taken, the request id
 * and, once the bearer guard has named them, who asked. Headers are logged with secrets
 * redacted (see the logger); bodies never are.
 */
export function requestLog(logger: Logger): HttpLogger {
  return pinoHttp({
    logger,
    genReqId: (request) => requestId(request),
    quietReqLogger: true,
    customAttributeKeys: { reqId: 'requestId' },
    customProps: (request: Identified) => (request.user ? { actor: { id: request.user.userId, role: request.user.role } } : {}),
    customSuccessMessage: (request, response, ms) =>
      `${request.method} ${withoutSecrets((request as Request).originalUrl ?? request.url)} ${response.statusCode} ${ms} ms`,
    customErrorMessage: (request, response) =>
      `${request.method} ${withoutSecrets((request as Request).originalUrl ?? request.url)} ${response.statusCode} failed`,
    serializers: {
      req: (request: { url?: string }) => ({ ...request, url: withoutSecrets(request.url ?? '') }),
      // The response's status is what matters; its headers are the same security headers every time.
      res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
    },
    // A monitor polling /health would otherwise fill the log; its failures still show.
    customLogLevel: (request, response: ServerResponse, error) =>
      error || response.statusCode >= 500 ? 'error' : request.url === '/health' && response.statusCode < 400 ? 'debug' : 'info',
  });
}
