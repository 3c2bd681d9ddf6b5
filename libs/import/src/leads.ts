import type { LeadMatch } from './import.model';

/** A user the leads may be matched to. */
export interface KnownUser {
  userId: string;
  name: string;
  email: string | null;
}

/**
 * Leads in one cell: one per line or separated by semicolons. "and" is not a separator: "Service
 * Manager Evidence Based Hub and YOT" is one role.
 */
export function leadsIn(text: string): string[] {
  return text
    .split(/\r?\n|;/)
    .map((name) => name.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}

const EMAIL = /[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+/;

/** Users looked up by email and by exact name (spacing and case aside), built once for a whole sheet. */
export class LeadMatcher {
  private readonly byEmail = new Map<string, KnownUser[]>();
  private readonly byName = new Map<string, KnownUser[]>();

  constructor(users: KnownUser[]) {
    for (const user of users) {
      if (user.email) push(this.byEmail, user.email.toLowerCase(), user);
      push(this.byName, nameKey(user.name), user);
    }
  }

  /** The match, or the users it could be when it names more than one. */
  match(name: string): LeadMatch | { ambiguous: KnownUser[] } {
    const email = EMAIL.exec(name)?.[0].toLowerCase();
    const candidates = email ? this.byEmail.get(email) : this.byName.get(nameKey(name.replace(/<[^>]*>/, '')));
    if (!candidates?.length) return { name, matchedBy: 'named owner', userId: null };
    if (candidates.length > 1) return { ambiguous: candidates };
    return { name, matchedBy: email ? 'email' : 'name', userId: candidates[0].userId };
  }
}

const nameKey = (name: string) => name.replace(/\s+/g, ' ').trim().toLowerCase();

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
