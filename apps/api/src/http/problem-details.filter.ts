import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger, NotFoundException, Optional } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ErrorPages } from '@actionplans/web';
import { DomainError } from '@actionplans/domain';
import { FileAccessUncheckedError } from '@actionplans/read-models';
import {
  CommandRefusedError,
  IdempotencyKeyReusedError,
  InvalidEventError,
  isPostgresUnreachable,
  PreconditionFailedError,
  StoreUnavailableError,
  WrongExpectedVersionError,
} from '@actionplans/event-store';
import { problem, ProblemError, type Problem } from './problem';

/** Refusals about who is acting rather than what they asked: 403, with the rule's code. */
const FORBIDDING = /\.(NOT_OWNER|NOT_PLAN_MANAGER|PANEL_DECIDES|NOT_ADMIN|NOT_CHAIR|NOT_PRESENT|FILE_RESTRICTED)$/;
/**
 * Refusals saying that what was asked has been done already (`PANEL.ALREADY_DECIDED`): 409, as
 * when two changes collide. Of two requests sent together, the loser is refused at the append
 * (`REQUEST.CONFLICT`) or by the rule, depending only on whether it read the stream before or
 * after the winner was stored; the client is in the same position either way.
 */
const ALREADY_DONE = /\.ALREADY_[A-Z_]+$/;

/** Every error leaves as `application/problem+json`; nothing internal (stack, SQL) leaves. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  constructor(@Optional() private readonly pages?: ErrorPages) {}

  catch(error: unknown, host: ArgumentsHost): void | Promise<void> {
    const response = host.switchToHttp().getResponse<Response>();
    const request = host.switchToHttp().getRequest<Request>();
    // A browser asking for a page no route answers gets the 404 page; page routes answer their own errors (libs/web).
    if (this.pages && error instanceof NotFoundException && prefersHtml(request)) return this.pages.notFound(request, response);
    // A link to an action in a mail sent before the pages existed opens the API's route: a browser is sent on to the action's page.
    const page = this.pages && prefersHtml(request) && !request.headers.authorization ? actionPageFor(request.path) : null;
    if (page && error instanceof ProblemError && error.problem.status === 401) return response.redirect(303, page);
    if (isHealthReport(error)) {
      response.status(error.getStatus()).json(error.getResponse());
      return;
    }
    const { body, headers } = this.toProblem(error);
    for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
    response.status(body.status).type('application/problem+json').send(JSON.stringify(body));
  }

  private toProblem(error: unknown): { body: Problem; headers: Record<string, string> } {
    if (error instanceof ProblemError) return { body: error.problem, headers: error.headers };
    if (error instanceof CommandRefusedError && error.refusal instanceof DomainError) return { body: refusal(error.refusal), headers: {} };
    if (error instanceof PreconditionFailedError) {
      return {
        body: problem(
          412,
          'REQUEST.STALE',
          `If-Match named version ${error.expected}, but it is at version ${error.actual}: read it again`,
        ),
        headers: {},
      };
    }
    if (error instanceof WrongExpectedVersionError) {
      return {
        body: problem(409, 'REQUEST.CONFLICT', 'someone else changed this at the same moment: read it again and retry'),
        headers: {},
      };
    }
    if (error instanceof IdempotencyKeyReusedError)
      return { body: problem(422, 'REQUEST.IDEMPOTENCY_KEY_REUSED', error.message), headers: {} };
    if (error instanceof InvalidEventError)
      return { body: problem(400, 'REQUEST.INVALID', error.message, [{ field: error.field, problem: error.problem }]), headers: {} };
    if (error instanceof StoreUnavailableError) return { body: unavailable(error), headers: {} };
    if (error instanceof FileAccessUncheckedError) return { body: problem(503, error.code, error.message), headers: {} };
    if (error instanceof HttpException) return { body: fromHttpException(error), headers: {} };
    // The report tables on PostgreSQL, read directly by the report queries; writes go through the event store.
    if (isPostgresUnreachable(error))
      return { body: problem(503, 'STORE.UNAVAILABLE', 'the report tables cannot be reached; try again shortly'), headers: {} };
    this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return { body: problem(500, 'SERVER.ERROR', 'something went wrong on our side; nothing about it was sent to you'), headers: {} };
  }
}

/** Whether the request asks for HTML over JSON, as a browser's navigation does (curl and fetch, accepting anything, get JSON). */
function prefersHtml(request: Request): boolean {
  return request.method === 'GET' && request.accepts(['application/json', 'application/problem+json', 'text/html']) === 'text/html';
}

/** The page of an action whose API route (`/actions/{id}`) was asked for; null for any other path. */
function actionPageFor(path: string): string | null {
  const match = /^\/actions\/([\w-]{1,100})\/?$/.exec(path);
  return match ? `/app/actions/${match[1]}` : null;
}

/** `/health` answers 503 with terminus's report of each check, which monitors read as it is. */
function isHealthReport(error: unknown): error is HttpException {
  if (!(error instanceof HttpException) || error.getStatus() !== 503) return false;
  const body = error.getResponse();
  return typeof body === 'object' && body !== null && 'status' in body && 'error' in body;
}

/** The store lost after a change was sent to it may have kept it: the client must not assume either way. */
function unavailable(error: StoreUnavailableError): Problem {
  return problem(
    503,
    'STORE.UNAVAILABLE',
    error.outcomeUnknown
      ? 'the event store was lost while this change was being stored, so it may or may not have been: retry with the same Idempotency-Key, or read it again before redoing it'
      : 'the event store cannot be reached; nothing was changed',
  );
}

function refusal(error: DomainError): Problem {
  if (error.code.endsWith('.NOT_FOUND')) return problem(404, error.code, error.message);
  if (error.forbids || FORBIDDING.test(error.code)) return problem(403, error.code, error.message);
  return problem(ALREADY_DONE.test(error.code) ? 409 : 422, error.code, error.message);
}

function fromHttpException(error: HttpException): Problem {
  const status = error.getStatus();
  const response = error.getResponse();
  const message = typeof response === 'object' && response && 'message' in response ? String(response.message) : error.message;
  if (status === 429)
    return problem(
      429,
      'REQUEST.RATE_LIMITED',
      'too many requests from you in the last minute: wait for the seconds in Retry-After, then retry',
    );
  const code = status === 404 ? 'REQUEST.NOT_FOUND' : status === 413 ? 'REQUEST.TOO_LARGE' : `HTTP.${status}`;
  return problem(status, code, message);
}
