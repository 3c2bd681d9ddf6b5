import {
  actionIdOf,
  decodeActionEvent,
  isActionStream,
  decodeOrganisationEvent,
  decodePersonEvent,
  organisationStreams,
  personStreams,
  type OrganisationContact,
  type OrganisationEvent,
  type PersonDetails,
  type PersonEvent,
} from '@actionplans/domain';
import type { RecordedEvent } from '@actionplans/event-store';

/** One line of a register record's history: what happened, when, by whom, and why. */
export interface RegisterEntry {
  /** The record it was recorded on: a merged record's lines keep their own. */
  recordId: string;
  type: string;
  what: string;
  why: string | null;
  happenedAt: string;
  recordedAt: string;
  who: string;
}

export interface RegisteredOrganisation {
  organisationId: string;
  name: string;
  /** Every name it has had, oldest first, each from the day it took effect. */
  names: Array<{ name: string; from: string }>;
  /** Where reminders to it go: an address, a person of the register, or both; nulls when it has none. */
  contact: OrganisationContact;
  history: RegisterEntry[];
}

export interface RegisteredPerson extends PersonDetails {
  personId: string;
  left: boolean;
  /** Set on a second record merged into another: it now means that person. */
  mergedInto: string | null;
  /** The records merged into this one. */
  mergedFrom: string[];
  history: RegisterEntry[];
}

interface RegisterState {
  organisations: Map<string, RegisteredOrganisation>;
  people: Map<string, RegisteredPerson>;
  ownedBy: Map<string, Set<string>>;
  ownersOf: Map<string, string[]>;
  handedOn: Map<string, Set<string>>;
  ownedByOrganisation: Map<string, Set<string>>;
  organisationsOf: Map<string, string[]>;
}

/**
 * The register of people and organisations, kept in memory from the log: lookups for owners,
 * reminders and the API, with each record's history and names. A record merged into another
 * resolves to it, and the kept record shows both histories.
 */
export class PeopleRegister {
  readonly snapshotFormat = 'people-register@3';
  private organisations = new Map<string, RegisteredOrganisation>();
  private people = new Map<string, RegisteredPerson>();
  /** The actions each person of the register owns (lead or supporting), and each action's such owners. */
  private ownedBy = new Map<string, Set<string>>();
  private ownersOf = new Map<string, string[]>();
  /** The actions each person of the register was taken off as an owner (so a leaver's retry can say what moved already). */
  private handedOn = new Map<string, Set<string>>();
  /** The actions each organisation of the register owns, and each action's such owners. */
  private ownedByOrganisation = new Map<string, Set<string>>();
  private organisationsOf = new Map<string, string[]>();

  apply(event: RecordedEvent): void {
    if (organisationStreams.owns(event.stream)) this.organisation(organisationStreams.idOf(event.stream), event);
    else if (personStreams.owns(event.stream)) this.person(personStreams.idOf(event.stream), event);
    else if ((event.type === 'ActionRaised' || event.type === 'OwnersChanged') && isActionStream(event.stream)) this.owners(event);
  }

  snapshot(): RegisterState {
    const { organisations, people, ownedBy, ownersOf, handedOn, ownedByOrganisation, organisationsOf } = this;
    return { organisations, people, ownedBy, ownersOf, handedOn, ownedByOrganisation, organisationsOf };
  }

  /** The actions a person owns, under this record or any record merged into it. */
  actionsOwnedBy(personId: string): string[] {
    const person = this.personOf(personId);
    const records = person ? [person.personId, ...person.mergedFrom] : [personId];
    return [...new Set(records.flatMap((record) => [...(this.ownedBy.get(record) ?? [])]))];
  }

  /**
   * The actions a person was taken off (under this record or one merged into it) that `successorId`
   * now owns: what a leaver's earlier, interrupted attempt had moved already.
   */
  actionsHandedOver(personId: string, successorId: string): string[] {
    const recordsOf = (id: string) => {
      const person = this.personOf(id);
      return person ? [person.personId, ...person.mergedFrom] : [id];
    };
    const successors = recordsOf(successorId);
    const handedOn = new Set(recordsOf(personId).flatMap((record) => [...(this.handedOn.get(record) ?? [])]));
    return [...handedOn].filter((actionId) => (this.ownersOf.get(actionId) ?? []).some((owner) => successors.includes(owner)));
  }

  restore(state: unknown): void {
    Object.assign(this, state as RegisterState);
  }

  organisationOf(organisationId: string): RegisteredOrganisation | undefined {
    return this.organisations.get(organisationId);
  }

  /** Every organisation, by name; `search` keeps those whose name, now or before, contains it. */
  listOrganisations(search?: string): RegisteredOrganisation[] {
    return [...this.organisations.values()]
      .filter((organisation) => matches(search, ...organisation.names.map((name) => name.name)))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** The actions an organisation owns (lead or supporting). */
  actionsOwnedByOrganisation(organisationId: string): string[] {
    return [...(this.ownedByOrganisation.get(organisationId) ?? [])];
  }

  /** The person a record means, following merges; the kept record's history holds every merged record's lines. */
  personOf(personId: string): RegisteredPerson | undefined {
    let person = this.people.get(personId);
    for (let hops = 0; person?.mergedInto && hops < 100; hops += 1) person = this.people.get(person.mergedInto);
    if (!person) return undefined;
    const merged = person.mergedFrom.flatMap((id) => this.people.get(id)?.history ?? []);
    return { ...person, history: [...person.history, ...merged].sort((a, b) => a.happenedAt.localeCompare(b.happenedAt)) };
  }

  /** Every open record (merged ones are found through the record kept), by name; `search` keeps those whose name contains it. */
  listPeople(search?: string): RegisteredPerson[] {
    return [...this.people.values()]
      .filter(
        (person) =>
          person.mergedInto === null && matches(search, person.name, ...person.mergedFrom.map((id) => this.people.get(id)?.name ?? '')),
      )
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  private owners(event: RecordedEvent): void {
    const actionId = actionIdOf(event.stream);
    const domain = decodeActionEvent(event);
    if (domain.type !== 'ActionRaised' && domain.type !== 'OwnersChanged') return;
    const { leadOwners, supportingOwners = [] } = domain.data;
    const after = [...new Set([...leadOwners, ...supportingOwners].flatMap((owner) => (owner.personId ? [owner.personId] : [])))];
    for (const personId of this.ownersOf.get(actionId) ?? []) {
      if (after.includes(personId)) continue;
      this.ownedBy.get(personId)?.delete(actionId);
      this.handedOn.set(personId, (this.handedOn.get(personId) ?? new Set()).add(actionId));
    }
    for (const personId of after) this.ownedBy.set(personId, (this.ownedBy.get(personId) ?? new Set()).add(actionId));
    this.ownersOf.set(actionId, after);
    const organisations = [...leadOwners, ...supportingOwners].flatMap((owner) => (owner.organisationId ? [owner.organisationId] : []));
    for (const organisationId of this.organisationsOf.get(actionId) ?? []) this.ownedByOrganisation.get(organisationId)?.delete(actionId);
    for (const organisationId of organisations)
      this.ownedByOrganisation.set(organisationId, (this.ownedByOrganisation.get(organisationId) ?? new Set()).add(actionId));
    this.organisationsOf.set(actionId, organisations);
  }

  private organisation(organisationId: string, event: RecordedEvent): void {
    const domain = decodeOrganisationEvent(event);
    const entry = entryOf(organisationId, event, describeOrganisation(domain));
    if (domain.type === 'OrganisationRegistered') {
      const from = event.metadata.occurredAt.slice(0, 10);
      this.organisations.set(organisationId, {
        organisationId,
        name: domain.data.name,
        names: [{ name: domain.data.name, from }],
        contact: { email: null, personId: null },
        history: [entry],
      });
      return;
    }
    const organisation = this.organisations.get(organisationId);
    if (!organisation) return;
    organisation.history.push(entry);
    if (domain.type === 'OrganisationContactSet') {
      organisation.contact = { email: domain.data.email, personId: domain.data.personId };
      return;
    }
    organisation.name = domain.data.name;
    organisation.names = [...organisation.names, { name: domain.data.name, from: event.metadata.occurredAt.slice(0, 10) }].sort((a, b) =>
      a.from.localeCompare(b.from),
    );
  }

  private person(personId: string, event: RecordedEvent): void {
    const domain = decodePersonEvent(event);
    const entry = entryOf(personId, event, describePerson(domain));
    if (domain.type === 'PersonRegistered') {
      const { personId: _, ...details } = domain.data;
      this.people.set(personId, { personId, ...details, left: false, mergedInto: null, mergedFrom: [], history: [entry] });
      return;
    }
    const person = this.people.get(personId);
    if (!person) return;
    person.history.push(entry);
    switch (domain.type) {
      case 'PersonDetailsChanged': {
        const { reason: _, ...details } = domain.data;
        Object.assign(person, details);
        break;
      }
      case 'PersonLeft':
        person.left = true;
        break;
      case 'PersonMergedInto':
        person.mergedInto = domain.data.personId;
        break;
      case 'PersonMergedIn':
        person.mergedFrom = [...person.mergedFrom, domain.data.personId];
        break;
    }
  }
}

function entryOf(recordId: string, event: RecordedEvent, [what, why]: [string, string | null]): RegisterEntry {
  const { occurredAt, recordedAt, actor } = event.metadata;
  return { recordId, type: event.type, what, why, happenedAt: occurredAt, recordedAt, who: actor.id };
}

function describeOrganisation(event: OrganisationEvent): [string, string | null] {
  switch (event.type) {
    case 'OrganisationRegistered':
      return [`registered ${event.data.name}`, null];
    case 'OrganisationRenamed':
      return [`renamed ${event.data.previousName} to ${event.data.name}`, event.data.reason];
    case 'OrganisationContactSet': {
      const { email, personId } = event.data;
      const to = [email, personId && `the person ${personId}`].filter(Boolean).join(' and ');
      return [to ? `contact set to ${to}` : 'contact cleared', event.data.reason];
    }
  }
}

/** Whether any of the names contains the search (any case); no search matches all. */
function matches(search: string | undefined, ...names: string[]): boolean {
  const wanted = search?.trim().toLowerCase();
  return !wanted || names.some((name) => name.toLowerCase().includes(wanted));
}

function describePerson(event: PersonEvent): [string, string | null] {
  switch (event.type) {
    case 'PersonRegistered':
      return [`registered ${event.data.name}${event.data.jobTitle ? `, ${event.data.jobTitle}` : ''}`, null];
    case 'PersonDetailsChanged':
      return [`details changed: ${event.data.name}${event.data.jobTitle ? `, ${event.data.jobTitle}` : ''}`, event.data.reason];
    case 'PersonLeft':
      return [`left${event.data.successorId ? `; their open actions went to ${event.data.successorId}` : ''}`, event.data.reason];
    case 'PersonMergedInto':
      return [`merged into ${event.data.personId}`, event.data.reason];
    case 'PersonMergedIn':
      return [`took in the record ${event.data.personId}`, event.data.reason];
  }
}
