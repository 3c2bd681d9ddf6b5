import { createHash } from 'node:crypto';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { User } from '@actionplans/auth';
import type { RequestContext } from '@actionplans/commands';
import { isEffective, readEffective, type Actor, type Effective } from '@actionplans/domain';
import canonicalize from 'canonicalize';
import type { Request } from 'express';
import { problem, ProblemError } from '../http/problem';
import { requestId } from '../http/request-log';

export type { RequestContext };

export const Ctx = createParamDecorator((_: unknown, context: ExecutionContext): RequestContext => {
  const request = context.switchToHttp().getRequest<Request & { user: User }>();
  return requestContext(request);
});

export function requestContext(request: Request & { user: User }): RequestContext {
  const actor: Actor = { userId: request.user.userId, role: request.user.role };
  const key = header(request, 'idempotency-key');
  if (key !== undefined && (key.length === 0 || key.length > 255)) {
    throw new ProblemError(
      problem(400, 'REQUEST.INVALID', 'Idempotency-Key: must be 1 to 255 characters', [
        { field: 'Idempotency-Key', problem: 'must be 1 to 255 characters' },
      ]),
    );
  }
  return {
    actor,
    now: new Date().toISOString(),
    correlationId: requestId(request),
    // The client's next GET must show its own write.
    waitForReaders: true,
    ifMatch: parseIfMatch(header(request, 'if-match')),
    effective: effectiveFrom(request.body),
    idempotency:
      key === undefined
        ? undefined
        : {
            key: sha256(`${actor.userId}\n${key}`),
            request: sha256(`${request.method} ${request.path}\n${canonicalize(request.body ?? null) ?? ''}`),
          },
  };
}

/**
 * The effective date a command's body gives, read as the domain reads it. One that cannot be read
 * is left to the body's own validation, which answers 400 naming `effective.at`.
 */
export function effectiveFrom(body: unknown): Effective | undefined {
  const given: unknown =
    body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as { effective?: unknown }).effective : null;
  if (given === null || typeof given !== 'object' || Array.isArray(given)) return undefined;
  const { at, source } = given as { at?: unknown; source?: unknown };
  const effective = typeof at === 'string' ? readEffective(at, typeof source === 'string' ? source : null) : null;
  return effective && isEffective(effective) ? effective : undefined;
}

const header = (request: Request, name: string) => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** `If-Match: "3"` (the `ETag` of version 3); weak and unquoted forms are read the same way. */
export function parseIfMatch(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,15})"?\s*$/.exec(value);
  if (!match) {
    throw new ProblemError(
      problem(400, 'REQUEST.INVALID', 'If-Match: must be an ETag this API gave, such as "3"', [
        { field: 'If-Match', problem: 'must be an ETag this API gave, such as "3"' },
      ]),
    );
  }
  return Number(match[1]);
}

export const etag = (version: number) => `"${version}"`;
