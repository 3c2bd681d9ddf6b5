import { DomainError, firstOf, requiredIn, withEffectiveRules, type Actor, type CommandContext, type Decider } from '@actionplans/domain';
import { decodeUserEvent, type UserEvent } from './user.events';
import { isRole, type Role } from './roles';

export type UserCommand = CommandContext &
  (
    | { type: 'AddUser'; userId: string; name: string; email?: string | null; role: Role; tokenHash: string }
    | { type: 'IssueApiToken'; tokenHash: string }
    | { type: 'ChangeUserRole'; role: Role; reason: string }
    | { type: 'DisableUser'; reason: string }
    /** A disabled user may sign in again (someone back from leave, or disabled by mistake). */
    | { type: 'EnableUser'; reason: string }
    /** Where their reminders go; `null` removes the address. */
    | { type: 'ChangeUserEmail'; email: string | null; reason: string }
    /** Signs them out everywhere (a lost laptop, a leaked token): the token is revoked until a new one is issued. */
    | { type: 'EndUserSessions'; reason: string }
    /**
     * A person the directory vouches for signs in: added on first sign-in (no API token), linked if
     * they were added by hand first, and their role follows the directory's claims.
     */
    | { type: 'SignInFromDirectory'; userId: string; issuer: string; subject: string; name: string; email: string | null; role: Role }
  );

export interface UserState {
  added: boolean;
  role: Role | null;
  disabled: boolean;
  email: string | null;
  /** The directory identity the user signs in with, if any. */
  identity: { issuer: string; subject: string } | null;
}

const refuse = {
  notAdmin: () => new DomainError('USER.NOT_ADMIN', 'only an admin manages users'),
  exists: () => new DomainError('USER.ALREADY_ADDED', 'this user has been added already'),
  notFound: () => new DomainError('USER.NOT_FOUND', 'there is no such user'),
  disabled: () => new DomainError('USER.DISABLED', 'the user is disabled'),
  notDisabled: () => new DomainError('USER.NOT_DISABLED', 'the user is not disabled'),
  sameEmail: () => new DomainError('USER.ALREADY_THAT_EMAIL', 'the user already has this email address'),
  badEmail: () => new DomainError('USER.INVALID_EMAIL', 'an email address has one @ with something either side and no spaces'),
  role: (role: string) => new DomainError('USER.UNKNOWN_ROLE', `"${role}" is not a role`),
  otherIdentity: () => new DomainError('USER.OTHER_IDENTITY', 'this user signs in with a different directory account'),
  directoryOnly: () => new DomainError('USER.DIRECTORY_ONLY', 'only sign-in through the directory (system) records a directory identity'),
};

/** Admins manage users; `system` is the command line run by whoever operates the server. */
const administers = (actor: Actor) => (actor.role === 'admin' || actor.role === 'system' ? null : refuse.notAdmin());
const live = (state: UserState) => (!state.added ? refuse.notFound() : state.disabled ? refuse.disabled() : null);

/** Users, their roles and their personal API tokens (stored as hashes only). */
export const userDecider: Decider<UserCommand, UserEvent, UserState> = {
  initialState: { added: false, role: null, disabled: false, email: null, identity: null },
  decode: decodeUserEvent,
  decide: (command, state) => withEffectiveRules(userRules.decide(command, state), command, { user: command.began }),
  evolve: (state, event) => userRules.evolve(state, event),
};

/** The user's own rules, before an effective date is checked. */
const userRules: Omit<Decider<UserCommand, UserEvent, UserState>, 'decode' | 'initialState'> = {
  decide(command, state) {
    switch (command.type) {
      case 'AddUser':
        return (
          firstOf(
            administers(command.actor),
            state.added ? refuse.exists() : null,
            requiredIn('USER', command.name, 'name'),
            isRole(command.role) ? null : refuse.role(command.role),
          ) ?? [
            {
              type: 'UserAdded',
              data: { userId: command.userId, name: command.name.trim(), email: command.email ?? null, role: command.role },
            },
            { type: 'ApiTokenIssued', data: { tokenHash: command.tokenHash } },
          ]
        );
      case 'IssueApiToken':
        return firstOf(administers(command.actor), live(state)) ?? [{ type: 'ApiTokenIssued', data: { tokenHash: command.tokenHash } }];
      case 'ChangeUserRole':
        return (
          firstOf(
            administers(command.actor),
            live(state),
            isRole(command.role) ? null : refuse.role(command.role),
            requiredIn('USER', command.reason, 'reason'),
          ) ?? [{ type: 'UserRoleChanged', data: { role: command.role, reason: command.reason } }]
        );
      case 'DisableUser':
        return (
          firstOf(administers(command.actor), live(state), requiredIn('USER', command.reason, 'reason')) ?? [
            { type: 'UserDisabled', data: { reason: command.reason } },
          ]
        );
      case 'EnableUser':
        return (
          firstOf(
            administers(command.actor),
            state.added ? null : refuse.notFound(),
            state.disabled ? null : refuse.notDisabled(),
            requiredIn('USER', command.reason, 'reason'),
          ) ?? [{ type: 'UserEnabled', data: { reason: command.reason } }]
        );
      case 'ChangeUserEmail':
        return changeEmail(command, state);
      case 'EndUserSessions':
        return (
          firstOf(administers(command.actor), state.added ? null : refuse.notFound(), requiredIn('USER', command.reason, 'reason')) ?? [
            { type: 'UserSessionsEnded', data: { reason: command.reason } },
          ]
        );
      case 'SignInFromDirectory':
        return signIn(command, state);
      default: {
        const unhandled: never = command;
        throw new Error(`unhandled command ${JSON.stringify(unhandled)}`);
      }
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'UserAdded':
        return { ...state, added: true, role: event.data.role, email: event.data.email };
      case 'UserRoleChanged':
        return { ...state, role: event.data.role };
      case 'UserDisabled':
        return { ...state, disabled: true };
      case 'UserEnabled':
        return { ...state, disabled: false };
      case 'UserEmailChanged':
        return { ...state, email: event.data.email };
      case 'ApiTokenIssued':
      case 'UserSessionsEnded':
        return state;
      case 'DirectoryIdentityLinked':
        return { ...state, identity: { issuer: event.data.issuer, subject: event.data.subject } };
    }
  },
};

/** A plausible address, not a proof it is read: the same check the API's `@IsEmail` makes, loosely, for the command line. */
const EMAIL = /^[^\s@]+@[^\s@]+$/;

function changeEmail(command: Extract<UserCommand, { type: 'ChangeUserEmail' }>, state: UserState): UserEvent[] | DomainError {
  const email = command.email === null ? null : command.email.trim();
  return (
    firstOf(
      administers(command.actor),
      live(state),
      email !== null && !EMAIL.test(email) ? refuse.badEmail() : null,
      email?.toLowerCase() === state.email?.toLowerCase() ? refuse.sameEmail() : null,
      requiredIn('USER', command.reason, 'reason'),
    ) ?? [{ type: 'UserEmailChanged', data: { email, reason: command.reason } }]
  );
}

function signIn(command: Extract<UserCommand, { type: 'SignInFromDirectory' }>, state: UserState): UserEvent[] | DomainError {
  const { userId, issuer, subject, name, email, role } = command;
  const refused = firstOf(
    command.actor.role === 'system' ? null : refuse.directoryOnly(),
    isRole(role) ? null : refuse.role(role),
    state.disabled ? refuse.disabled() : null,
    state.identity && (state.identity.issuer !== issuer || state.identity.subject !== subject) ? refuse.otherIdentity() : null,
  );
  if (refused) return refused;
  const events: UserEvent[] = [];
  if (!state.added) events.push({ type: 'UserAdded', data: { userId, name: name.trim() || subject, email, role } });
  if (!state.identity) events.push({ type: 'DirectoryIdentityLinked', data: { issuer, subject } });
  if (state.added && state.role !== role)
    events.push({ type: 'UserRoleChanged', data: { role, reason: 'the directory gives a different role at sign-in' } });
  return events;
}
