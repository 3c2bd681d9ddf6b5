import type { Actor } from './decider';
import { DomainError } from './domain-error';
import { effectiveRefusal, isEffective, readEffective, type Effective } from './effective';

const now = '2022-06-20T09:30:00.000Z';
const manager: Actor = { userId: 'u-manager', role: 'plan manager' };
const owner: Actor = { userId: 'u-owner', role: 'action owner' };
const minutes = 'minutes of the evidence challenge panel, 14 June 2022';
const read = (at: string) => {
  const effective = readEffective(at, minutes);
  if (!isEffective(effective)) throw new Error(`${at}: ${effective.problem}`);
  return effective;
};
const codeOf = (effective: Effective, actor: Actor = manager, began = {}) =>
  effectiveRefusal({ actor, now, effective }, began)?.code ?? null;

describe('reading an effective date', () => {
  it('reads a day as its first moment in UTC', () =>
    expect(readEffective('2022-06-14', ` ${minutes} `)).toEqual({ at: '2022-06-14T00:00:00.000Z', precision: 'day', source: minutes }));
  it('reads a moment with its offset, normalised to UTC', () =>
    expect(readEffective('2022-06-14T10:00:00+01:00')).toEqual({ at: '2022-06-14T09:00:00.000Z', precision: 'moment', source: null }));
  it('reads a moment in UTC without seconds', () => expect(read('2022-06-14T10:00Z').at).toBe('2022-06-14T10:00:00.000Z'));
  it('keeps milliseconds', () => expect(read('2022-06-14T10:00:00.25Z').at).toBe('2022-06-14T10:00:00.250Z'));
  it.each([
    '2022-02-30',
    '2022-13-01',
    '14/06/2022',
    'June 2022',
    '2022-06-14T10:00:00',
    '2022-06-14T24:00:00Z',
    '2022-06-14T10:60Z',
    '2022-02-30T10:00:00Z',
    '2022-06-14T10:00:00+15:00',
    '2022-06-14 10:00:00Z',
    '',
  ])('refuses %j, saying what it must be', (at) =>
    expect(readEffective(at)).toEqual({ problem: expect.stringContaining('must be a real day (YYYY-MM-DD) or a moment with its offset') }),
  );
  it.each(['9999-12-31', '1899-12-31', '2200-01-01T00:00:00Z', '0202-06-14'])('refuses %j, outside the years plans are worked in', (at) =>
    expect(readEffective(at)).toEqual({ problem: 'must be between 1900-01-01 and 2199-12-31' }),
  );
  it('takes the first and last days of the range', () =>
    expect([read('1900-01-01').at, read('2199-12-31T23:59:59Z').at]).toEqual(['1900-01-01T00:00:00.000Z', '2199-12-31T23:59:59.000Z']));
});

describe('the rules every effective date keeps', () => {
  it('accepts no effective date at all', () => expect(effectiveRefusal({ actor: owner, now }, { plan: now })).toBeNull());
  it('refuses a day after today', () => expect(codeOf(read('2022-06-21'))).toBe('EFFECTIVE.IN_FUTURE'));
  it('names the field and the day when refusing one in the future', () =>
    expect((effectiveRefusal({ actor: manager, now, effective: read('2030-01-01') }, {}) as DomainError).message).toBe(
      'effective.at: 2030-01-01 is in the future: record it once it has happened',
    ));
  it('accepts today as a day, even before the moment it is', () => expect(codeOf(read('2022-06-20'), owner)).toBeNull());
  it('refuses a moment later today', () => expect(codeOf(read('2022-06-20T09:31:00Z'))).toBe('EFFECTIVE.IN_FUTURE'));
  it('lets an owner say something happened earlier today', () => expect(codeOf(read('2022-06-20T08:00:00Z'), owner)).toBeNull());
  it('refuses an owner past-dating to an earlier day', () => expect(codeOf(read('2022-06-19'), owner)).toBe('EFFECTIVE.NOT_PERMITTED'));
  it('lets plan managers, admins and processes past-date', () => {
    for (const role of ['plan manager', 'admin', 'system'] as const) expect(codeOf(read('2022-06-14'), { userId: 'u', role })).toBeNull();
  });
  it('refuses a panel member past-dating', () =>
    expect(codeOf(read('2022-06-14'), { userId: 'u-chair', role: 'panel member' })).toBe('EFFECTIVE.NOT_PERMITTED'));
  it('refuses a date before the plan began, naming the day it began', () => {
    const refused = effectiveRefusal({ actor: manager, now, effective: read('2021-01-10') }, { plan: '2021-01-11T00:00:00.000Z' });
    expect([refused?.code, refused?.message]).toEqual([
      'EFFECTIVE.BEFORE_PLAN',
      'effective.at: 2021-01-10 is before the plan it concerns began (2021-01-11)',
    ]);
  });
  it('counts a day as the whole day: the day a plan began is not before it', () =>
    expect(codeOf(read('2021-01-11'), manager, { plan: '2021-01-11T15:00:00.000Z' })).toBeNull());
  it('compares a moment with the moment it began', () =>
    expect(codeOf(read('2021-01-11T14:59:00Z'), manager, { plan: '2021-01-11T15:00:00.000Z' })).toBe('EFFECTIVE.BEFORE_PLAN'));
  it('refuses a date before the action began', () =>
    expect(codeOf(read('2021-03-01'), manager, { action: '2021-03-02T00:00:00.000Z' })).toBe('EFFECTIVE.BEFORE_ACTION'));
  it('refuses a date before the meeting began', () =>
    expect(codeOf(read('2021-03-01'), manager, { meeting: '2021-03-10T00:00:00.000Z' })).toBe('EFFECTIVE.BEFORE_MEETING'));
});
