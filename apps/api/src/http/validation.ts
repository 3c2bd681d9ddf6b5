import { ValidationPipe, type ValidationError } from '@nestjs/common';
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

/** Rejects unknown fields and wrong types, naming each field, before anything is decided. */
export const validation = new ValidationPipe({
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
