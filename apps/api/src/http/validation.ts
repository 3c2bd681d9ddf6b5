import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
import { problem, ProblemError } from './problem';

type FieldError = { field: string; problem: string };

/** Each failed constraint as `field: problem`, nested fields named by path (`leadOwners.0.name`). */
export function fieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    // A field left out fails every one of its checks ("must be shorter than…; should not be empty; must be a string"):
    // say the one thing that is wrong. Optional fields left out are never checked, so this is a required one (a single
    // check of its own, such as a source required only for a past date, says more, and is kept).
    if (error.value === undefined && Object.keys(error.constraints ?? {}).length > 1) return [{ field, problem: 'is required' }];
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, problem: withoutFieldName(message, error.property) }));
    return [...own, ...fieldErrors(error.children ?? [], field)];
  });
}

// class-validator starts its messages with the property name; the field is reported beside it.
const withoutFieldName = (message: string, property: string) =>
  message.startsWith(`${property} `) ? message.slice(property.length + 1) : message;

/**
 * Optional fields a request left out come back from class-transformer as properties set to
 * undefined; they are removed, so "not sent" never reaches a command as "sent as nothing".
 * What class-transformer would drop without a word is refused first, from the JSON as sent.
 */
class RequestValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const refused = metadata.type === 'body' || metadata.type === 'query' ? asSent(value, metadata) : [];
    let transformed: unknown;
    try {
      transformed = await super.transform(value, metadata);
    } catch (error) {
      if (refused.length && error instanceof ProblemError) throw invalid([...refused, ...(error.problem.errors ?? [])]);
      throw error;
    }
    if (refused.length) throw invalid(refused);
    return withoutUndefined(transformed);
  }
}

/** A request object that is an array or a bare value, or holds what validation never sees: each named. */
function asSent(value: unknown, metadata: ArgumentMetadata): FieldError[] {
  const isRequestClass =
    typeof metadata.metatype === 'function' && ![String, Number, Boolean, Object, Array].includes(metadata.metatype as never);
  if (isRequestClass && value !== undefined && value !== null && (typeof value !== 'object' || Array.isArray(value))) {
    return [{ field: 'body', problem: 'must be a JSON object' }];
  }
  return unseen(value, '');
}

/**
 * Keys an object already has through its prototype (`__proto__`, `constructor`, `toString`…),
 * which class-transformer and Nest drop instead of reporting, and text holding U+0000, which the
 * event store refuses without knowing the field. Bodies are at most 32 deep (body-parsing.ts).
 */
function unseen(value: unknown, path: string): FieldError[] {
  const at = (key: string | number) => (path ? `${path}.${key}` : String(key));
  if (typeof value === 'string') return value.includes('\u0000') ? [{ field: path, problem: 'must not contain the character U+0000' }] : [];
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return [];
  return Object.entries(value).flatMap(([key, child]) =>
    !Array.isArray(value) && (key in Object.prototype || key === 'prototype')
      ? [{ field: at(key), problem: 'is not a known field' }]
      : unseen(child, at(key)),
  );
}

const invalid = (errors: FieldError[]) =>
  new ProblemError(problem(400, 'REQUEST.INVALID', errors.map((error) => `${error.field}: ${error.problem}`).join('; '), errors));

function withoutUndefined<T>(value: T): T {
  if (Array.isArray(value)) value.forEach(withoutUndefined);
  else if (value !== null && typeof value === 'object') {
    for (const [key, field] of Object.entries(value)) {
      if (field === undefined) delete (value as Record<string, unknown>)[key];
      else withoutUndefined(field);
    }
  }
  return value;
}

/** Rejects unknown fields and wrong types, naming each field, before anything is decided. */
export const validation = new RequestValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  transform: true,
  // The value is read only to tell a field left out; answers name fields and problems, never values.
  validationError: { target: false, value: true },
  exceptionFactory: (errors) =>
    invalid(
      fieldErrors(errors).map((error) =>
        error.problem === `property ${error.field.split('.').at(-1)} should not exist`
          ? { ...error, problem: 'is not a known field' }
          : error,
      ),
    ),
});
