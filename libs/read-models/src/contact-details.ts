import type { User } from '@actionplans/auth';

/** Who is reading: a user, or the engine itself. */
export interface ContactReader {
  userId: string;
  role: string;
}

/** The people whose names stand in for their email addresses: the user directory. */
export interface People {
  list(): Array<Pick<User, 'userId' | 'name' | 'email'>>;
}

/** Said in place of an address no user has now (changed, or the user removed). */
export const WITHHELD = 'someone whose email address only admins and auditors see';

const readsEveryAddress = (reader: ContactReader) => reader.role === 'admin' || reader.role === 'auditor' || reader.role === 'system';

/** Whether `reader` may read `person`'s email address: admins and auditors anyone's, everyone else only their own. */
export const mayReadEmailOf = (reader: ContactReader, person: { userId: string }) =>
  readsEveryAddress(reader) || reader.userId === person.userId;

/** Someone named as an owner with an address of their own (a partner's mailbox, a register person's). */
export interface NamedContact {
  name: string;
  email?: string | null;
}

/**
 * How a reminder's recipient (an email address, or a user id) reads to `reader`: the address to
 * admins, auditors and its owner, the person's name to everyone else (a user's, or the name of an
 * owner in `owners` who carries that address). Every place the API or the pages show a recipient
 * (an action's reminders, its history) goes through here.
 */
export function recipientAsShown(
  reader: ContactReader,
  people: People,
  owners: readonly NamedContact[] = [],
): (recipient: string) => string {
  if (readsEveryAddress(reader)) return (recipient) => recipient;
  const byAddress = new Map(people.list().flatMap((user) => (user.email ? [[user.email.toLowerCase(), user] as const] : [])));
  const ownerNames = new Map(owners.flatMap((owner) => (owner.email ? [[owner.email.toLowerCase(), owner.name] as const] : [])));
  return (recipient) => {
    if (!recipient.includes('@')) return recipient;
    const person = byAddress.get(recipient.toLowerCase());
    if (!person) return ownerNames.get(recipient.toLowerCase()) ?? WITHHELD;
    return mayReadEmailOf(reader, person) ? recipient : person.name;
  };
}

/** A user as `reader` may see them: their email address left out unless `reader` may read it. */
export function userAsShown<U extends { userId: string; email?: string | null }>(user: U, reader: ContactReader): U {
  if (mayReadEmailOf(reader, user)) return user;
  const { email: _withheld, ...shown } = user;
  return shown as U;
}

/**
 * An action's owner as `reader` may see it: the address an owner carries (a partner's shared
 * mailbox, a register person's) only to admins, auditors and the owner themself; the name to all.
 */
export function ownerAsShown<O extends { userId?: string | null; email?: string | null }>(owner: O, reader: ContactReader): O {
  if (!owner.email || readsEveryAddress(reader) || (owner.userId && owner.userId === reader.userId)) return owner;
  const { email: _withheld, ...shown } = owner;
  return shown as O;
}
