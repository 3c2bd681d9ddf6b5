import { NotFoundException } from '@nestjs/common';
import { managesPlans } from '@actionplans/domain';
import type { PeopleRegister, RegisterEntry, RegisteredOrganisation, RegisteredPerson } from '@actionplans/read-models';
import type { PageRequest } from '../page/page-request';
import { dayInWords, momentInWords } from '../page/dates';
import type { ManageReader } from '../manage/manage-reader';

/** A line of a record's history as the page shows it: when, what, why, and who (a user's name). */
const historyLine = (names: (userId: string) => string) => (entry: RegisterEntry) => ({
  when: momentInWords(entry.happenedAt),
  what: entry.what,
  why: entry.why,
  who: names(entry.who),
});

/** What the register's pages show of a person or an organisation, read as the API reads it. */
export class RegisterReader {
  constructor(
    private readonly register: PeopleRegister,
    private readonly manage: ManageReader,
    private readonly names: (userId: string) => string,
  ) {}

  person(personId: string): RegisteredPerson {
    const person = this.register.personOf(personId);
    if (!person) throw new NotFoundException('there is no such person in the register');
    return person;
  }

  organisation(organisationId: string): RegisteredOrganisation {
    const organisation = this.register.organisationOf(organisationId);
    if (!organisation) throw new NotFoundException('there is no such organisation in the register');
    return organisation;
  }

  /** The person's page: their details, their organisation's name, every record's history, and the actions they own. */
  async personPage(personId: string) {
    const person = this.person(personId);
    const organisation = person.organisationId ? this.register.organisationOf(person.organisationId) : undefined;
    return {
      person,
      organisationName: organisation?.name ?? null,
      history: person.history.map(historyLine(this.names)),
      actions: await this.manage.actionsById(this.register.actionsOwnedBy(person.personId)),
      others: this.register.listPeople().filter((other) => other.personId !== person.personId && !other.left),
    };
  }

  /** The organisation's page: its names, its contact, its history and the actions it owns. */
  async organisationPage(organisationId: string) {
    const organisation = this.organisation(organisationId);
    const contactPerson = organisation.contact.personId ? this.register.personOf(organisation.contact.personId) : undefined;
    return {
      organisation,
      names: organisation.names.map((name) => ({ name: name.name, from: dayInWords(name.from) })),
      contactPersonName: contactPerson?.name ?? null,
      history: organisation.history.map(historyLine(this.names)),
      actions: await this.manage.actionsById(this.register.actionsOwnedByOrganisation(organisationId)),
      people: this.register.listPeople().filter((person) => !person.left),
    };
  }

  list(search: string) {
    return { people: this.register.listPeople(search), organisations: this.register.listOrganisations(search) };
  }
}

/** Plan managers and admins keep the register; auditors only read it. */
export const keepsRegister = (request: PageRequest) => request.user !== undefined && managesPlans(request.user);
