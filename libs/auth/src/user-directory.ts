import type { RecordedEvent } from '@actionplans/event-store';
import { USER_STREAM_PREFIX, type UserEvent } from './user.events';
import type { Role } from './roles';

export interface User {
  userId: string;
  name: string;
  email: string | null;
  role: Role;
  disabled: boolean;
}

/** Every user and which token hash belongs to whom, kept current from the event log. */
export class UserDirectory {
  private readonly users = new Map<string, User>();
  private readonly tokenOwners = new Map<string, string>();
  private readonly tokenOf = new Map<string, string>();

  apply(event: RecordedEvent): void {
    if (!event.stream.startsWith(USER_STREAM_PREFIX)) return;
    const userId = event.stream.slice(USER_STREAM_PREFIX.length);
    const { type, data } = event as unknown as UserEvent;
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
    }
  }

  get(userId: string): User | undefined {
    return this.users.get(userId);
  }

  /** The enabled user a token hash belongs to. */
  byTokenHash(hash: string): User | undefined {
    const user = this.users.get(this.tokenOwners.get(hash) ?? '');
    return user && !user.disabled ? user : undefined;
  }

  list(): User[] {
    return [...this.users.values()];
  }
}
