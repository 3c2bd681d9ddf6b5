import fc from 'fast-check';
import { text, valid } from './bad-values';
import type { CommandRoute } from './openapi-commands';

/** One request that must be refused, and what the refusal must say. */
export interface BadRequest {
  family: string;
  method: string;
  /** Sent as written: ids are percent-encoded, or deliberately not. */
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** The statuses allowed (none listed: any 4xx), the field a 400's errors must name, the code. */
  expect: { status: number[]; field?: string; code?: string };
}

/** A kind of bad input: which routes it applies to, how many requests per route, and the requests. */
export interface Family {
  name: string;
  runs: number;
  applies(route: CommandRoute): boolean;
  requests(route: CommandRoute, ids: Record<string, string>): fc.Arbitrary<BadRequest>;
}

export const JSON_TYPE = { 'content-type': 'application/json' };
/** The largest evidence file `POST /files` takes (25 MB), in bytes. */
const FILE_LIMIT = 25 * 1024 * 1024;

export function pathOf(route: CommandRoute, ids: Record<string, string>, replaced?: { param: string; raw: string }): string {
  return route.template.replace(/\{(\w+)\}/g, (_, param: string) =>
    param === replaced?.param ? replaced.raw : encodeURIComponent(ids[param]),
  );
}

export const request = (
  family: string,
  route: CommandRoute,
  ids: Record<string, string>,
  body: Buffer | undefined,
  expect: BadRequest['expect'],
  headers: Record<string, string> = JSON_TYPE,
): BadRequest => ({ family, method: route.method, path: pathOf(route, ids), headers, body, expect });

/** The route's own good body (or none), so that only the path or a header is wrong. */
const goodBody = (route: CommandRoute) =>
  route.body.kind === 'json' ? valid(route.body.schema, true).map((body) => Buffer.from(JSON.stringify(body))) : fc.constant(undefined);

/** Percent-encodes any string as UTF-8, a lone surrogate as U+FFFD (encodeURIComponent throws on one). */
const encoded = (value: string) =>
  [...Buffer.from(value, 'utf8')]
    .map((byte) =>
      /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');

/** Ids no resource has: unknown UUIDs, very long, unicode, traversal, bad percent-encoding, raw Latin-1. */
const badId = (real: string) =>
  fc.oneof(
    fc.uuid().map(encoded),
    fc.integer({ min: 101, max: 20_000 }).map((length) => real.repeat(Math.ceil(length / real.length)).slice(0, length)),
    text(60).map(encoded),
    fc
      .constantFrom(
        '..',
        '.',
        '../..',
        '../../etc/passwd',
        '..\\..',
        `${real}/..`,
        `../${real}`,
        `${real} `,
        real.toUpperCase(),
        `${real}\u0000`,
      )
      .map(encoded),
    fc.constantFrom('%', '%zz', '%FF', '%E0%A4%A', '%C0%AF', 'caf\u00e9', '\u00ff\u00fe', '%2e%2e', '%00'),
  );

const pathIds: Omit<Family, 'runs'> = {
  name: 'invalid path id',
  applies: (route) => route.pathParams.length > 0,
  requests: (route, ids) =>
    fc.tuple(fc.constantFrom(...route.pathParams), goodBody(route)).chain(([param, body]) =>
      badId(ids[param]).map((raw) => ({
        family: 'invalid path id',
        method: route.method,
        path: pathOf(route, ids, { param, raw }),
        headers: JSON_TYPE,
        body,
        expect: { status: [] },
      })),
    ),
};

/** Header values Node will send (no control characters, Latin-1 at most); it trims their ends, hence the `k`s below. */
const headerText = (maxLength: number) =>
  fc.string({
    unit: fc
      .integer({ min: 0x20, max: 0xff })
      .filter((c) => c !== 0x7f)
      .map((c) => String.fromCharCode(c)),
    maxLength,
  });

/** An ETag this API gives is a quoted version, `"3"`; anything else is not one. */
const ETAG = /^\s*(?:W\/)?"?(\d{1,15})"?\s*$/;
const ifMatch: Omit<Family, 'runs'> = {
  name: 'bad If-Match',
  applies: (route) => route.headers.includes('If-Match'),
  requests: (route, ids) =>
    fc
      .tuple(
        goodBody(route),
        fc
          .oneof(
            fc.constantFrom(
              '*',
              '',
              'W/',
              '"',
              '""',
              '"abc"',
              'W/"x"',
              '"1", "2"',
              '"-1"',
              '"1.5"',
              '"1e3"',
              '9999999999999999',
              '"0x10"',
              'yesterday',
              '"\u00b3"',
            ),
            headerText(40),
          )
          .filter((value) => !ETAG.test(value)),
      )
      .map(([body, value]) =>
        request('bad If-Match', route, ids, body, { status: [400], field: 'If-Match' }, { ...JSON_TYPE, 'if-match': value }),
      ),
};

const idempotencyKey: Omit<Family, 'runs'> = {
  name: 'bad Idempotency-Key',
  applies: (route) => route.headers.includes('Idempotency-Key'),
  requests: (route, ids) =>
    fc
      .tuple(
        goodBody(route),
        fc.oneof(
          fc.constant(''),
          fc.integer({ min: 256, max: 8_000 }).chain((length) => headerText(length).map((head) => `k${head}k`.padEnd(length, 'k'))),
        ),
      )
      .map(([body, value]) =>
        request(
          'bad Idempotency-Key',
          route,
          ids,
          body,
          { status: [400], field: 'Idempotency-Key' },
          { ...JSON_TYPE, 'idempotency-key': value },
        ),
      ),
};

const emptyFile: Omit<Family, 'runs'> = {
  name: 'empty file',
  applies: (route) => route.body.kind === 'bytes',
  requests: (route, ids) =>
    fc
      .constantFrom('application/octet-stream', 'application/json', 'text/plain', 'application/pdf')
      .map((type) => request('empty file', route, ids, Buffer.alloc(0), { status: [400], field: 'body' }, { 'content-type': type })),
};

let overLimit: Buffer | undefined;
const oversizedFile: Omit<Family, 'runs'> = {
  name: 'file over the limit',
  applies: (route) => route.body.kind === 'bytes',
  requests: (route, ids) =>
    fc
      .constant(null)
      .map(() =>
        request(
          'file over the limit',
          route,
          ids,
          (overLimit ??= Buffer.alloc(FILE_LIMIT + 1, 'x')),
          { status: [413], code: 'REQUEST.TOO_LARGE' },
          { 'content-type': 'application/octet-stream' },
        ),
      ),
};

export const REQUEST_FAMILIES = { pathIds, ifMatch, idempotencyKey, emptyFile, oversizedFile };
