import type { UserDirectory } from '@actionplans/auth';
import type { ActionState, Owner } from '@actionplans/domain';

/** A digest goes to a user, or to the address of an owner with no user account: `contact:<address>`. */
const CONTACT = 'contact:';

export const contactRecipient = (email: string) => `${CONTACT}${email.trim().toLowerCase()}`;
export const isContactRecipient = (recipientId: string) => recipientId.startsWith(CONTACT);
export const contactAddress = (recipientId: string) => recipientId.slice(CONTACT.length);

type Owners = Pick<ActionState, 'leadOwners' | 'supportingOwners'>;

/** Whom each owner's reminders go to: their user, else the contact address the plan gives them, else nobody. */
export const recipientOf = (owner: Owner): string | null => owner.userId ?? (owner.email ? contactRecipient(owner.email) : null);

/** Every recipient an action's owners have, reachable or not (an owner's user may have no address). */
export const ownerRecipients = (owners: Owners): string[] => [
  ...new Set([...owners.leadOwners, ...owners.supportingOwners].flatMap((owner) => recipientOf(owner) ?? [])),
];

/** An owner no reminder can reach, and why: said in the plan manager's digest in their place. */
export interface UnreachableOwner {
  name: string;
  lead: boolean;
  why: string;
}

/** Where a recipient's reminders go: the user's address (none if they have none or are disabled), or the contact's. */
export function addressOf(users: UserDirectory, recipientId: string): string | undefined {
  if (isContactRecipient(recipientId)) return contactAddress(recipientId);
  const user = users.get(recipientId);
  return user?.email && !user.disabled ? user.email : undefined;
}

/** The owners of an action no reminder reaches: no user and no address, a user with no address, or a disabled user. */
export function unreachableOwners(users: UserDirectory, owners: Owners): UnreachableOwner[] {
  const all = [
    ...owners.leadOwners.map((owner) => ({ owner, lead: true })),
    ...owners.supportingOwners.map((owner) => ({ owner, lead: false })),
  ];
  return all.flatMap(({ owner, lead }) => {
    const why = whyUnreachable(users, owner);
    return why ? [{ name: owner.name, lead, why }] : [];
  });
}

function whyUnreachable(users: UserDirectory, owner: Owner): string | null {
  const recipient = recipientOf(owner);
  if (recipient === null) return `no email address for ${owner.name}`;
  if (addressOf(users, recipient) !== undefined) return null;
  const user = users.get(recipient);
  if (user?.disabled) return `${owner.name}'s user account (${user.name}) is disabled`;
  return `no email address for ${owner.name}${user && user.name !== owner.name ? ` (user ${user.name})` : ''}`;
}
