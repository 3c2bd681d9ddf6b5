import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { isEffective, isPastDated, readEffective } from '@actionplans/domain';
import { Type } from 'class-transformer';
import {
  IsNotEmpty,
  IsObject,
  IsString,
  MaxLength,
  ValidateBy,
  ValidateIf,
  ValidateNested,
  type ValidationArguments,
} from 'class-validator';

/** A day, or a moment with its offset: the shapes `readEffective` takes (it then checks the calendar and the clock). */
export const EFFECTIVE_AT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;

const problemWith = (value: unknown) =>
  typeof value === 'string' ? (readEffective(value) as { problem?: string }).problem : 'must be a string';

/** When it happened: a real day or a moment with its offset, read by the domain's own reader. */
const IsEffectiveAt = () =>
  applyDecorators(
    ValidateBy({
      name: 'isEffectiveAt',
      validator: { validate: (value) => problemWith(value) === undefined, defaultMessage: (args) => problemWith(args?.value)! },
    }),
    ApiProperty({
      type: String,
      pattern: EFFECTIVE_AT.source,
      example: '2022-06-14',
      description: 'When it happened: a day (2022-06-14) or a moment with its offset (2022-06-14T10:00:00+01:00); stored in UTC.',
    }),
  );

/** Before today (UTC): the clock is read here, at the edge, as for every request's `now`. */
const pastDated = (at: unknown) => {
  const effective = typeof at === 'string' ? readEffective(at) : null;
  return effective !== null && isEffective(effective) && isPastDated(effective, new Date().toISOString());
};

const SOURCE_MAX = 500;

/** What is wrong with a source, if anything: required (and saying something) when `at` is before today. */
function sourceProblem(value: unknown, at: unknown): string | undefined {
  if (value === undefined)
    return pastDated(at) ? 'is required when effective.at is before today: name the paper or minutes it is taken from' : undefined;
  if (typeof value !== 'string') return 'must be a string';
  if (value.trim() === '') return 'must say where it is written down';
  return value.length > SOURCE_MAX ? `must be shorter than or equal to ${SOURCE_MAX} characters` : undefined;
}

/** Where it is written down; checked as a whole because whether it is required depends on `at`. */
const IsSource = () =>
  applyDecorators(
    ValidateBy({
      name: 'isSource',
      validator: {
        validate: (value, args?: ValidationArguments) => sourceProblem(value, (args?.object as { at?: unknown }).at) === undefined,
        defaultMessage: (args?: ValidationArguments) => sourceProblem(args?.value, (args?.object as { at?: unknown }).at)!,
      },
    }),
    ApiProperty({
      type: String,
      required: false,
      maxLength: SOURCE_MAX,
      example: 'minutes of the evidence challenge panel, 14 June 2022',
      description: 'Where it is written down; required when `at` is before today.',
    }),
  );

/** When what a command records actually happened, if not now, and where that is written down. */
export class EffectiveRequest {
  @IsEffectiveAt()
  at!: string;

  @IsSource()
  source?: string;
}

/**
 * What every command's body may carry: when what it records happened. Only plan managers and
 * admins may give a day before today (owners backdate their progress with `asOf`).
 */
export class CommandRequest {
  // May be left out, not sent as null; an array is not an object here (see IsNested in common.request.dto.ts).
  @ValidateIf((_, value) => value !== undefined)
  @IsObject()
  @ValidateNested()
  @Type(() => EffectiveRequest)
  effective?: EffectiveRequest;
}

/** An effective date that must be given, with its source: what a paper records. */
export class PaperEffectiveRequest {
  @IsEffectiveAt()
  at!: string;

  /** The paper, e.g. "YOT HMIP action plan v0.9, 15 July 2021". */
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  source!: string;
}
