import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
import { problem, ProblemError } from './problem';

/** Each failed constraint as `field: problem`, nested fields named by path (`leadOwners.0.name`). */
export function fieldErrors(errors: ValidationError[], parent = ''): Array<{ field: string; problem: string }> {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
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
 */
class RequestValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    return withoutUndefined(await super.transform(value, metadata));
  }
}

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
  validationError: { target: false, value: false },
  exceptionFactory: (errors) => {
    const listed = fieldErrors(errors).map((error) =>
      error.problem === `property ${error.field.split('.').at(-1)} should not exist` ? { ...error, problem: 'is not a known field' } : error);
    const detail = listed.map((error) => `${error.field}: ${error.problem}`).join('; ');
    return new ProblemError(problem(400, 'REQUEST.INVALID', detail, listed));
  },
});
