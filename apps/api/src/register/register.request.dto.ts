import { IsEmail, IsNotEmpty, IsString, IsUUID, MaxLength, ValidateIf } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import { IsOptionalNotNull } from '../http/common.request.dto';
import { CommandRequest } from '../http/effective.request.dto';

export class RegisterOrganisationRequest extends CommandRequest {
  /** As it is called now, e.g. "South Yorkshire Police". */
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;
}

/** A new name from its effective date (`effective.at`, e.g. YOT became YJS on 2022-04-06); earlier names stay in its history. */
export class RenameOrganisationRequest extends RegisterOrganisationRequest {
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}

export class RegisterPersonRequest extends CommandRequest {
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  /** Where their reminders go; they need no user account. */
  @IsOptionalNotNull()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @IsOptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  jobTitle?: string;

  /** An organisation of the register. */
  @IsOptionalNotNull()
  @IsUUID()
  organisationId?: string;
}

/** The person's details from now on, whole; `null` clears one. */
export class ChangePersonDetailsRequest extends CommandRequest {
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ type: String, nullable: true, format: 'email', maxLength: 254 })
  @ValidateIf((_, value) => value !== null)
  @IsEmail()
  @MaxLength(254)
  email!: string | null;

  @ApiProperty({ type: String, nullable: true, maxLength: 200 })
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  jobTitle!: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  @ValidateIf((_, value) => value !== null)
  @IsUUID()
  organisationId!: string | null;

  /** Why, e.g. "misspelt Sweaton in the July paper". */
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}

export class MergePersonRequest extends CommandRequest {
  /** The record kept: this one is closed, and its history shows under that one. */
  @IsUUID()
  into!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}

export class PersonLeavingRequest extends CommandRequest {
  /** The person in the register who takes over their open actions. */
  @IsUUID()
  successor!: string;

  /** Why, e.g. "retired 31 March 2023": each moved action's history says it. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}

/** Where reminders to an organisation go: an address (a shared mailbox), a person of the register, or both; both null clears it. */
export class OrganisationContactRequest extends CommandRequest {
  @ApiProperty({ type: String, nullable: true, format: 'email', maxLength: 254 })
  @ValidateIf((_, value) => value !== null)
  @IsEmail()
  @MaxLength(254)
  email!: string | null;

  /** A person of the register (open, not merged into another); reminders reach their address when the organisation has none of its own. */
  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  @ValidateIf((_, value) => value !== null)
  @IsUUID()
  personId!: string | null;

  /** Why, e.g. "the partnership inspector is the single point of contact from April". */
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}
