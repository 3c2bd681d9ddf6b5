import { spec } from '../../../testing/src/decider-spec';
import { organisationDecider, personDecider, type RecordFacts } from './register.decider';
import type { OrganisationEvent, PersonEvent } from './register.events';

const now = '2026-11-22T10:00:00.000Z';
const manager = { userId: 'u-manager', role: 'plan manager' as const };
const owner = { userId: 'u-owner', role: 'action owner' as const };
const open = { registered: true, mergedInto: null };

describe('the register of organisations', () => {
  const given = (...events: OrganisationEvent[]) => spec(organisationDecider).given(events);
  const yot: OrganisationEvent = { type: 'OrganisationRegistered', data: { organisationId: 'o-yot', name: 'Youth Offending Team' } };
  it('registers an organisation and renames it, keeping the name it had', () => {
    given()
      .when({ type: 'RegisterOrganisation', actor: manager, now, organisationId: 'o-yot', name: ' Youth Offending Team ' })
      .then([yot]);
    given(yot)
      .when({ type: 'RenameOrganisation', actor: manager, now, name: 'Youth Justice Service', reason: 'renamed by Cabinet' })
      .then([
        {
          type: 'OrganisationRenamed',
          data: { name: 'Youth Justice Service', previousName: 'Youth Offending Team', reason: 'renamed by Cabinet' },
        },
      ]);
  });
  it('refuses the same name, a rename without a reason, an unknown organisation and anyone but a plan manager', () => {
    const rename = { type: 'RenameOrganisation' as const, actor: manager, now, name: 'Youth Justice Service', reason: 'renamed' };
    given(yot)
      .when({ ...rename, name: 'Youth Offending Team' })
      .thenRefuses('REGISTER.ALREADY_THAT_NAME');
    given(yot)
      .when({ ...rename, reason: ' ' })
      .thenRefuses('REGISTER.REQUIRED');
    given().when(rename).thenRefuses('REGISTER.NOT_FOUND');
    given(yot)
      .when({ ...rename, actor: owner })
      .thenRefuses('REGISTER.NOT_PLAN_MANAGER');
  });
});

describe('the register of people', () => {
  const given = (...events: PersonEvent[]) => spec(personDecider).given(events);
  const details = { name: 'Sweaton', email: null, jobTitle: 'Head of Service', organisationId: 'o-yot' };
  const sweaton: PersonEvent = { type: 'PersonRegistered', data: { personId: 'p-1', ...details } };
  it('registers a person with no user account, in an organisation of the register', () => {
    given()
      .when({ type: 'RegisterPerson', actor: manager, now, personId: 'p-1', details, facts: { organisation: open } })
      .then([sweaton]);
    given()
      .when({ type: 'RegisterPerson', actor: manager, now, personId: 'p-1', details, facts: { organisation: null } })
      .thenRefuses('REGISTER.UNKNOWN_ORGANISATION');
  });
  it('corrects a misspelt name, saying why, and refuses details that are the same', () => {
    const change = { type: 'ChangePersonDetails' as const, actor: manager, now, facts: { organisation: open } };
    given(sweaton)
      .when({ ...change, details: { ...details, name: 'Sweatton' }, reason: 'misspelt in the July paper' })
      .then([{ type: 'PersonDetailsChanged', data: { ...details, name: 'Sweatton', reason: 'misspelt in the July paper' } }]);
    given(sweaton)
      .when({ ...change, details, reason: 'again' })
      .thenRefuses('REGISTER.ALREADY_THOSE_DETAILS');
  });
  it('merges a second record into another, refusing itself, a record not open, and a record already merged', () => {
    const into = { ...open, mergedFrom: [] };
    const merge = { type: 'MergePersonInto' as const, actor: manager, now, personId: 'p-2', reason: 'same person', facts: { into } };
    given(sweaton)
      .when(merge)
      .then([{ type: 'PersonMergedInto', data: { personId: 'p-2', reason: 'same person' } }]);
    given(sweaton)
      .when({ ...merge, personId: 'p-1' })
      .thenRefuses('REGISTER.SAME_PERSON');
    given(sweaton)
      .when({ ...merge, facts: { into: { registered: true, mergedInto: 'p-3', mergedFrom: [] } } })
      .thenRefuses('REGISTER.UNKNOWN_PERSON');
    given(sweaton, { type: 'PersonMergedInto', data: { personId: 'p-2', reason: 'same person' } })
      .when({ ...merge, personId: 'p-3' })
      .thenRefuses('REGISTER.MERGED');
  });
  it('lets a merge whose second half was lost be asked again, writing nothing more on the duplicate', () => {
    const closed: PersonEvent = { type: 'PersonMergedInto', data: { personId: 'p-2', reason: 'same person' } };
    const merge = {
      type: 'MergePersonInto' as const,
      actor: manager,
      now,
      personId: 'p-2',
      reason: 'again',
      facts: { into: { ...open, mergedFrom: [] } },
    };
    given(sweaton, closed).when(merge).then([]);
    given(sweaton, closed)
      .when({ ...merge, facts: { into: { ...open, mergedFrom: ['p-1'] } } })
      .thenRefuses('REGISTER.MERGED');
    given(sweaton, closed)
      .when({ ...merge, personId: 'p-3' })
      .thenRefuses('REGISTER.MERGED');
  });
  it('takes a merged record in once: the second half asked again records nothing more', () => {
    const takeIn = { type: 'TakeInMergedPerson' as const, actor: manager, now, personId: 'p-2', reason: 'same person', facts: {} };
    const takenIn: PersonEvent = { type: 'PersonMergedIn', data: { personId: 'p-2', reason: 'same person' } };
    given(sweaton).when(takeIn).then([takenIn]);
    given(sweaton, takenIn).when(takeIn).then([]);
  });
  it('records a leaver with a successor who is in the register, and refuses a second with another successor', () => {
    const leave = {
      type: 'RecordPersonLeft' as const,
      actor: manager,
      now,
      reason: 'retired',
      successorId: 'p-2',
      facts: { successor: open },
    };
    given(sweaton)
      .when(leave)
      .then([{ type: 'PersonLeft', data: { reason: 'retired', successorId: 'p-2' } }]);
    given(sweaton, { type: 'PersonLeft', data: { reason: 'retired', successorId: null } })
      .when(leave)
      .thenRefuses('REGISTER.ALREADY_LEFT_TO_ANOTHER');
    given(sweaton)
      .when({ ...leave, facts: { successor: null } })
      .thenRefuses('REGISTER.UNKNOWN_SUCCESSOR');
  });
  it('lets a leaver be asked again with the same successor, to go on moving their actions, recording nothing more', () => {
    const left: PersonEvent = { type: 'PersonLeft', data: { reason: 'retired', successorId: 'p-2' } };
    const leave = {
      type: 'RecordPersonLeft' as const,
      actor: manager,
      now,
      reason: 'again',
      successorId: 'p-2',
      facts: { successor: open },
    };
    given(sweaton, left).when(leave).then([]);
    given(sweaton, left)
      .when({ ...leave, successorId: 'p-3' })
      .thenRefuses('REGISTER.ALREADY_LEFT_TO_ANOTHER');
    given(sweaton, left)
      .when({ ...leave, actor: owner })
      .thenRefuses('REGISTER.NOT_PLAN_MANAGER');
  });
});

describe("an organisation's contact", () => {
  const given = (...events: OrganisationEvent[]) => spec(organisationDecider).given(events);
  const police: OrganisationEvent = {
    type: 'OrganisationRegistered',
    data: { organisationId: 'o-police', name: 'South Yorkshire Police' },
  };
  const set = (email: string | null, personId: string | null, person: RecordFacts | null = null) => ({
    type: 'SetOrganisationContact' as const,
    actor: manager,
    now,
    contact: { email, personId },
    reason: 'single point of contact',
    facts: { person },
  });
  it('is set to an address and a person of the register, and changed later with the earlier one kept in its history', () => {
    given(police)
      .when(set(' Partnerships@SouthYorks.Police.example ', 'p-1', open))
      .then([
        {
          type: 'OrganisationContactSet',
          data: { email: 'partnerships@southyorks.police.example', personId: 'p-1', reason: 'single point of contact' },
        },
      ]);
  });
  it('refuses a contact person not open in the register, the same contact again, no reason, and anyone but a plan manager', () => {
    const current: OrganisationEvent = {
      type: 'OrganisationContactSet',
      data: { email: 'partnerships@southyorks.police.example', personId: null, reason: 'first' },
    };
    given(police)
      .when(set(null, 'p-gone', { registered: true, mergedInto: 'p-kept' }))
      .thenRefuses('REGISTER.UNKNOWN_CONTACT_PERSON');
    given(police)
      .when(set(null, 'p-none', null))
      .thenRefuses('REGISTER.UNKNOWN_CONTACT_PERSON');
    given(police, current).when(set('partnerships@southyorks.police.example', null)).thenRefuses('REGISTER.ALREADY_THAT_CONTACT');
    given(police)
      .when({ ...set('a@b.example', null), reason: ' ' })
      .thenRefuses('REGISTER.REQUIRED');
    given(police)
      .when({ ...set('a@b.example', null), actor: owner })
      .thenRefuses('REGISTER.NOT_PLAN_MANAGER');
    given().when(set('a@b.example', null)).thenRefuses('REGISTER.NOT_FOUND');
  });
});
