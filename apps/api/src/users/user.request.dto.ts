import { IsEmail, IsIn, IsNotEmpty, IsString, MaxLength, ValidateIf } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import { CommandResponse } from '../http/command.response.dto';
import { ROLES, type Role } from '@actionplans/auth';
import { IsOptionalNotNull } from '../http/common.request.dto';
import { CommandRequest } from '../http/effective.request.dto';

export class AddUserRequest extends CommandRequest {
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @IsOptionalNotNull()
  @IsEmail()
  email?: string;

  @IsIn(ROLES)
  role!: Role;
}

export class IssuedTokenResponse {
  userId!: string;
  /** Shown this once: only its hash is kept. */
  token!: string;
  position!: number;
}

export class UserResponse {
  userId!: string;
  name!: string;
  /** Shown to admins, auditors and the user themself; left out for anyone else, who sees the name. */
  email?: string | null;
  role!: Role;
  disabled!: boolean;
}

/** Why an admin changes a user: kept in the user's history. */
export class UserChangeRequest extends CommandRequest {
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}

export class ChangeUserRoleRequest extends UserChangeRequest {
  @IsIn(ROLES)
  role!: Role;
}

export class ChangeUserEmailRequest extends UserChangeRequest {
  /** Where reminders go from now on; `null` removes the address. */
  @ApiProperty({ type: String, nullable: true, format: 'email', maxLength: 254 })
  @ValidateIf((_, value) => value !== null)
  @IsEmail()
  @MaxLength(254)
  email!: string | null;
}

/** A signed-out user: the command's outcome and how many browser sessions ended. */
export class SignedOutResponse extends CommandResponse {
  /** Browser sessions ended (0 when this process serves no pages). */
  sessionsEnded!: number;
}
