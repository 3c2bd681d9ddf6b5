import { DomainError, readEffective, refuseEffective, type Actor, type Effective } from '@actionplans/domain';
import { effectiveRefusalError, readEffectiveForm } from './effective-form';

// Minutes of 14 June 2022 are entered on 20 June 2022, mid-morning in London (BST, UTC+1).
const now = '2022-06-20T09:30:00.000Z';
const manager: Actor = { userId: 'u-priya', role: 'plan manager' };
const owner: Actor = { userId: 'u-owen', role: 'action owner' };
const on = (day: string, month: string, year: string, rest: Record<string, string> = {}) => ({
  'effectiveAt-day': day,
  'effectiveAt-month': month,
  'effectiveAt-year': year,
  ...rest,
});
const minutes = { effectiveSource: 'Minutes of the evidence challenge panel, 14 June 2022' };

describe('"When did this happen?" as a plan manager fills it in', () => {
  it('is now when left empty', () => {
    expect(readEffectiveForm({}, { actor: manager, now })).toEqual({ effective: undefined, errors: [] });
  });

  it('reads an earlier day with where it is written down', () => {
    expect(readEffectiveForm(on('14', '6', '2022', minutes), { actor: manager, now })).toEqual({
      effective: { at: '2022-06-14T00:00:00.000Z', precision: 'day', source: minutes.effectiveSource },
      errors: [],
    });
  });

  it('takes the month by name, as people type it', () => {
    expect(readEffectiveForm(on('14', 'June', '2022', minutes), { actor: manager, now }).effective?.at).toBe('2022-06-14T00:00:00.000Z');
  });

  it.each([
    ['2:30pm', '2022-06-14T13:30:00.000Z'],
    ['14:30', '2022-06-14T13:30:00.000Z'],
    ['midday', '2022-06-14T11:00:00.000Z'],
  ])('reads the time %s as UK summer time', (time, at) => {
    const read = readEffectiveForm(on('14', '6', '2022', { ...minutes, effectiveTime: time }), { actor: manager, now });
    expect(read.effective).toEqual({ at, precision: 'moment', source: minutes.effectiveSource });
  });

  it('reads a winter time as GMT', () => {
    const read = readEffectiveForm(on('14', '1', '2022', { ...minutes, effectiveTime: '9:15am' }), { actor: manager, now });
    expect(read.effective?.at).toBe('2022-01-14T09:15:00.000Z');
  });

  it('takes today without a time as now, keeping its source, so it stays after what was recorded earlier today', () => {
    expect(readEffectiveForm(on('20', '6', '2022'), { actor: manager, now }).effective).toBeUndefined();
    expect(readEffectiveForm(on('20', '6', '2022', minutes), { actor: manager, now }).effective).toEqual({
      at: now,
      precision: 'moment',
      source: minutes.effectiveSource,
    });
  });

  it('takes an empty date with a source on a default day that has not passed as now, as the command does', () => {
    expect(readEffectiveForm(minutes, { actor: manager, now, defaultDay: '2022-06-20' }).effective?.at).toBe(now);
  });

  it('takes an empty date as the command’s own default day, with the source given', () => {
    const options = { actor: manager, now, defaultDay: '2022-06-14' };
    expect(readEffectiveForm({}, options).effective).toBeUndefined();
    expect(readEffectiveForm(minutes, options).effective).toEqual({
      at: '2022-06-14T00:00:00.000Z',
      precision: 'day',
      source: minutes.effectiveSource,
    });
  });

  it.each([
    ['an impossible date', on('31', '2', '2022', minutes), 'effectiveAt-day', 'The date it happened must be a real date'],
    ['no month', on('14', '', '2022', minutes), 'effectiveAt-day', 'The date it happened must include a month'],
    ['a year alone', on('', '', '2022', minutes), 'effectiveAt-day', 'The date it happened must include a day and month'],
    ['tomorrow', on('21', '6', '2022', minutes), 'effectiveAt-day', 'The date it happened must be today or in the past'],
    ['a time without a date', { effectiveTime: '2pm' }, 'effectiveAt-day', 'Enter the date it happened, as well as the time'],
    [
      'an unreadable time',
      on('14', '6', '2022', { ...minutes, effectiveTime: '25:00' }),
      'effectiveAt-day',
      expect.stringContaining('Enter the time'),
    ],
    [
      'an earlier day without its source',
      on('14', '6', '2022'),
      'effectiveSource',
      'Enter where this is written down, such as the minutes or report it is taken from',
    ],
    [
      'a source too long',
      on('14', '6', '2022', { effectiveSource: 'x'.repeat(501) }),
      'effectiveSource',
      'Where it is written down must be 500 characters or fewer',
    ],
  ])('says what is wrong with %s beside its field', (_, sent, field, text) => {
    expect(readEffectiveForm(sent, { actor: manager, now }).errors).toEqual([{ field, text }]);
  });

  it('refuses an earlier day from an owner, by the commands’ own rule', () => {
    expect(readEffectiveForm(on('14', '6', '2022', minutes), { actor: owner, now }).errors).toEqual([
      { field: 'effectiveAt-day', text: 'Only plan managers and admins can record that something happened on an earlier day' },
    ]);
  });

  it('names the fields of one form among several by their suffix', () => {
    const read = readEffectiveForm(on('14', '6', '2022'), { actor: manager, now, idSuffix: '-2' });
    expect(read.errors.map((error) => error.field)).toEqual(['effectiveSource-2']);
  });
});

describe('a command’s refusal of the day it happened, in words', () => {
  const day = (at: string) => readEffective(at) as Effective;
  it.each([
    [
      'before the plan began',
      refuseEffective.before('plan', day('2020-12-01'), '2021-01-11T00:00:00.000Z'),
      'must be on or after 11 January 2021, when the plan began',
    ],
    [
      'before the action began',
      refuseEffective.before('action', day('2021-01-20'), '2021-02-01T10:00:00.000Z'),
      'must be on or after 1 February 2021, when the action was raised',
    ],
    [
      'before the meeting',
      refuseEffective.before('meeting', day('2022-06-13'), '2022-06-14T00:00:00.000Z'),
      'must be on or after 14 June 2022, the day of the meeting',
    ],
    ['in the future', refuseEffective.inFuture(day('2030-01-01')), 'must be today or in the past'],
  ])('says a date %s beside the date field', (_, refusal, words) => {
    expect(effectiveRefusalError(refusal, '-3')).toEqual({ field: 'effectiveAt-3-day', text: `The date it happened ${words}` });
  });

  it('leaves a meeting still to come to the form’s own words: no date was given', () => {
    expect(effectiveRefusalError(refuseEffective.meetingAhead('2030-01-01'))).toBeNull();
  });

  it('leaves other refusals alone', () => {
    expect(effectiveRefusalError(new DomainError('PLAN.CLOSED', 'the plan is closed: reopen it before changing it'))).toBeNull();
  });
});
