import { spec } from '../../testing/src/decider-spec';
import type { RecordedEvent } from '@actionplans/event-store';
import { hashApiToken, newApiToken } from './api-token';
import { userDecider } from './user.decider';
import { UserDirectory } from './user-directory';
import type { UserEvent } from './user.events';

const now = '2026-11-22T10:00:00.000Z';
const admin = { userId: 'u-admin', role: 'admin' as const };
const added: UserEvent = { type: 'UserAdded', data: { userId: 'u-1', name: 'Head of Service LAC', email: null, role: 'action owner' } };
const given = (...events: UserEvent[]) => spec(userDecider).given(events);

describe('users', () => {
  const add = {
    type: 'AddUser' as const,
    actor: admin,
    now,
    userId: 'u-1',
    name: 'Head of Service LAC',
    role: 'action owner' as const,
    tokenHash: 'h1',
  };
  it('adds a user with the hash of their first token', () =>
    given()
      .when(add)
      .then([added, { type: 'ApiTokenIssued', data: { tokenHash: 'h1' } }]));
  it('lets the command line (system) add the first admin', () =>
    given()
      .when({ ...add, actor: { userId: 'command-line', role: 'system' } })
      .thenAppends('UserAdded', 'ApiTokenIssued'));
  it('refuses anyone but an admin', () =>
    given()
      .when({ ...add, actor: { userId: 'u-2', role: 'plan manager' } })
      .thenRefuses('USER.NOT_ADMIN'));
  it('refuses adding the same user twice', () => given(added).when(add).thenRefuses('USER.ALREADY_ADDED'));
  it('refuses a role that does not exist', () =>
    given()
      .when({ ...add, role: 'superuser' as never })
      .thenRefuses('USER.UNKNOWN_ROLE'));
  it('refuses a blank name', () =>
    given()
      .when({ ...add, name: ' ' })
      .thenRefuses('USER.REQUIRED'));
  it('issues no token to a disabled user', () =>
    given(added, { type: 'UserDisabled', data: { reason: 'left' } })
      .when({ type: 'IssueApiToken', actor: admin, now, tokenHash: 'h2' })
      .thenRefuses('USER.DISABLED'));
  it('issues no token to a user who does not exist', () =>
    given().when({ type: 'IssueApiToken', actor: admin, now, tokenHash: 'h2' }).thenRefuses('USER.NOT_FOUND'));
});

describe('changing a role, disabling and enabling', () => {
  const disabled: UserEvent = { type: 'UserDisabled', data: { reason: 'left the council' } };
  it('changes a role, saying why', () =>
    given(added)
      .when({ type: 'ChangeUserRole', actor: admin, now, role: 'panel member', reason: 'joined the panel' })
      .then([{ type: 'UserRoleChanged', data: { role: 'panel member', reason: 'joined the panel' } }]));
  it('refuses a role change without a reason', () =>
    given(added).when({ type: 'ChangeUserRole', actor: admin, now, role: 'panel member', reason: ' ' }).thenRefuses('USER.REQUIRED'));
  it('disables a user and enables them again, each with a reason', () => {
    given(added).when({ type: 'DisableUser', actor: admin, now, reason: 'left the council' }).then([disabled]);
    given(added, disabled)
      .when({ type: 'EnableUser', actor: admin, now, reason: 'came back' })
      .then([{ type: 'UserEnabled', data: { reason: 'came back' } }]);
  });
  it('refuses to enable a user who is not disabled, or anyone but an admin', () => {
    given(added).when({ type: 'EnableUser', actor: admin, now, reason: 'why not' }).thenRefuses('USER.NOT_DISABLED');
    given(added, disabled)
      .when({ type: 'EnableUser', actor: { userId: 'u-2', role: 'plan manager' }, now, reason: 'came back' })
      .thenRefuses('USER.NOT_ADMIN');
    given(added, disabled).when({ type: 'EnableUser', actor: admin, now, reason: '' }).thenRefuses('USER.REQUIRED');
  });
});

describe('changing an email address and signing out everywhere', () => {
  const withEmail: UserEvent = { ...added, data: { ...added.data, email: 'lac@rotherham.gov.uk' } };
  const change = { type: 'ChangeUserEmail' as const, actor: admin, now, email: 'lac.head@rotherham.gov.uk', reason: 'new mailbox' };
  it('changes the address reminders go to, saying why', () =>
    given(withEmail)
      .when(change)
      .then([{ type: 'UserEmailChanged', data: { email: 'lac.head@rotherham.gov.uk', reason: 'new mailbox' } }]));
  it('removes an address', () =>
    given(withEmail)
      .when({ ...change, email: null, reason: 'mailbox closed' })
      .then([{ type: 'UserEmailChanged', data: { email: null, reason: 'mailbox closed' } }]));
  it('refuses the address they already have, in any case, and one that is not an address', () => {
    given(withEmail)
      .when({ ...change, email: 'LAC@rotherham.gov.uk' })
      .thenRefuses('USER.ALREADY_THAT_EMAIL');
    given(withEmail)
      .when({ ...change, email: 'lac at rotherham' })
      .thenRefuses('USER.INVALID_EMAIL');
  });
  it('refuses a change without a reason, by anyone but an admin, or to a disabled user', () => {
    given(withEmail)
      .when({ ...change, reason: ' ' })
      .thenRefuses('USER.REQUIRED');
    given(withEmail)
      .when({ ...change, actor: { userId: 'u-2', role: 'plan manager' } })
      .thenRefuses('USER.NOT_ADMIN');
    given(withEmail, { type: 'UserDisabled', data: { reason: 'left' } })
      .when(change)
      .thenRefuses('USER.DISABLED');
  });
  it('signs a user out everywhere with a reason, disabled or not, and refuses a user who does not exist', () => {
    const end = { type: 'EndUserSessions' as const, actor: admin, now, reason: 'laptop stolen' };
    given(added)
      .when(end)
      .then([{ type: 'UserSessionsEnded', data: { reason: 'laptop stolen' } }]);
    given(added, { type: 'UserDisabled', data: { reason: 'left' } })
      .when(end)
      .thenAppends('UserSessionsEnded');
    given().when(end).thenRefuses('USER.NOT_FOUND');
    given(added)
      .when({ ...end, reason: '' })
      .thenRefuses('USER.REQUIRED');
  });
});

describe('signing in through the directory', () => {
  const system = { userId: 'sso', role: 'system' as const };
  const signIn = {
    type: 'SignInFromDirectory' as const,
    actor: system,
    now,
    userId: 'u-1',
    issuer: 'https://login.example/t',
    subject: 'oid-1',
    name: 'Head of Service LAC',
    email: 'lac@rotherham.gov.uk',
    role: 'action owner' as const,
  };
  const linked: UserEvent = { type: 'DirectoryIdentityLinked', data: { issuer: 'https://login.example/t', subject: 'oid-1' } };
  it('adds a person on their first sign-in, with no API token, and links their identity', () =>
    given()
      .when(signIn)
      .then([
        { type: 'UserAdded', data: { userId: 'u-1', name: 'Head of Service LAC', email: 'lac@rotherham.gov.uk', role: 'action owner' } },
        linked,
      ]));
  it('links a user added by hand when they first sign in', () => given(added).when(signIn).then([linked]));
  it('records nothing when a linked person signs in again with the same role', () => given(added, linked).when(signIn).then([]));
  it('follows the directory when it gives another role, and says why in the history', () =>
    given(added, linked)
      .when({ ...signIn, role: 'panel member' })
      .then([{ type: 'UserRoleChanged', data: { role: 'panel member', reason: 'the directory gives a different role at sign-in' } }]));
  it('refuses a user disabled here, whatever the directory says', () =>
    given(added, linked, { type: 'UserDisabled', data: { reason: 'left the council' } })
      .when(signIn)
      .thenRefuses('USER.DISABLED'));
  it('refuses to take over a user linked to another directory account', () =>
    given(added, linked)
      .when({ ...signIn, subject: 'oid-2' })
      .thenRefuses('USER.OTHER_IDENTITY'));
  it('is recorded only by the sign-in process, not by a person', () =>
    given()
      .when({ ...signIn, actor: admin })
      .thenRefuses('USER.DIRECTORY_ONLY'));
});

describe('the user directory', () => {
  let position = 0;
  const recorded = (event: UserEvent): RecordedEvent => ({
    ...event,
    id: `e${++position}`,
    stream: 'user-u-1',
    version: position,
    position,
    metadata: {} as RecordedEvent['metadata'],
  });

  it('finds a user by the hash of their token, and no longer by a replaced one', () => {
    const directory = new UserDirectory();
    const first = newApiToken();
    const second = newApiToken();
    directory.apply(recorded(added));
    directory.apply(recorded({ type: 'ApiTokenIssued', data: { tokenHash: first.hash } }));
    expect(directory.byTokenHash(hashApiToken(first.token))?.name).toBe('Head of Service LAC');
    directory.apply(recorded({ type: 'ApiTokenIssued', data: { tokenHash: second.hash } }));
    expect(directory.byTokenHash(first.hash)).toBeUndefined();
    expect(directory.byTokenHash(second.hash)?.userId).toBe('u-1');
  });

  it('does not authenticate a disabled user', () => {
    const directory = new UserDirectory();
    const token = newApiToken();
    for (const event of [
      added,
      { type: 'ApiTokenIssued', data: { tokenHash: token.hash } },
      { type: 'UserDisabled', data: { reason: 'left' } },
    ] as UserEvent[]) {
      directory.apply(recorded(event));
    }
    expect(directory.byTokenHash(token.hash)).toBeUndefined();
    directory.apply(recorded({ type: 'UserEnabled', data: { reason: 'came back' } }));
    expect(directory.byTokenHash(token.hash)?.disabled).toBe(false);
  });

  it('stops authenticating a token once the user is signed out everywhere, until a new one is issued', () => {
    const directory = new UserDirectory();
    const first = newApiToken();
    const second = newApiToken();
    directory.apply(recorded(added));
    directory.apply(recorded({ type: 'ApiTokenIssued', data: { tokenHash: first.hash } }));
    directory.apply(recorded({ type: 'UserSessionsEnded', data: { reason: 'laptop stolen' } }));
    expect(directory.byTokenHash(first.hash)).toBeUndefined();
    directory.apply(recorded({ type: 'ApiTokenIssued', data: { tokenHash: second.hash } }));
    expect(directory.byTokenHash(second.hash)?.userId).toBe('u-1');
  });

  it('sends reminders to a changed address', () => {
    const directory = new UserDirectory();
    directory.apply(recorded(added));
    directory.apply(recorded({ type: 'UserEmailChanged', data: { email: 'lac.head@rotherham.gov.uk', reason: 'new mailbox' } }));
    expect(directory.get('u-1')?.email).toBe('lac.head@rotherham.gov.uk');
  });

  it('makes tokens that cannot be guessed and never stores them', () => {
    const { token, hash } = newApiToken();
    expect(token).toMatch(/^apt_[A-Za-z0-9_-]{43}$/);
    expect(hash).toBe(hashApiToken(token));
    expect(hash).not.toContain(token.slice(4));
  });
});
