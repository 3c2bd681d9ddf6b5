import fc from 'fast-check';
import { gzipSync } from 'node:zlib';
import { JSON_TYPE, request, type BadRequest, type Family } from './bad-requests';
import { deleteAt, hasInvalidValues, invalidValue, setAt, text, valid, wrongType } from './bad-values';
import { dotted, fieldsOf, objectsOf, type CommandRoute, type FieldPath, type Schema } from './openapi-commands';

/** The JSON body limit the API sets (1 MB), in bytes. */
const JSON_LIMIT = 1024 * 1024;
/** The import takes a whole plan: 10 MB, and more rows than its 10,000 is too large (413), not a bad field (issue 12). */
const IMPORT = 'POST /plans/import';
const limitOf = (route: CommandRoute) => (route.name === IMPORT ? 10 * 1024 * 1024 : JSON_LIMIT);

const json = (body: unknown) => Buffer.from(JSON.stringify(body));
const hasSchema = (route: CommandRoute) => route.body.kind === 'json';
const parsesJson = (route: CommandRoute) => route.body.kind !== 'bytes';
const schemaOf = (route: CommandRoute): Schema => (route.body.kind === 'json' ? route.body.schema : { type: 'object', properties: {} });

interface Mutation {
  path: FieldPath;
  mutate(this: void, body: unknown): void;
  /** What the route answers instead of a 400 naming the field. */
  expect?: BadRequest['expect'];
}

/**
 * A body with every field valid but one, chosen among the route's `candidates` (fields or nested
 * objects): the 400 must name that field.
 */
function mutated<C>(
  name: string,
  candidates: (schema: Schema) => C[],
  mutation: (candidate: C, route: CommandRoute) => fc.Arbitrary<Mutation>,
): Omit<Family, 'runs'> {
  return {
    name,
    applies: (route) => hasSchema(route) && candidates(schemaOf(route)).length > 0,
    requests: (route, ids) =>
      fc
        .tuple(
          valid(schemaOf(route), true),
          fc.constantFrom(...candidates(schemaOf(route))).chain((candidate) => mutation(candidate, route)),
        )
        .map(([good, { path, mutate, expect }]) => {
          // A copy: while shrinking, fast-check hands the same generated body to this function again.
          const body = structuredClone(good);
          mutate(body);
          return request(name, route, ids, json(body), expect ?? { status: [400], field: dotted(path) });
        }),
  };
}

const put = (path: FieldPath, value: unknown): Mutation => ({ path, mutate: (body) => setAt(body, path, value) });

const wrongTypes = mutated(
  'wrong-typed field',
  (schema) => fieldsOf(schema),
  (field) => wrongType(field.schema).map((value) => put(field.path, value)),
);

const invalidValues = mutated(
  'invalid value',
  (schema) => fieldsOf(schema).filter(hasInvalidValues),
  (field, route) =>
    invalidValue(field.schema).map((value) => {
      const tooMany =
        route.name === IMPORT && dotted(field.path) === 'rows' && Array.isArray(value) && value.length > field.schema.maxItems!;
      return { ...put(field.path, value), ...(tooMany ? { expect: { status: [413], code: 'IMPORT.TOO_LARGE' } } : {}) };
    }),
);

const missingRequired = mutated(
  'missing required field',
  (schema) => objectsOf(schema).filter((object) => object.schema.required?.length),
  (object) =>
    fc.subarray(object.schema.required!, { minLength: 1 }).map((keys): Mutation => ({
      path: [...object.path, keys[0]],
      mutate: (body) => keys.forEach((key) => deleteAt(body, [...object.path, key])),
    })),
);

/** Names an object already has through its prototype: class-transformer and Nest drop these without a word. */
const PROTOTYPE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  '__defineGetter__',
  'isPrototypeOf',
];

const unknownField = mutated('unknown field', objectsOf, (object) =>
  fc
    .tuple(fc.string({ unit: 'grapheme', maxLength: 20 }), fc.jsonValue({ maxDepth: 2 }))
    .filter(([key]) => !(key in (object.schema.properties ?? {})) && !(key in Object.prototype) && key !== 'prototype')
    .map(([key, value]) => put([...object.path, key], value)),
);

const prototypeKey = mutated('prototype-pollution key', objectsOf, (object) =>
  fc
    .tuple(
      fc.constantFrom(...PROTOTYPE_KEYS),
      fc.constantFrom<unknown>({ polluted: true }, { prototype: { polluted: true } }, 'polluted', 1, null, []),
    )
    .map(([key, value]) => put([...object.path, key], value)),
);

/** `depth` levels of arrays or objects, written as text: JSON.stringify itself would overflow the stack. */
const nesting = fc
  .tuple(fc.oneof(fc.integer({ min: 100, max: 300 }), fc.constantFrom(5_000, 100_000)), fc.boolean())
  .map(([depth, arrays]) => (arrays ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`));

const deepNesting: Omit<Family, 'runs'> = {
  name: 'deeply nested',
  applies: parsesJson,
  requests: (route, ids) =>
    fc
      .tuple(
        valid(schemaOf(route), true),
        fc.constantFrom<FieldPath>(['nested'], ...fieldsOf(schemaOf(route)).map((field) => field.path)),
        nesting,
      )
      .map(([good, path, deep]) => {
        const body = structuredClone(good);
        setAt(body, path, '\u0001DEEP\u0001');
        return request('deeply nested', route, ids, Buffer.from(JSON.stringify(body).replace('"\\u0001DEEP\\u0001"', deep)), {
          status: [400],
          field: 'body',
        });
      }),
};

/** Whether the API's JSON parser (strict: an object or array, BOM dropped) would accept the bytes. */
export function isJsonBody(bytes: Buffer): boolean {
  if (bytes.length === 0) return true; // read as {}
  const textual = new TextDecoder().decode(bytes).replace(/^\uFEFF/, '');
  if (!/^[ \t\n\r]*[[{]/.test(textual)) return false;
  try {
    JSON.parse(textual);
    return true;
  } catch {
    return false;
  }
}

const NOT_JSON = [
  '{a:1}',
  "{'a':1}",
  '{"a":NaN}',
  '{"a":1,}',
  '[1,]',
  '{"a":01}',
  '<plan/>',
  'undefined',
  '{"a":"\\x41"}',
  '{"a" 1}',
  '{"a":"\u0000',
  '\uFEFF\uFEFF{}',
  'title=x&kind=y',
];

const notJson: Omit<Family, 'runs'> = {
  name: 'not JSON',
  applies: parsesJson,
  requests: (route, ids) =>
    fc
      .oneof(
        fc.constantFrom(...NOT_JSON).map((value) => Buffer.from(value)),
        fc.string({ minLength: 1, maxLength: 200 }).map((value) => Buffer.from(value)),
        fc.uint8Array({ minLength: 1, maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
      )
      .filter((bytes) => !isJsonBody(bytes))
      .map((bytes) => request('not JSON', route, ids, bytes, { status: [400], field: 'body' })),
};

const truncated: Omit<Family, 'runs'> = {
  name: 'truncated JSON',
  applies: parsesJson,
  requests: (route, ids) =>
    valid(schemaOf(route), true)
      .map((body) => JSON.stringify(hasSchema(route) ? body : { reason: 'on a bad line' }))
      .chain((whole) => fc.integer({ min: 1, max: whole.length - 1 }).map((at) => whole.slice(0, at)))
      .map((part) => request('truncated JSON', route, ids, Buffer.from(part), { status: [400], field: 'body' })),
};

/** An array instead of the object (only where a body is read), or a bare string, number, boolean or null. */
const topLevel: Omit<Family, 'runs'> = {
  name: 'wrong top-level type',
  applies: parsesJson,
  requests: (route, ids) =>
    fc
      .oneof(
        ...(hasSchema(route) ? [fc.array(valid(schemaOf(route)), { maxLength: 2 })] : []),
        text(50),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.boolean(),
        fc.constant(null),
      )
      .map((body) => request('wrong top-level type', route, ids, json(body), { status: [400], field: 'body' })),
};

const oversized: Omit<Family, 'runs'> = {
  name: 'over the body limit',
  applies: parsesJson,
  requests: (route, ids) =>
    fc.tuple(valid(schemaOf(route)), fc.integer({ min: limitOf(route) + 1, max: limitOf(route) + 300_000 })).map(([body, size]) => {
      const padded = JSON.stringify({ ...(body as object), padding: '' });
      return request(
        'over the body limit',
        route,
        ids,
        Buffer.from(padded.replace('"padding":""', `"padding":"${'z'.repeat(size - padded.length)}"`)),
        { status: [413], code: 'REQUEST.TOO_LARGE' },
      );
    }),
};

const encoded: Omit<Family, 'runs'> = {
  name: 'bad content-encoding',
  applies: () => true,
  requests: (route, ids) =>
    fc
      .tuple(fc.constantFrom('gzip', 'deflate', 'br', 'x-unknown', 'compress', 'gzip, gzip'), fc.boolean())
      .map(([encoding, truncatedGzip]) => {
        const bytes = truncatedGzip ? gzipSync(Buffer.from('{"reason":"squashed"}')).subarray(0, 12) : Buffer.from('not compressed at all');
        return request('bad content-encoding', route, ids, bytes, { status: [400, 415] }, { ...JSON_TYPE, 'content-encoding': encoding });
      }),
};

const charset: Omit<Family, 'runs'> = {
  name: 'unsupported charset',
  applies: parsesJson,
  requests: (route, ids) =>
    fc
      .tuple(valid(schemaOf(route)), fc.constantFrom('latin1', 'iso-8859-1', 'windows-1252', 'ucs-2', 'x-junk', 'ascii'))
      .map(([body, name]) =>
        request('unsupported charset', route, ids, json(body), { status: [415] }, { 'content-type': `application/json; charset=${name}` }),
      ),
};

/** A body that is JSON but says it is something else; only a route requiring fields can tell. */
const contentType: Omit<Family, 'runs'> = {
  name: 'wrong content-type',
  applies: (route) => route.body.kind === 'json' && (route.body.schema.required?.length ?? 0) > 0,
  requests: (route, ids) =>
    fc
      .tuple(
        valid(schemaOf(route), true),
        fc.constantFrom(
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'application/xml',
          'application/octet-stream',
          'text/json',
          null,
        ),
      )
      .map(([body, type]) =>
        request('wrong content-type', route, ids, json(body), { status: [400, 415] }, type ? { 'content-type': type } : {}),
      ),
};

export const BODY_FAMILIES = {
  wrongTypes,
  invalidValues,
  missingRequired,
  unknownField,
  prototypeKey,
  deepNesting,
  notJson,
  truncated,
  topLevel,
  oversized,
  encoded,
  charset,
  contentType,
};
