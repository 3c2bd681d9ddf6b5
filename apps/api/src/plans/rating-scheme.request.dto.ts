import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsNotEmpty, IsString, MaxLength, ValidateBy } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import {
  COMPLETION_STEPS,
  COUNTED_STATUSES,
  RATING_COLOURS,
  type CanonicalStatus,
  type CompletionStep,
  type RatingColour,
} from '@actionplans/domain';
import { IsNested, IsOptionalNotNull } from '../http/common.request.dto';

export class RatingCategoryRequest {
  /** Short and unique within the scheme: what a rating records, e.g. "on-track". */
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  key!: string;

  /** As the board's table prints it, e.g. "Action on track". */
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  label!: string;

  @IsIn(RATING_COLOURS)
  colour!: RatingColour;

  @IsString()
  @MaxLength(1000)
  meaning!: string;

  /** The canonical states the category counts; every counted state must fall in exactly one category of the scheme. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(7)
  @IsIn(COUNTED_STATUSES, { each: true })
  counts!: CanonicalStatus[];

  /** True: a rating into this category needs every impact measure of the action achieved, on figures that are not provisional. */
  @IsOptionalNotNull()
  @IsBoolean()
  requiresMeasuresAchieved?: boolean;
}

export class RatingSchemeRequest {
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  /** In the order the board's tables show them. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsNested(() => RatingCategoryRequest, { each: true })
  categories!: RatingCategoryRequest[];

  /** Which step counts as complete on a plan requiring approval to close (default `panel sign-off`). */
  @IsOptionalNotNull()
  @IsIn(COMPLETION_STEPS)
  @ApiProperty({ required: false, enum: COMPLETION_STEPS })
  completeAt?: CompletionStep;
}

/** Only one of a ready-made scheme's name and a scheme in full. */
export const NotWithPresetName = () =>
  ValidateBy({
    name: 'notWithPresetName',
    validator: {
      validate: (_: unknown, args) => (args?.object as { ratingScheme?: unknown }).ratingScheme === undefined,
      defaultMessage: () => 'give ratingScheme (a ready-made scheme) or ratingSchemeInFull, not both',
    },
  });
