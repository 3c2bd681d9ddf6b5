import type { UserDirectory } from '@actionplans/auth';
import type { ActionState, Owner } from '@actionplans/domain';

/**
 * A digest goes to a user (their id), to a person of the register (`person:<id>`, at the address
 * the register has for them when it is sent), to an organisation of the register (`organisation:<id>`,
 * at its contact's address when it is sent), or to the address the plan gives an owner with no
 * user account (`contact:<address>`).
 */
const CONTACT = 'contact:';
const PERSON = 'person:';
const ORGANISATION = 'organisation:';

/** Where the addresses come from: users, and the register's people (following merges) and organisations (their contact). */
export interface Addresses {
  users: UserDirectory;
  personEmail: (personId: string) => string | undefined;
  organisationEmail: (organisationId: string) => string | undefined;
}

export const contactRecipient = (email: string) => `${CONTACT}${email.trim().toLowerCase()}`;
export const isContactRecipient = (recipientId: string) => recipientId.startsWith(CONTACT);
export const contactAddress = (recipientId: string) => recipientId.slice(CONTACT.length);

type Owners = Pick<ActionState, 'leadOwners' | 'supportingOwners'>;

/**
 * Whom each owner's reminders go to: their user, else their register record (a person's, else an
 * organisation's), else the contact address the plan gives them, else nobody.
 */
export const recipientOf = (owner: Owner): string | null => {
  if (owner.userId) return owner.userId;
  if (owner.personId) return `${PERSON}${owner.personId}`;
  if (owner.organisationId) return `${ORGANISATION}${owner.organisationId}`;
  return owner.email ? contactRecipient(owner.email) : null;
};

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

/** Where a recipient's reminders go: the user's address (none if they have none or are disabled), the register's, or the contact's. */
export function addressOf({ users, personEmail, organisationEmail }: Addresses, recipientId: string): string | undefined {
  if (isContactRecipient(recipientId)) return contactAddress(recipientId);
  if (recipientId.startsWith(PERSON)) return personEmail(recipientId.slice(PERSON.length));
  if (recipientId.startsWith(ORGANISATION)) return organisationEmail(recipientId.slice(ORGANISATION.length));
  const user = users.get(recipientId);
  return user?.email && !user.disabled ? user.email : undefined;
}

/** The owners of an action no reminder reaches: no user and no address, a user with no address, or a disabled user. */
export function unreachableOwners(addresses: Addresses, owners: Owners): UnreachableOwner[] {
  const all = [
    ...owners.leadOwners.map((owner) => ({ owner, lead: true })),
    ...owners.supportingOwners.map((owner) => ({ owner, lead: false })),
  ];
  return all.flatMap(({ owner, lead }) => {
    const why = whyUnreachable(addresses, owner);
    return why ? [{ name: owner.name, lead, why }] : [];
  });
}

function whyUnreachable(addresses: Addresses, owner: Owner): string | null {
  const recipient = recipientOf(owner);
  if (recipient === null) return `no email address for ${owner.name}`;
  if (addressOf(addresses, recipient) !== undefined) return null;
  if (recipient.startsWith(ORGANISATION)) return `no contact in the register for ${owner.name}`;
  const user = addresses.users.get(recipient);
  if (user?.disabled) return `${owner.name}'s user account (${user.name}) is disabled`;
  return `no email address for ${owner.name}${user && user.name !== owner.name ? ` (user ${user.name})` : ''}`;
}
