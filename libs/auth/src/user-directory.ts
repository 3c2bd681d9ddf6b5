import type { RecordedEvent } from '@actionplans/event-store';
import { decodeUserEvent, isUserStream, userIdOf } from './user.events';
import type { Role } from './roles';

export interface User {
  userId: string;
  name: string;
  email: string | null;
  role: Role;
  disabled: boolean;
}

/** What a `UserDirectory` knows, as its snapshot keeps it. */
interface DirectoryState {
  users: Map<string, User>;
  tokenOwners: Map<string, string>;
  tokenOf: Map<string, string>;
  identities: Map<string, string>;
  linked: Set<string>;
}

/** Every user and which token hash belongs to whom, kept current from the event log. */
export class UserDirectory {
  readonly snapshotFormat = 'users@1';
  private users = new Map<string, User>();
  private tokenOwners = new Map<string, string>();
  private tokenOf = new Map<string, string>();
  private identities = new Map<string, string>();
  private linked = new Set<string>();

  apply(event: RecordedEvent): void {
    if (!isUserStream(event.stream)) return;
    const userId = userIdOf(event.stream);
    const { type, data } = decodeUserEvent(event);
    const user = this.users.get(userId);
    switch (type) {
      case 'UserAdded':
        this.users.set(userId, { userId, name: data.name, email: data.email, role: data.role, disabled: false });
        break;
      case 'ApiTokenIssued': {
        // A new token replaces the old one: a leaked token is revoked by issuing another.
        const previous = this.tokenOf.get(userId);
        if (previous) this.tokenOwners.delete(previous);
        this.tokenOf.set(userId, data.tokenHash);
        this.tokenOwners.set(data.tokenHash, userId);
        break;
      }
      case 'UserRoleChanged':
        if (user) user.role = data.role;
        break;
      case 'UserDisabled':
        if (user) user.disabled = true;
        break;
      case 'UserEnabled':
        if (user) user.disabled = false;
        break;
      case 'UserEmailChanged':
        if (user) user.email = data.email;
        break;
      case 'UserSessionsEnded': {
        // Signed out everywhere: the token stops working until an admin issues a new one.
        const previous = this.tokenOf.get(userId);
        if (previous) this.tokenOwners.delete(previous);
        this.tokenOf.delete(userId);
        break;
      }
      case 'DirectoryIdentityLinked':
        this.identities.set(identityKey(data.issuer, data.subject), userId);
        this.linked.add(userId);
        break;
    }
  }

  snapshot(): DirectoryState {
    const { users, tokenOwners, tokenOf, identities, linked } = this;
    return { users, tokenOwners, tokenOf, identities, linked };
  }

  restore(state: unknown): void {
    Object.assign(this, state as DirectoryState);
  }

  get(userId: string): User | undefined {
    return this.users.get(userId);
  }

  /** The enabled user a token hash belongs to. */
  byTokenHash(hash: string): User | undefined {
    const user = this.users.get(this.tokenOwners.get(hash) ?? '');
    return user && !user.disabled ? user : undefined;
  }

  /** The user (disabled or not) who signs in with this directory identity. */
  byIdentity(issuer: string, subject: string): User | undefined {
    return this.users.get(this.identities.get(identityKey(issuer, subject)) ?? '');
  }

  /** A user added by hand with this email who has not yet signed in through the directory. */
  unlinkedByEmail(email: string): User | undefined {
    const wanted = email.toLowerCase();
    return [...this.users.values()].find((user) => user.email?.toLowerCase() === wanted && !this.linked.has(user.userId));
  }

  list(): User[] {
    return [...this.users.values()];
  }
}

const identityKey = (issuer: string, subject: string) => `${issuer}\n${subject}`;
