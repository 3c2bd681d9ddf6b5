import type { INestApplication } from '@nestjs/common';
import { json, raw, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { IMPORT_LIMITS } from '@actionplans/import';
import { problem, ProblemError } from './problem';

/** The largest evidence file accepted by `POST /files`. */
export const MAX_FILE_BYTES = 25 * 1024 * 1024;
const IMPORT_TYPES = { xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', csv: 'text/csv' };
/** The largest JSON body accepted anywhere but the import. */
const MAX_JSON_BYTES = 1024 * 1024;
const JSON_TYPES = ['application/json', 'application/*+json'];
/** No request needs more than a few levels; the validators and the idempotency fingerprint recurse. */
const MAX_DEPTH = 32;

/** Evidence files as raw bytes, everything else as JSON no deeper than MAX_DEPTH; a body that cannot be read is a problem. */
export function useBodyParsers(app: INestApplication): void {
  app.use('/files', answeringProblems(raw({ type: () => true, limit: MAX_FILE_BYTES })));
  // A whole plan up to the import's own limit, as an xlsx or CSV file or as an integrator's JSON rows.
  app.use('/plans/import', answeringProblems(raw({ type: [IMPORT_TYPES.xlsx, IMPORT_TYPES.csv], limit: IMPORT_LIMITS.bytes })));
  app.use('/plans/import', answeringProblems(json({ limit: IMPORT_LIMITS.bytes, type: JSON_TYPES })));
  app.use(answeringProblems(json({ limit: MAX_JSON_BYTES, type: JSON_TYPES })));
  app.use((request: Request, _: Response, next: NextFunction) => next(deeperThan(request.body, MAX_DEPTH) ? tooDeep() : undefined));
}

/** body-parser's errors carry a `type` and a status, but are not HttpExceptions: without this they answer 500. */
function answeringProblems(parser: RequestHandler): RequestHandler {
  return (request, response, next) =>
    parser(request, response, (error?: unknown) => next(error === undefined ? undefined : bodyProblem(error)));
}

function bodyProblem(error: unknown): unknown {
  const { type, status, limit, charset, encoding, body } = error as {
    type?: string;
    status?: number;
    limit?: number;
    charset?: string;
    encoding?: string;
    body?: string;
  };
  switch (type) {
    case 'entity.too.large':
      return new ProblemError(problem(413, 'REQUEST.TOO_LARGE', `the body is larger than the ${inWords(limit)} this accepts`));
    case 'charset.unsupported':
      return new ProblemError(problem(415, 'REQUEST.UNSUPPORTED_CHARSET', `the charset ${charset} is not supported: send UTF-8`));
    case 'encoding.unsupported':
      return new ProblemError(
        problem(415, 'REQUEST.UNSUPPORTED_ENCODING', `Content-Encoding ${encoding} is not supported: send gzip, deflate, br or none`),
      );
    case 'entity.parse.failed':
      return malformed(/^[\s\uFEFF]*[[{]/.test(body ?? '') ? `must be JSON: ${(error as Error).message}` : 'must be a JSON object');
    case undefined:
    default:
      // What is left in 4xx is a body that could not be read: a broken compressed stream, an aborted upload.
      return status !== undefined && status >= 400 && status < 500 ? malformed(`could not be read: ${(error as Error).message}`) : error;
  }
}

/** A limit as a reader would say it: "10 MB", or its bytes when it is not a whole number of megabytes. */
const inWords = (bytes: number | undefined) =>
  bytes !== undefined && bytes % (1024 * 1024) === 0 ? `${bytes / 1024 / 1024} MB` : `${bytes} bytes`;

const malformed = (why: string) => new ProblemError(problem(400, 'REQUEST.MALFORMED', `body: ${why}`, [{ field: 'body', problem: why }]));

const tooDeep = () =>
  new ProblemError(
    problem(400, 'REQUEST.INVALID', `body: must not nest objects and arrays more than ${MAX_DEPTH} deep`, [
      { field: 'body', problem: `must not nest objects and arrays more than ${MAX_DEPTH} deep` },
    ]),
  );

/** Whether parsed JSON nests deeper than `limit`, found without recursion so any depth is safe to measure. */
export function deeperThan(value: unknown, limit: number): boolean {
  const pending: Array<[unknown, number]> = [[value, 0]];
  while (pending.length) {
    const [item, depth] = pending.pop()!;
    if (item === null || typeof item !== 'object' || Buffer.isBuffer(item)) continue;
    if (depth >= limit) return true;
    for (const child of Object.values(item)) pending.push([child, depth + 1]);
  }
  return false;
}
