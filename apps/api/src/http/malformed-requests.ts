import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { problem, ProblemError, type Problem } from './problem';

/**
 * Requests refused before any route sees them still answer `application/problem+json`: those
 * Node cannot parse (headers over its limit, bytes no request line may hold), which it would
 * otherwise answer with a bare status line, and paths whose percent-encoding is not UTF-8.
 */
export function answerMalformedRequests(app: INestApplication): void {
  (app.getHttpServer() as Server).on('clientError', answerClientError);
  app.use(refuseUndecodablePath);
}

function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  // As Node's own handler: never write into a response already under way.
  const inFlight = (socket as Socket & { _httpMessage?: ServerResponse })._httpMessage;
  if (error.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  const answer = clientProblem(error.code);
  const body = JSON.stringify(answer);
  socket.end(
    `HTTP/1.1 ${answer.status} ${answer.title}\r\nContent-Type: application/problem+json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

function clientProblem(code: string | undefined): Problem {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return problem(431, 'REQUEST.HEADERS_TOO_LARGE', 'the request line and headers are over 16 KB: is an id or a header far too long?');
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return problem(408, 'REQUEST.TIMEOUT', 'the request did not arrive in time');
    case undefined:
    default:
      return problem(400, 'REQUEST.MALFORMED', 'this is not an HTTP/1.1 request this server can read', [
        { field: 'request', problem: 'is not valid HTTP/1.1' },
      ]);
  }
}

function refuseUndecodablePath(request: Request, _: Response, next: NextFunction): void {
  try {
    decodeURIComponent(request.path);
    next();
  } catch {
    next(
      new ProblemError(
        problem(400, 'REQUEST.INVALID', 'path: its percent-encoding is not UTF-8', [
          { field: 'path', problem: 'must be percent-encoded UTF-8' },
        ]),
      ),
    );
  }
}
