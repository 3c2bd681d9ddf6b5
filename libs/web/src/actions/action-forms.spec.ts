import { DomainError, readEffective, refuseEffective, type Effective } from '@actionplans/domain';
import { readDateInput, readEvidence, readProgress, readSubmission } from './action-forms';
import { refusalErrors } from './action-refusals';

describe('the action forms, as an owner fills them in', () => {
  it('reads a GOV.UK date input as the day the command takes', () => {
    expect(readDateInput({ 'asOf-day': '3', 'asOf-month': '6', 'asOf-year': '2022' }, 'asOf', 'the date')).toEqual({ day: '2022-06-03' });
  });

  it.each([
    [{}, 'Enter the date'],
    [{ 'asOf-day': '3', 'asOf-year': '2022' }, 'The date must include a day, month and year'],
    [{ 'asOf-day': '30', 'asOf-month': '2', 'asOf-year': '2022' }, 'The date must be a real date'],
    [{ 'asOf-day': '31', 'asOf-month': '12', 'asOf-year': '9999' }, 'The date must be between 1 January 1900 and 31 December 2199'],
  ])('says what is wrong with a date beside its day field: %j', (sent, text) => {
    expect(readDateInput(sent, 'asOf', 'the date')).toEqual({ error: { field: 'asOf-day', text } });
  });

  it('asks for what an update must say, each beside its field', () => {
    const read = readProgress({ commentary: ' ', 'asOf-day': '1', 'asOf-month': '1', 'asOf-year': '2024' });
    expect(read.ok ? [] : read.errors.map((error) => error.field)).toEqual(['commentary', 'assessment']);
  });

  it('takes an empty “as of” as the day a plan manager’s update was given, and an owner’s as a day to enter', () => {
    const sent = { commentary: 'Board report: workshop held', assessment: 'on track' };
    expect(readProgress(sent, '2022-03-01')).toEqual({ ok: true, command: { ...sent, asOf: '2022-03-01' } });
    const owners = readProgress(sent);
    expect(owners.ok ? [] : owners.errors).toEqual([{ field: 'asOf-day', text: 'Enter the date the update is as of' }]);
  });

  it('takes a link or a file for evidence, not neither', () => {
    const neither = readEvidence({ title: 'Minutes', kind: 'minutes' }, false);
    expect(neither.ok ? null : neither.errors).toEqual([
      { field: 'link', text: 'Enter a link to the evidence, or choose a file to upload' },
    ]);
    expect(readEvidence({ title: 'Minutes', kind: 'minutes' }, true).ok).toBe(true);
  });

  it('sends each challenge point with its answer, word for word', () => {
    const read = readSubmission({ evidenceIds: 'e1', 'answer-1': 'They attended.' }, ['Show who attended']);
    expect(read).toEqual({ ok: true, command: { evidenceIds: ['e1'], answers: { 'Show who attended': 'They attended.' } } });
  });
});

describe('a refused command on an action form', () => {
  it('shows an unanswered challenge point beside its own answer', () => {
    const refusal = new DomainError('ACTION.CHALLENGE_UNANSWERED', 'the panel\'s challenge "Show the minutes" has no answer');
    expect(refusalErrors('submission', refusal, ['Show who attended', 'Show the minutes'])).toEqual([
      { field: 'answer-2', text: 'Enter your answer to the panel’s challenge: “Show the minutes”' },
    ]);
  });

  it('says an update as of a later day than it was given must be on or before that day, beside “as of”', () => {
    const refusal = new DomainError('ACTION.AS_OF_IN_FUTURE', 'asOf: progress given on 2022-03-01 cannot be reported as of a later day');
    expect(refusalErrors('progress', refusal)).toEqual([
      { field: 'asOf-day', text: 'The date the update is as of must be on or before the day it was given, 1 March 2022' },
    ]);
  });

  it('shows a refused day it happened beside “When was this update given?”', () => {
    const before = refuseEffective.before('action', readEffective('2021-01-01') as Effective, '2021-02-01T00:00:00.000Z');
    expect(refusalErrors('progress', before)).toEqual([
      { field: 'effectiveAt-day', text: 'The date it happened must be on or after 1 February 2021, when the action was raised' },
    ]);
  });

  it('shows a rule it has no field for beside the form’s first field, in the rule’s words', () => {
    const refusal = new DomainError('ACTION.AWAITING_SIGN_OFF', 'the action is with the panel: wait for its decision');
    expect(refusalErrors('progress', refusal)).toEqual([
      { field: 'commentary', text: 'The action is with the panel: wait for its decision' },
    ]);
  });
});
