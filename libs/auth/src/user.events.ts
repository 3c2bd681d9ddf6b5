import { eventDecoder, streamNames } from '@actionplans/domain';
import type { Role } from './roles';

/** Events of a `user-<id>` stream; the type strings are a stored contract. */
export type UserEvent =
  | { type: 'UserAdded'; data: { userId: string; name: string; email: string | null; role: Role } }
  | { type: 'ApiTokenIssued'; data: { tokenHash: string } }
  | { type: 'UserRoleChanged'; data: { role: Role; reason: string } }
  | { type: 'UserDisabled'; data: { reason: string } }
  /** Enabled again after `UserDisabled`: they may sign in, and their API token works again. */
  | { type: 'UserEnabled'; data: { reason: string } }
  /** Reminders go to the new address; `null` when the person no longer has one. */
  | { type: 'UserEmailChanged'; data: { email: string | null; reason: string } }
  /** Signed out everywhere: their API token stops working (a new one must be issued), and the pages end their sessions. */
  | { type: 'UserSessionsEnded'; data: { reason: string } }
  /** The person signs in through the organisation's directory (OpenID Connect) as this user. */
  | { type: 'DirectoryIdentityLinked'; data: { issuer: string; subject: string } };

/** `user-<id>`: one stream per user. */
export const userStreams = streamNames('user');
export const userStream = userStreams.stream;
export const isUserStream = userStreams.owns;
export const userIdOf = userStreams.idOf;

const USER_EVENT_TYPES: Record<UserEvent['type'], true> = {
  UserAdded: true,
  ApiTokenIssued: true,
  UserRoleChanged: true,
  UserDisabled: true,
  UserEnabled: true,
  UserEmailChanged: true,
  UserSessionsEnded: true,
  DirectoryIdentityLinked: true,
};

/** A stored event of a user's stream as a `UserEvent`. */
export const decodeUserEvent = eventDecoder<UserEvent>('user', USER_EVENT_TYPES);
