import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsObject,
  IsString,
  IsUUID,
  MaxLength,
  ValidateBy,
  ValidateIf,
  ValidateNested,
  type ValidationArguments,
} from 'class-validator';
import { isWithinDateRange, RANGE_PROBLEM, readSourceDate, targetDateRangeProblem } from '@actionplans/domain';
import { CommandRequest } from './effective.request.dto';

/** A calendar date as plans write them once read: YYYY-MM-DD. */
export const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
export const DATE_MESSAGE = 'must be a date written YYYY-MM-DD';

/** Written YYYY-MM-DD and on the calendar: 2021-02-30 has the shape of a day but is none. */
function isCalendarDay(value: unknown): boolean {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return false;
  const [year, month, day] = value.split('-').map(Number);
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A month as the papers write it: "JANUARY 2022", "Sept 2021", "Jan-2022". */
const MONTH_IN_WORDS = /^([A-Za-z]{3,9})[ -](\d{4})$/;
const DAY_OR_MONTH_MESSAGE = 'must be a date written YYYY-MM-DD, or a month written YYYY-MM or as the paper does ("JANUARY 2022")';

/** What is wrong with a day (or, where a month is taken, a month), if anything: its shape, then its range. */
function dayProblem(value: unknown, monthToo: boolean): string | undefined {
  const isMonth = monthToo && typeof value === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(value);
  if (monthToo && typeof value === 'string' && MONTH_IN_WORDS.test(value)) {
    // Words the month reader took were made YYYY-MM before validation; these it did not take.
    return isWithinDateRange(`${MONTH_IN_WORDS.exec(value)![2]}-01-01`) ? DAY_OR_MONTH_MESSAGE : RANGE_PROBLEM;
  }
  if (!isCalendarDay(value) && !isMonth) return monthToo ? DAY_OR_MONTH_MESSAGE : DATE_MESSAGE;
  return isWithinDateRange(value as string) ? undefined : RANGE_PROBLEM;
}

const dayValidator = (name: string, monthToo: boolean, each = false) =>
  ValidateBy(
    {
      name,
      validator: {
        validate: (value: unknown) => dayProblem(value, monthToo) === undefined,
        defaultMessage: (args?: ValidationArguments) => dayProblem(args?.value, monthToo)!,
      },
    },
    { each },
  );

/** A required calendar day, between 1900-01-01 and 2199-12-31, checked here and described as `format: date` to generated clients. */
export const IsDay = ({ each = false }: { each?: boolean } = {}) =>
  applyDecorators(
    dayValidator('isDay', false, each),
    ApiProperty({ type: String, isArray: each, format: 'date', pattern: ISO_DATE.source, example: '2021-03-31' }),
  );

/**
 * A day, or a month where a paper gives only that, e.g. a report's date: YYYY-MM, or in words as
 * the paper writes it ("JANUARY 2022"), read as the domain reads it and passed on as YYYY-MM.
 */
export const IsDayOrMonth = () =>
  applyDecorators(
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' && MONTH_IN_WORDS.test(value) ? (readSourceDate(value) ?? value) : value,
    ),
    dayValidator('isDayOrMonth', true),
    ApiProperty({
      type: String,
      pattern: '^(\\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\\d|3[01]))?|[A-Za-z]{3,9}[ -]\\d{4})$',
      example: 'JANUARY 2022',
    }),
  );

/**
 * A target or start date as the plan writes it ("Mar-21", "Ongoing", "TBC"): any text is kept, but
 * text that names a day, month or quarter must name one within the range ("9999-12-31" is a slip).
 */
export const IsTargetDateText = () =>
  ValidateBy({
    name: 'isTargetDateText',
    validator: {
      validate: (value: unknown) => typeof value !== 'string' || targetDateRangeProblem(value) === undefined,
      defaultMessage: (args?: ValidationArguments) => targetDateRangeProblem(String(args?.value))!,
    },
  });

/**
 * May be left out, but not sent as null. class-validator's IsOptional passes null as if left out,
 * and it then reaches the command as a value (an action's references set to null). A field that
 * may be null says so with IsOptional and ValidateIf(value !== null).
 */
export const IsOptionalNotNull = () => ValidateIf((_, value) => value !== undefined);

/**
 * A nested request object: ValidateNested alone also takes an array (of anything it would take
 * as items), which would reach the command in the object's place.
 */
export const IsNested = (type: () => new () => object, options: { each?: boolean } = {}) =>
  applyDecorators(IsObject(options), ValidateNested(options), Type(type));

/** A list of ids of the engine's records (actions, groupings): each a non-empty string of at most 100 characters, at most `max` of them. */
export const IsIdList = (max: number, options: { unique?: boolean; nonEmpty?: boolean } = {}) =>
  applyDecorators(
    IsArray(),
    ...(options.nonEmpty ? [ArrayNotEmpty()] : []),
    ArrayMaxSize(max),
    ...(options.unique ? [ArrayUnique()] : []),
    IsString({ each: true }),
    IsNotEmpty({ each: true }),
    MaxLength(100, { each: true }),
  );

export const OWNER_KINDS = ['person', 'role', 'team', 'organisation'] as const;

/** A lead or supporting owner: a person, role, team or organisation, linked to a user when one acts for it. */
export class OwnerRequest {
  /** What kind of owner this is. */
  @IsIn(OWNER_KINDS)
  kind!: (typeof OWNER_KINDS)[number];

  /** As the plan names it, e.g. "Service Manager Evidence Based Hub and YOT" or "South Yorkshire Police". */
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  /** The user who acts for this owner: they may update the action. */
  @IsOptionalNotNull()
  @IsUUID()
  userId?: string;

  /** Where reminders reach an owner with no user account, e.g. a partner organisation's contact. */
  @IsOptionalNotNull()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  /** The person in the register this owner is; they need no user account. Refused (422) if unknown or merged into another. */
  @IsOptionalNotNull()
  @IsUUID()
  personId?: string;

  /** The organisation in the register this owner is: reminded at its contact. Refused (422) if unknown. */
  @IsOptionalNotNull()
  @IsUUID()
  organisationId?: string;
}

/** Lead and supporting owners, validated as nested objects. */
export class OwnersRequest {
  /** At least one accountable lead. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsNested(() => OwnerRequest, { each: true })
  leadOwners!: OwnerRequest[];

  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(50)
  @IsNested(() => OwnerRequest, { each: true })
  supportingOwners?: OwnerRequest[];
}

/** Display references such as "2.3", "PR-11" or "YJS AP 4.1": labels, not identities. */
export class ReferencesField {
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(50, { each: true })
  references!: string[];
}

/** Why: every change that is not routine says why, and the history keeps it. */
export class ReasonRequest extends CommandRequest {
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}
