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
  /** The directory identity the user signs in with, if any. */
  identity: { issuer: string; subject: string } | null;
}

const refuse = {
  notAdmin: () => new DomainError('USER.NOT_ADMIN', 'only an admin manages users'),
  exists: () => new DomainError('USER.ALREADY_ADDED', 'this user has been added already'),
  notFound: () => new DomainError('USER.NOT_FOUND', 'there is no such user'),
  disabled: () => new DomainError('USER.DISABLED', 'the user is disabled'),
  notDisabled: () => new DomainError('USER.NOT_DISABLED', 'the user is not disabled'),
  role: (role: string) => new DomainError('USER.UNKNOWN_ROLE', `"${role}" is not a role`),
  otherIdentity: () => new DomainError('USER.OTHER_IDENTITY', 'this user signs in with a different directory account'),
  directoryOnly: () => new DomainError('USER.DIRECTORY_ONLY', 'only sign-in through the directory (system) records a directory identity'),
};

/** Admins manage users; `system` is the command line run by whoever operates the server. */
const administers = (actor: Actor) => (actor.role === 'admin' || actor.role === 'system' ? null : refuse.notAdmin());
const live = (state: UserState) => (!state.added ? refuse.notFound() : state.disabled ? refuse.disabled() : null);

/** Users, their roles and their personal API tokens (stored as hashes only). */
export const userDecider: Decider<UserCommand, UserEvent, UserState> = {
  initialState: { added: false, role: null, disabled: false, identity: null },
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
        return { ...state, added: true, role: event.data.role };
      case 'UserRoleChanged':
        return { ...state, role: event.data.role };
      case 'UserDisabled':
        return { ...state, disabled: true };
      case 'UserEnabled':
        return { ...state, disabled: false };
      case 'ApiTokenIssued':
        return state;
      case 'DirectoryIdentityLinked':
        return { ...state, identity: { issuer: event.data.issuer, subject: event.data.subject } };
    }
  },
};

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
