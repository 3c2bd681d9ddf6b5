import { eventDecoder } from '../decode';
import { streamNames } from '../streams';

/** Events of an `organisation-<id>` stream; the type strings are a stored contract. */
export type OrganisationEvent =
  | { type: 'OrganisationRegistered'; data: { organisationId: string; name: string } }
  /** A new name from its effective date ("YOT became YJS on 6 April 2022"); earlier names stay in its history. */
  | { type: 'OrganisationRenamed'; data: { name: string; previousName: string; reason: string } }
  /** Where its reminders go from now on: an address (a shared mailbox), a person of the register, or both (the address first); none clears it. */
  | { type: 'OrganisationContactSet'; data: OrganisationContact & { reason: string } };

/** An organisation's contact: whom reminders to it reach. */
export interface OrganisationContact {
  email: string | null;
  personId: string | null;
}

/** What the register holds of a person; none of it needs a user account. */
export interface PersonDetails {
  name: string;
  email: string | null;
  jobTitle: string | null;
  organisationId: string | null;
}

/** Events of a `person-<id>` stream; the type strings are a stored contract. */
export type PersonEvent =
  | { type: 'PersonRegistered'; data: PersonDetails & { personId: string } }
  /** The details from now on, whole, with why they changed (a misspelt name, a new job). */
  | { type: 'PersonDetailsChanged'; data: PersonDetails & { reason: string } }
  /** Left the organisation; their open actions went to `successorId`, each recorded on its action. */
  | { type: 'PersonLeft'; data: { reason: string; successorId: string | null } }
  /** A second record of someone kept elsewhere: this one is closed, its history kept, and it now means `personId`. */
  | { type: 'PersonMergedInto'; data: { personId: string; reason: string } }
  /** The record `personId` was merged into this one: both histories are this person's. */
  | { type: 'PersonMergedIn'; data: { personId: string; reason: string } };

export const organisationStreams = streamNames('organisation');
export const organisationStream = organisationStreams.stream;
export const personStreams = streamNames('person');
export const personStream = personStreams.stream;

const ORGANISATION_EVENT_TYPES: Record<OrganisationEvent['type'], true> = {
  OrganisationRegistered: true,
  OrganisationRenamed: true,
  OrganisationContactSet: true,
};
const PERSON_EVENT_TYPES: Record<PersonEvent['type'], true> = {
  PersonRegistered: true,
  PersonDetailsChanged: true,
  PersonLeft: true,
  PersonMergedInto: true,
  PersonMergedIn: true,
};

export const decodeOrganisationEvent = eventDecoder<OrganisationEvent>('organisation', ORGANISATION_EVENT_TYPES);
export const decodePersonEvent = eventDecoder<PersonEvent>('person', PERSON_EVENT_TYPES);
