import { expectedOn, measureStanding, type Figure, type MeasureBasis } from './measure.status';

// SEND written statement of action 1.1: "Increased number of EHC plans audited rated as good or
// better from 52.5% to 75% by June 2023", baseline at the inspection (end of Q1, June 2021).
const ehcp: MeasureBasis = {
  direction: 'higher',
  baseline: { value: 52.5, date: '2021-06-30' },
  targets: [
    { value: 65, by: '2022-06-30' },
    { value: 75, by: '2023-06-30' },
  ],
  tolerance: { amberWithin: 5 },
};
// "Reduce the number of requests for EHCP Assessment from 64 per month to 50 per month (baseline July 2021)".
const requests: MeasureBasis = {
  direction: 'lower',
  baseline: { value: 64, date: '2021-07-31' },
  targets: [{ value: 50, by: '2022-07-31' }],
  tolerance: { amberWithin: 3 },
};
const figure = (periodEnd: string, value: number, provisional = false): Figure => ({ periodEnd, value, provisional });

describe('the value expected of a measure on a day', () => {
  it('is on the line from the baseline to the first target', () => {
    // Half a year (182 of 365 days) from 52.5 towards 65.
    expect(expectedOn(ehcp, '2021-12-29').expected).toBeCloseTo(52.5 + 12.5 * (182 / 365), 6);
    expect(expectedOn(ehcp, '2021-12-29').target).toEqual({ value: 65, by: '2022-06-30' });
  });
  it('is the target itself on its day, then runs on to the next', () => {
    expect(expectedOn(ehcp, '2022-06-30').expected).toBe(65);
    expect(expectedOn(ehcp, '2022-12-30').target.by).toBe('2023-06-30');
    expect(expectedOn(ehcp, '2022-12-30').expected).toBeCloseTo(65 + 10 * (183 / 365), 6);
  });
  it('is the last target after its day', () => expect(expectedOn(ehcp, '2024-03-31')).toEqual({ target: ehcp.targets[1], expected: 75 }));
  it('is the baseline for a figure from before the baseline', () => expect(expectedOn(ehcp, '2021-01-31').expected).toBe(52.5));
});

describe('a measure’s status and direction of travel', () => {
  it('has no data, and no direction, before any figure', () =>
    expect(measureStanding(ehcp, [])).toEqual({ status: 'no data', travel: 'no data', latest: null, against: null }));
  it('is on track (green) on or above the line to its next target, and improving from the baseline', () => {
    const standing = measureStanding(ehcp, [figure('2021-12-31', 60)]);
    expect(standing).toMatchObject({ status: 'on track', travel: 'improving', against: { target: { value: 65 } } });
  });
  it('is amber when short of the line by no more than its tolerance', () => {
    // Expected on 2022-06-30 is 65: 61 is 4 short, within 5.
    expect(measureStanding(ehcp, [figure('2022-06-30', 61)]).status).toBe('amber');
    expect(measureStanding(ehcp, [figure('2022-06-30', 60)]).status).toBe('amber');
  });
  it('is red when further short than its tolerance; its travel is against the figure before, not the line', () => {
    const standing = measureStanding(ehcp, [figure('2021-12-31', 58), figure('2022-06-30', 59.9)]);
    expect(standing.status).toBe('red');
    expect(standing.travel).toBe('improving');
    expect(measureStanding(ehcp, [figure('2021-12-31', 58), figure('2022-03-31', 55)]).travel).toBe('worsening');
  });
  it('is achieved once its latest figure meets its final target, early or late', () => {
    expect(measureStanding(ehcp, [figure('2022-12-31', 75.0)]).status).toBe('achieved');
    expect(measureStanding(ehcp, [figure('2023-09-30', 80)]).status).toBe('achieved');
  });
  it('judges the latest period, not the last recorded, and says unchanged on the same figure', () => {
    const standing = measureStanding(ehcp, [figure('2023-03-31', 76), figure('2022-12-31', 76)]);
    expect(standing.latest?.periodEnd).toBe('2023-03-31');
    expect(standing.travel).toBe('unchanged');
  });
  it('is red after the last target’s day when still short by more than the tolerance', () =>
    expect(measureStanding(ehcp, [figure('2023-09-30', 69)]).status).toBe('red'));
  it('reads lower as better for a measure to reduce', () => {
    expect(measureStanding(requests, [figure('2021-10-31', 60)])).toMatchObject({ status: 'on track', travel: 'improving' });
    expect(measureStanding(requests, [figure('2022-07-31', 52)]).status).toBe('amber');
    expect(measureStanding(requests, [figure('2022-07-31', 70)])).toMatchObject({ status: 'red', travel: 'worsening' });
    expect(measureStanding(requests, [figure('2022-05-31', 49)]).status).toBe('achieved');
  });
  it('has no amber with a tolerance of zero', () =>
    expect(measureStanding({ ...requests, tolerance: { amberWithin: 0 } }, [figure('2022-07-31', 50.5)]).status).toBe('red'));
});
