import { IsEmail, IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
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
