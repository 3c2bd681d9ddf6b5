import { IntersectionType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { ASSESSMENTS, EVIDENCE_KINDS, LINK_KINDS, type Assessment, type LinkKind } from '@actionplans/domain';
import {
  IsDay,
  IsNested,
  IsOptionalNotNull,
  IsTargetDateText,
  OwnerRequest,
  OwnersRequest,
  ReasonRequest,
  ReferencesField,
} from '../http/common.request.dto';
import { CommandRequest, EffectiveRequest, PaperEffectiveRequest } from '../http/effective.request.dto';

class RaiseActionFields {
  /** The grouping (recommendation, area…) of the plan the action sits under. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  groupingId!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  description!: string;

  /** As the plan writes it ("Mar-21", "To commence January 2021", "Monthly…"); null when none is set. */
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(200)
  @IsTargetDateText()
  targetDate!: string | null;

  /** When the action is due to start, as the plan writes it ("To commence January 2021"); before it, an action with no progress is not due to start. */
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(200)
  @IsTargetDateText()
  startDate?: string | null;

  /** What the panel will want to see, e.g. "Minutes of meeting and powerpoint." */
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(2000)
  evidenceRequired?: string | null;
}

export class RaiseActionRequest extends IntersectionType(RaiseActionFields, OwnersRequest, ReferencesField, CommandRequest) {}

export class AmendActionRequest extends ReasonRequest {
  /** A new start date as the plan writes it; null clears it. */
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(200)
  @IsTargetDateText()
  startDate?: string | null;

  @IsOptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  description?: string;

  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(50, { each: true })
  references?: string[];

  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(2000)
  evidenceRequired?: string | null;
}

export class ChangeOwnersRequest extends IntersectionType(OwnersRequest, ReasonRequest) {}

/** `effective` is when the update was given (a plan manager entering a paper's); `asOf` is the day it describes, not after it. */
export class UpdateProgressRequest extends CommandRequest {
  /** What has happened since the last update. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(8000)
  commentary!: string;

  /** The owner's own view; the engine still computes the status from the dates. */
  @IsIn(ASSESSMENTS)
  assessment!: Assessment;

  /** The day the update describes; an earlier day than today needs a backdating reason. */
  @IsDay()
  asOf!: string;

  @IsOptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  backdatingReason?: string;

  /** The owner's proposed rating: a category of the plan's rating scheme, by key or label. */
  @IsOptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  rating?: string;
}

/** A plan manager's rating, on someone's authority. */
export class ModerateRatingRequest extends CommandRequest {
  /** A category of the plan's rating scheme, by key or label. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  rating!: string;

  /** On whose authority, e.g. "the Youth Justice Board". */
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  authority!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}

export class EvidenceFileRequest {
  /** The SHA-256 `POST /files` returned for the uploaded content. */
  @Matches(/^[0-9a-f]{64}$/, { message: 'must be the 64 hex digits of a SHA-256 that POST /files returned' })
  sha256!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  name!: string;
}

export class AttachEvidenceRequest extends CommandRequest {
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  title!: string;

  @IsIn(EVIDENCE_KINDS)
  kind!: (typeof EVIDENCE_KINDS)[number];

  /** A link to the evidence; give this or `file`. */
  @IsOptionalNotNull()
  @IsUrl({ require_protocol: true, protocols: ['http', 'https'] }, { message: 'must be an http(s) URL' })
  @MaxLength(2000)
  link?: string;

  /** An uploaded file; give this or `link`. */
  @IsOptionalNotNull()
  @IsNested(() => EvidenceFileRequest)
  file?: EvidenceFileRequest;

  /** Exempt case material, readable only by the action's owners, the members of panel meetings it is tabled at, and auditors. */
  @IsOptionalNotNull()
  @IsBoolean()
  restricted?: boolean;
}

export class RequestRevisionRequest extends ReasonRequest {
  /** The new target date as it would be written in the plan, e.g. "Jun-21". */
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @IsTargetDateText()
  proposed!: string;
}

export class LinkActionRequest extends CommandRequest {
  @IsIn(LINK_KINDS)
  kind!: LinkKind;

  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  targetActionId!: string;

  @IsOptionalNotNull()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class UnlinkActionRequest extends ReasonRequest {
  @IsIn(LINK_KINDS)
  kind!: LinkKind;

  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  targetActionId!: string;
}

export class ChallengeAnswerRequest {
  /** The panel's challenge point, word for word. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  challengePoint!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(8000)
  answer!: string;
}

export class SubmitForSignOffRequest extends CommandRequest {
  /** The evidence the claim of completion relies on. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  evidenceIds!: string[];

  @IsOptionalNotNull()
  @IsString()
  @MaxLength(8000)
  note?: string;

  /** Answers to the challenge points of the panel's last "more evidence required". */
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(50)
  @IsNested(() => ChallengeAnswerRequest, { each: true })
  answers?: ChallengeAnswerRequest[];
}

export { OwnerRequest, ReasonRequest };

/** A sign-off given before the plan came into the engine: the day it was given and the paper that records it. */
export class SignOffFromPaperRequest {
  @IsNested(() => PaperEffectiveRequest)
  effective!: PaperEffectiveRequest;
}

/** The plan's named body approved closure: on whose authority, and when (with where it is written down, when before today). */
export class ApprovalToCloseRequest {
  /** The minute or paper that records it, e.g. "minute 6". */
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  authority!: string;

  // The day the body approved closure. A comment here would become the property's description,
  // which the OpenAPI document can only give beside its reference by wrapping it in allOf.
  @IsNested(() => EffectiveRequest)
  effective!: EffectiveRequest;
}

/** A body the plan names signed the action off in the panel's place, at its meeting on `effective.at`. */
export class DelegatedSignOffRequest extends ApprovalToCloseRequest {
  /** One of the bodies the plan names, e.g. "Youth Justice Management Board". */
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  body!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(8000)
  rationale!: string;
}
