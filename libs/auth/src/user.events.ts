import type { Role } from './roles';

/** Events of a `user-<id>` stream; the type strings are a stored contract. */
export type UserEvent =
  | { type: 'UserAdded'; data: { userId: string; name: string; email: string | null; role: Role } }
  | { type: 'ApiTokenIssued'; data: { tokenHash: string } }
  | { type: 'UserRoleChanged'; data: { role: Role; reason: string } }
  | { type: 'UserDisabled'; data: { reason: string } }
  /** The person signs in through the organisation's directory (OpenID Connect) as this user. */
  | { type: 'DirectoryIdentityLinked'; data: { issuer: string; subject: string } };

export const USER_STREAM_PREFIX = 'user-';
export const userStream = (userId: string) => `${USER_STREAM_PREFIX}${userId}`;
