import fc from 'fast-check';
import type { Field, FieldPath, Schema } from './openapi-commands';

/**
 * Values for the fields of an OpenAPI request schema: valid ones to build an otherwise good body
 * around the one bad thing, and invalid ones of the right type or of every other type.
 */

/** Text a person might paste: direction overrides, zero-width and combining marks, lone surrogates, emoji. */
const UNICODE = [
  '\u202E',
  '\u202D\u2066',
  '\u200B',
  '\u200D',
  '\uFEFF',
  'e\u0301\u0302\u0303\u0304',
  '\uD800',
  '\uDFFF',
  '😀',
  '👩‍👩‍👧‍👦',
  '🏳️‍🌈',
  '\u2028\u2029',
  '\u0085',
  '\uFFFE\uFFFF',
  '\u{10FFFF}',
  'ﷺ',
  'שלום',
  'مرحبا',
  '\r\n',
  '\t',
  '\u001B[31m',
  '<script>alert(1)</script>',
  "' OR '1'='1",
  '${jndi:ldap://x}',
  '%s%n',
  '..\\..\\',
  'null',
  ' ',
];

/** A non-empty string of at most `max` UTF-16 units, laden with unicode edge cases (but no U+0000, which is invalid). */
export const text = (max: number): fc.Arbitrary<string> =>
  fc
    .array(fc.oneof(fc.constantFrom(...UNICODE), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 })), {
      minLength: 1,
      maxLength: 6,
    })
    .map((pieces) => pieces.join('').replaceAll('\u0000', '').slice(0, max))
    .filter((value) => value.length > 0);

/** A report's date: a day, or a month where the paper gives only that, as YYYY-MM or in words (`IsDayOrMonth`). */
const DAY_OR_MONTH = '^(\\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\\d|3[01]))?|[A-Za-z]{3,9}[ -]\\d{4})$';
const MONTH_IN_WORDS = fc
  .tuple(fc.constantFrom('JANUARY', 'February', 'Mar', 'Sept', 'december'), fc.integer({ min: 2000, max: 2099 }), fc.constantFrom(' ', '-'))
  .map(([month, year, between]) => `${month}${between}${year}`);

const DAY = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));

/** `effective.at`'s pattern as the API documents it (apps/api/src/http/effective.request.dto.ts): a day or a moment with its offset. */
const EFFECTIVE_AT = '^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,3})?)?(Z|[+-]\\d{2}:\\d{2}))?$';
const MOMENT = fc
  .tuple(
    fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }),
    fc.constantFrom('Z', '+01:00', '-05:30', '+00:00'),
  )
  .map(([date, offset]) => date.toISOString().replace('Z', offset));

function validString(schema: Schema): fc.Arbitrary<string> {
  switch (schema.format) {
    case 'date':
      return DAY;
    case 'uuid':
      return fc.uuid({ version: 4 });
    case 'uri':
      return fc.constantFrom('https://rotherham.example/yot/2.2/audit', 'http://example.org/a?b=c#d');
    case 'email':
      return fc.constantFrom('ada@example.org', 'suzanne.joyner@rotherham.example');
    case undefined:
      break;
    default:
      throw new Error(`no generator for a string of format ${schema.format}: teach test/support/bad-values.ts`);
  }
  if (schema.pattern === '^[0-9a-f]{64}$') return fc.stringMatching(/^[0-9a-f]{64}$/);
  if (schema.pattern === EFFECTIVE_AT) return fc.oneof(DAY, MOMENT);
  if (schema.pattern === DAY_OR_MONTH)
    return fc.oneof(
      DAY,
      DAY.map((day) => day.slice(0, 7)),
      MONTH_IN_WORDS,
    );
  if (schema.pattern) throw new Error(`no generator for a string matching ${schema.pattern}: teach test/support/bad-values.ts`);
  return text(schema.maxLength ?? 200);
}

/** A valid value; `full` gives every optional field and at least one item in every array, so any field path exists. */
export function valid(schema: Schema, full = false): fc.Arbitrary<unknown> {
  if (schema.enum) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case 'string':
      return validString(schema);
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000 });
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true, min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6 });
    case 'boolean':
      return fc.boolean();
    case 'array': {
      const minLength = Math.max(schema.minItems ?? 0, full ? 1 : 0);
      return fc.array(valid(schema.items!, full), { minLength, maxLength: Math.max(minLength, Math.min(schema.maxItems ?? 3, 3)) });
    }
    case 'object': {
      const keys = Object.keys(schema.properties ?? {});
      const model = Object.fromEntries(keys.map((key) => [key, valid(schema.properties![key], full)]));
      return fc.record(model, { requiredKeys: full ? keys : (schema.required ?? []) });
    }
    case undefined:
    default:
      throw new Error(`no generator for a field of type ${schema.type}: teach test/support/bad-values.ts`);
  }
}

const nonInteger = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }).filter((n) => !Number.isInteger(n));
const OF_TYPE: Record<string, fc.Arbitrary<unknown>> = {
  string: fc.string({ maxLength: 20 }),
  number: fc.oneof(fc.integer(), nonInteger),
  boolean: fc.boolean(),
  null: fc.constant(null),
  array: fc.array(fc.oneof(fc.string({ maxLength: 5 }), fc.integer(), fc.constant(null)), { maxLength: 3 }),
  object: fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.string({ maxLength: 5 }), fc.integer()), { maxKeys: 3 }),
};

/** A value of another JSON type than the field allows (a fraction for an integer; null unless nullable). */
export function wrongType(schema: Schema): fc.Arbitrary<unknown> {
  const own = schema.type ?? 'string';
  const others = Object.keys(OF_TYPE).filter((type) => type !== own && !(type === 'null' && schema.nullable));
  return fc.oneof(...others.map((type) => (type === 'number' && own === 'integer' ? nonInteger : OF_TYPE[type])));
}

const BAD_DAYS = [
  '2021-02-30',
  '2021-04-31',
  '2023-02-29',
  '2100-02-29',
  'Mar-21',
  '2021-13-01',
  '2021-00-10',
  '2021-1-5',
  '21-01-05',
  '2021-01-05T00:00:00Z',
  ' 2021-01-05',
  '2021-01-05\n',
  '2021/01/05',
  '05/01/2021',
  '２０２１-０１-０５',
  'yesterday',
  '',
  // Real days outside the years the engine takes (1900 to 2199).
  '9999-12-31',
  '1899-12-31',
  '2200-01-01',
  '0001-01-01',
];
/** A report's date may be a month in words, but only one the month reader takes, in the years the engine takes. */
const BAD_DAYS_OR_MONTHS = [...BAD_DAYS, 'Smarch 2022', 'JANUARY 2200', 'January 1899', 'January 22', 'January  2022'];
const BAD_UUIDS = [
  'not-a-uuid',
  '01a205b2-a10a-722c-aaa0-61d8780c9a9',
  '01a205b2a10a722caaa061d8780c9a9a',
  'g1a205b2-a10a-722c-aaa0-61d8780c9a9a',
  '{01a205b2-a10a-722c-aaa0-61d8780c9a9a}',
  '',
];
const BAD_URIS = [
  'not a url',
  'javascript:alert(1)',
  'ftp://example.org/file',
  '//example.org/a',
  'http://',
  'https://localhost',
  'file:///etc/passwd',
  '',
];
const BAD_EMAILS = ['plainaddress', 'a@', '@example.org', 'a b@example.org', 'a@@example.org', ''];
const BAD_SHA256 = ['A'.repeat(64), 'a'.repeat(63), 'a'.repeat(65), 'g'.repeat(64), ''];
/** Days that never happened, moments without an offset or out of range, and what people write instead. */
const BAD_EFFECTIVE_AT = [
  ...BAD_DAYS.filter((day) => day !== '2021-01-05T00:00:00Z'),
  '2021-01-05T10:00:00',
  '2021-01-05T24:00:00Z',
  '2021-01-05T10:60Z',
  '2021-02-30T10:00:00Z',
  '2021-01-05T10:00:00+15:00',
  '2021-01-05 10:00:00Z',
  '14 June 2022',
];

/** Text over `max` by the count class-validator uses (no surrogate pairs or variation selectors to discount). */
const tooLong = (max: number) =>
  fc.oneof(
    fc
      .tuple(fc.integer({ min: max + 1, max: max + 40 }), fc.constantFrom('x', 'é', 'ש', '\u200B', 'e\u0301'))
      .map(([n, unit]) => unit.repeat(n).slice(0, n)),
    fc.integer({ min: 100_000, max: 600_000 }).map((n) => 'y'.repeat(n)),
  );

/** A value of the field's own type that its rules refuse, or null where it may not be null. */
export function invalidValue(schema: Schema): fc.Arbitrary<unknown> {
  const options: Array<fc.Arbitrary<unknown>> = schema.nullable ? [] : [fc.constant(null)];
  if (schema.enum)
    options.push(
      fc
        .oneof(
          fc.constantFrom(...schema.enum.map((value) => ` ${String(value)}`), ...schema.enum.map((value) => String(value).toUpperCase())),
          text(30),
        )
        .filter((value) => !schema.enum!.includes(value)),
    );
  else if (schema.type === 'string') options.push(...invalidStrings(schema));
  if (schema.type === 'integer') {
    if (schema.minimum !== undefined) options.push(fc.integer({ min: schema.minimum - 1000, max: schema.minimum - 1 }));
    if (schema.maximum !== undefined) options.push(fc.integer({ min: schema.maximum + 1, max: schema.maximum + 1000 }), fc.constant(1e300));
    options.push(nonInteger);
  }
  // A figure (a measure's value): JSON has no NaN or Infinity, so below its minimum is all there is to refuse.
  if (schema.type === 'number' && schema.minimum !== undefined)
    options.push(fc.double({ noNaN: true, noDefaultInfinity: true, min: schema.minimum - 1000, max: schema.minimum - 0.001 }));
  if (schema.type === 'array') {
    if (schema.maxItems !== undefined)
      options.push(fc.array(valid(schema.items!), { minLength: schema.maxItems + 1, maxLength: schema.maxItems + 3 }));
    if (schema.minItems) options.push(fc.array(valid(schema.items!), { maxLength: schema.minItems - 1 }));
  }
  if (!options.length) throw new Error('no invalid value of this type');
  return fc.oneof(...options);
}

function invalidStrings(schema: Schema): Array<fc.Arbitrary<unknown>> {
  const withNul = validString(schema).chain((value) => fc.nat(value.length).map((at) => `${value.slice(0, at)}\u0000${value.slice(at)}`));
  const formats: Record<string, string[]> = { date: BAD_DAYS, uuid: BAD_UUIDS, uri: BAD_URIS, email: BAD_EMAILS };
  const bad = schema.format
    ? formats[schema.format]
    : schema.pattern === EFFECTIVE_AT
      ? BAD_EFFECTIVE_AT
      : schema.pattern === DAY_OR_MONTH
        ? BAD_DAYS_OR_MONTHS
        : schema.pattern
          ? BAD_SHA256
          : undefined;
  return [withNul, ...(schema.maxLength !== undefined ? [tooLong(schema.maxLength)] : []), ...(bad ? [fc.constantFrom(...bad)] : [])];
}

/** Whether a field has values of its own type that are invalid (enums, limits, formats) or null is refused. */
export const hasInvalidValues = (field: Field) => {
  try {
    invalidValue(field.schema);
    return true;
  } catch {
    return false;
  }
};

/** Sets `value` at `path` in a body built by `valid(schema, true)`, defining the key even when it is `__proto__`. */
export function setAt(body: unknown, path: FieldPath, value: unknown): void {
  const container = path.slice(0, -1).reduce<any>((at, key) => at[key], body);
  Object.defineProperty(container, path[path.length - 1], { value, enumerable: true, writable: true, configurable: true });
}

export function deleteAt(body: unknown, path: FieldPath): void {
  const container = path.slice(0, -1).reduce<any>((at, key) => at[key], body);
  delete container[path[path.length - 1]];
}
