import type { CommandContext, Decider } from '../decider';
import { DomainError } from '../domain-error';
import { withEffectiveRules } from '../effective';
import { firstOf, managesPlans, requiredIn } from '../rules';
import {
  decodeOrganisationEvent,
  decodePersonEvent,
  type OrganisationContact,
  type OrganisationEvent,
  type PersonDetails,
  type PersonEvent,
} from './register.events';

/** Whether another register record exists, and whether it is still open (not merged into another). */
export interface RecordFacts {
  registered: boolean;
  mergedInto: string | null;
}

/** The record a duplicate merges into, with the records it already lists as merged into it (to spot a half-done merge). */
export interface MergeTargetFacts extends RecordFacts {
  mergedFrom: string[];
}

export type OrganisationCommand = CommandContext &
  (
    | { type: 'RegisterOrganisation'; organisationId: string; name: string }
    | { type: 'RenameOrganisation'; name: string; reason: string }
    | { type: 'SetOrganisationContact'; contact: OrganisationContact; reason: string; facts: { person: RecordFacts | null } }
  );

export type PersonCommand = CommandContext &
  (
    | { type: 'RegisterPerson'; personId: string; details: PersonDetails; facts: { organisation: RecordFacts | null } }
    | { type: 'ChangePersonDetails'; details: PersonDetails; reason: string; facts: { organisation: RecordFacts | null } }
    | { type: 'RecordPersonLeft'; reason: string; successorId: string | null; facts: { successor: RecordFacts | null } }
    | { type: 'MergePersonInto'; personId: string; reason: string; facts: { into: MergeTargetFacts } }
    /** The second half of a merge, on the record kept: sent by the merge's handler once the first half is stored. */
    | { type: 'TakeInMergedPerson'; personId: string; reason: string; facts: Record<string, never> }
  );

export interface OrganisationState {
  registered: boolean;
  name: string;
  contact: OrganisationContact;
}

export interface PersonState {
  registered: boolean;
  personId: string | null;
  details: PersonDetails | null;
  left: boolean;
  /** Whom their open actions were to go to when they left (null if to nobody): a retry must name the same. */
  successorId: string | null;
  /** Why they left, as first recorded. */
  leftBecause: string | null;
  mergedInto: string | null;
  /** The records merged into this one. */
  mergedFrom: string[];
}

const refuse = {
  notManager: () =>
    new DomainError('REGISTER.NOT_PLAN_MANAGER', 'only plan managers and admins keep the register of people and organisations'),
  exists: () => new DomainError('REGISTER.ALREADY_REGISTERED', 'this record is in the register already'),
  notFound: (what: string) => new DomainError('REGISTER.NOT_FOUND', `there is no such ${what} in the register`),
  sameName: () => new DomainError('REGISTER.ALREADY_THAT_NAME', 'the organisation already has this name'),
  unchanged: () => new DomainError('REGISTER.ALREADY_THOSE_DETAILS', 'the person already has these details'),
  merged: (into: string) => new DomainError('REGISTER.MERGED', `this record was merged into ${into}: use that one`),
  otherSuccessor: (successorId: string | null) =>
    new DomainError(
      'REGISTER.ALREADY_LEFT_TO_ANOTHER',
      successorId
        ? `this person has left already and their actions go to ${successorId}: retry with that successor`
        : 'this person has left already with no successor named',
    ),
  self: () => new DomainError('REGISTER.SAME_PERSON', 'a record cannot be merged into itself, nor hand its actions to itself'),
  organisation: () => new DomainError('REGISTER.UNKNOWN_ORGANISATION', 'there is no such organisation in the register'),
  successor: () => new DomainError('REGISTER.UNKNOWN_SUCCESSOR', 'the successor is not an open record in the register'),
  into: () => new DomainError('REGISTER.UNKNOWN_PERSON', 'the person to merge into is not an open record in the register'),
  contactPerson: () =>
    new DomainError('REGISTER.UNKNOWN_CONTACT_PERSON', 'contact.personId: the contact person is not an open record in the register'),
  sameContact: () => new DomainError('REGISTER.ALREADY_THAT_CONTACT', 'the organisation already has this contact'),
};

const keeps = (actor: CommandContext['actor']) => (managesPlans(actor) || actor.role === 'system' ? null : refuse.notManager());
const open = (facts: RecordFacts | null) => facts !== null && facts.registered && facts.mergedInto === null;
const knownOrganisation = (facts: RecordFacts | null, details: PersonDetails) =>
  details.organisationId === null || open(facts) ? null : refuse.organisation();

/** Partner organisations, services and teams, with every name they have had. */
export const organisationDecider: Decider<OrganisationCommand, OrganisationEvent, OrganisationState> = {
  initialState: { registered: false, name: '', contact: { email: null, personId: null } },
  decode: decodeOrganisationEvent,
  decide: (command, state) => withEffectiveRules(decideOrganisation(command, state), command, {}),
  evolve: (state, event) => {
    if (event.type !== 'OrganisationContactSet') return { ...state, registered: true, name: event.data.name };
    const { reason: _, ...contact } = event.data;
    return { ...state, contact };
  },
};

const contactOf = (contact: OrganisationContact): OrganisationContact => ({
  email: contact.email?.trim().toLowerCase() || null,
  personId: contact.personId || null,
});
const sameContact = (a: OrganisationContact, b: OrganisationContact) => a.email === b.email && a.personId === b.personId;

/** A contact is an address, a person of the register (open, not merged away), or both; none clears it. */
function setContact(command: Extract<OrganisationCommand, { type: 'SetOrganisationContact' }>, state: OrganisationState) {
  const contact = contactOf(command.contact);
  return (
    firstOf(
      keeps(command.actor),
      state.registered ? null : refuse.notFound('organisation'),
      contact.personId === null || open(command.facts.person) ? null : refuse.contactPerson(),
      sameContact(contact, state.contact) ? refuse.sameContact() : null,
      requiredIn('REGISTER', command.reason, 'reason'),
    ) ?? [{ type: 'OrganisationContactSet' as const, data: { ...contact, reason: command.reason.trim() } }]
  );
}

function decideOrganisation(command: OrganisationCommand, state: OrganisationState): OrganisationEvent[] | DomainError {
  switch (command.type) {
    case 'RegisterOrganisation':
      return (
        firstOf(keeps(command.actor), state.registered ? refuse.exists() : null, requiredIn('REGISTER', command.name, 'name')) ?? [
          { type: 'OrganisationRegistered', data: { organisationId: command.organisationId, name: command.name.trim() } },
        ]
      );
    case 'RenameOrganisation':
      return (
        firstOf(
          keeps(command.actor),
          state.registered ? null : refuse.notFound('organisation'),
          requiredIn('REGISTER', command.name, 'name'),
          command.name.trim() === state.name ? refuse.sameName() : null,
          requiredIn('REGISTER', command.reason, 'reason'),
        ) ?? [{ type: 'OrganisationRenamed', data: { name: command.name.trim(), previousName: state.name, reason: command.reason } }]
      );
    case 'SetOrganisationContact':
      return setContact(command, state);
    default: {
      const unhandled: never = command;
      throw new Error(`unhandled command ${JSON.stringify(unhandled)}`);
    }
  }
}

/** People who own actions or are reminded, with or without a user account. */
export const personDecider: Decider<PersonCommand, PersonEvent, PersonState> = {
  initialState: {
    registered: false,
    personId: null,
    details: null,
    left: false,
    successorId: null,
    leftBecause: null,
    mergedInto: null,
    mergedFrom: [],
  },
  decode: decodePersonEvent,
  decide: (command, state) => withEffectiveRules(decidePerson(command, state), command, {}),
  evolve: evolvePerson,
};

const live = (state: PersonState) =>
  !state.registered ? refuse.notFound('person') : state.mergedInto ? refuse.merged(state.mergedInto) : null;
const trimmed = (details: PersonDetails): PersonDetails => ({
  name: details.name.trim(),
  email: details.email?.trim() || null,
  jobTitle: details.jobTitle?.trim() || null,
  organisationId: details.organisationId,
});
const same = (a: PersonDetails, b: PersonDetails) =>
  a.name === b.name &&
  a.email?.toLowerCase() === b.email?.toLowerCase() &&
  a.jobTitle === b.jobTitle &&
  a.organisationId === b.organisationId;

/**
 * A leaver recorded already: asked again with the same successor it is a retry that goes on moving
 * the actions a partial failure left behind (nothing new on the record); another successor is refused.
 */
const leftAlready = (state: PersonState, successorId: string | null) =>
  successorId === state.successorId ? null : refuse.otherSuccessor(state.successorId);

/**
 * A duplicate closed already: a retry into the same record that does not yet list it finishes the
 * merge's second half (the first write was stored, the second was not); anything else is refused.
 */
const halfMerged = (state: PersonState, into: string, facts: MergeTargetFacts) =>
  state.mergedInto === into && state.personId !== null && !facts.mergedFrom.includes(state.personId)
    ? null
    : refuse.merged(state.mergedInto!);

function decidePerson(command: PersonCommand, state: PersonState): PersonEvent[] | DomainError {
  switch (command.type) {
    case 'RegisterPerson':
      return (
        firstOf(
          keeps(command.actor),
          state.registered ? refuse.exists() : null,
          requiredIn('REGISTER', command.details.name, 'name'),
          knownOrganisation(command.facts.organisation, command.details),
        ) ?? [{ type: 'PersonRegistered', data: { personId: command.personId, ...trimmed(command.details) } }]
      );
    case 'ChangePersonDetails': {
      const details = trimmed(command.details);
      return (
        firstOf(
          keeps(command.actor),
          live(state),
          requiredIn('REGISTER', details.name, 'name'),
          knownOrganisation(command.facts.organisation, details),
          state.details && same(state.details, details) ? refuse.unchanged() : null,
          requiredIn('REGISTER', command.reason, 'reason'),
        ) ?? [{ type: 'PersonDetailsChanged', data: { ...details, reason: command.reason } }]
      );
    }
    case 'RecordPersonLeft':
      return (
        firstOf(
          keeps(command.actor),
          live(state),
          requiredIn('REGISTER', command.reason, 'reason'),
          command.successorId === state.personId ? refuse.self() : null,
          command.successorId === null || open(command.facts.successor) ? null : refuse.successor(),
          state.left ? leftAlready(state, command.successorId) : null,
        ) ?? (state.left ? [] : [{ type: 'PersonLeft', data: { reason: command.reason, successorId: command.successorId } }])
      );
    case 'MergePersonInto':
      return (
        firstOf(
          keeps(command.actor),
          state.registered ? null : refuse.notFound('person'),
          state.mergedInto ? halfMerged(state, command.personId, command.facts.into) : null,
          requiredIn('REGISTER', command.reason, 'reason'),
          command.personId === state.personId ? refuse.self() : null,
          open(command.facts.into) ? null : refuse.into(),
        ) ?? (state.mergedInto ? [] : [{ type: 'PersonMergedInto', data: { personId: command.personId, reason: command.reason } }])
      );
    case 'TakeInMergedPerson':
      return (
        firstOf(keeps(command.actor), live(state)) ??
        (state.mergedFrom.includes(command.personId)
          ? []
          : [{ type: 'PersonMergedIn', data: { personId: command.personId, reason: command.reason } }])
      );
    default: {
      const unhandled: never = command;
      throw new Error(`unhandled command ${JSON.stringify(unhandled)}`);
    }
  }
}

function evolvePerson(state: PersonState, event: PersonEvent): PersonState {
  switch (event.type) {
    case 'PersonRegistered': {
      const { personId: _, ...details } = event.data;
      return { ...state, registered: true, personId: event.data.personId, details };
    }
    case 'PersonDetailsChanged': {
      const { reason: _, ...details } = event.data;
      return { ...state, details };
    }
    case 'PersonLeft':
      return { ...state, left: true, successorId: event.data.successorId, leftBecause: event.data.reason };
    case 'PersonMergedInto':
      return { ...state, mergedInto: event.data.personId };
    case 'PersonMergedIn':
      return { ...state, mergedFrom: [...state.mergedFrom, event.data.personId] };
  }
}
