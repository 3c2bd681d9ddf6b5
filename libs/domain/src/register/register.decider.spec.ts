import { spec } from '../../../testing/src/decider-spec';
import { organisationDecider, personDecider } from './register.decider';
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
    const merge = { type: 'MergePersonInto' as const, actor: manager, now, personId: 'p-2', reason: 'same person', facts: { into: open } };
    given(sweaton)
      .when(merge)
      .then([{ type: 'PersonMergedInto', data: { personId: 'p-2', reason: 'same person' } }]);
    given(sweaton)
      .when({ ...merge, personId: 'p-1' })
      .thenRefuses('REGISTER.SAME_PERSON');
    given(sweaton)
      .when({ ...merge, facts: { into: { registered: true, mergedInto: 'p-3' } } })
      .thenRefuses('REGISTER.UNKNOWN_PERSON');
    given(sweaton, { type: 'PersonMergedInto', data: { personId: 'p-2', reason: 'same person' } })
      .when({ ...merge, personId: 'p-3' })
      .thenRefuses('REGISTER.MERGED');
  });
  it('records a leaver once, with a successor who is in the register', () => {
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
      .thenRefuses('REGISTER.ALREADY_LEFT');
    given(sweaton)
      .when({ ...leave, facts: { successor: null } })
      .thenRefuses('REGISTER.UNKNOWN_SUCCESSOR');
  });
});
