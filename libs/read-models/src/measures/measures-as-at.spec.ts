import type { MeasureEvent } from '@actionplans/domain';
import type { RecordedEvent } from '@actionplans/event-store';
import { measureAsAt, planMeasuresAsAt } from './measures-as-at';

// The EHCP audit measure entered in July 2023 from the board papers it was reported in: each figure
// effective on its paper's day, recorded when typed in.
const TYPED_IN = '2023-07-20T09:00:00.000Z';
let position = 0;
const event = (measureId: string, version: number, e: MeasureEvent, occurredAt: string, recordedAt = TYPED_IN): RecordedEvent => ({
  id: `${measureId}-${version}`,
  stream: `measure-${measureId}`,
  version,
  position: ++position,
  type: e.type,
  data: e.data,
  metadata: {
    actor: { id: 'u-manager', role: 'plan manager' },
    occurredAt,
    recordedAt,
    correlationId: 'c',
    causationId: null,
    hash: 'h',
    prevHash: null,
    source: 'SEND Executive Board papers',
  },
});
const defined = (measureId: string, planId: string): MeasureEvent => ({
  type: 'MeasureDefined',
  data: {
    measureId,
    planId,
    name: 'EHC plans audited rated as good or better',
    unit: '%',
    direction: 'higher',
    baseline: { value: 52.5, date: '2021-06-30' },
    targets: [{ value: 75, by: '2023-06-30' }],
    tolerance: { amberWithin: 5 },
    frequency: 'quarterly',
    source: null,
    owner: { kind: 'person', name: 'Julie Day' },
    groupingIds: [],
    actionIds: [],
  },
});
const ehcp = [
  event('m-ehcp', 1, defined('m-ehcp', 'p-wsoa'), '2021-09-01T00:00:00.000Z'),
  event(
    'm-ehcp',
    2,
    { type: 'ActualRecorded', data: { period: 'Q4 2021/22', periodEnd: '2022-03-31', value: 58, provisional: true, note: null } },
    '2022-05-10T00:00:00.000Z',
  ),
  event(
    'm-ehcp',
    3,
    {
      type: 'ActualRestated',
      data: {
        period: 'Q4 2021/22',
        value: 61.5,
        provisional: false,
        note: null,
        reason: 're-run retrospectively',
        replaces: { value: 58, provisional: true, note: null },
      },
    },
    '2022-08-01T00:00:00.000Z',
  ),
  event(
    'm-ehcp',
    4,
    { type: 'ActualRecorded', data: { period: 'Q1 2023/24', periodEnd: '2023-06-30', value: 76, provisional: false, note: null } },
    '2023-07-14T00:00:00.000Z',
  ),
];
const other = [event('m-other', 1, defined('m-other', 'p-other'), '2021-09-01T00:00:00.000Z')];

describe('a measure as at a day', () => {
  it('shows, as we now know it, the figure a board had then: provisional in May 2022, restated by August', () => {
    expect(measureAsAt(ehcp, '2022-06-01', 'effective')).toMatchObject({
      status: 'amber',
      latest: { period: 'Q4 2021/22', value: 58, provisional: true },
    });
    const august = measureAsAt(ehcp, '2022-08-31', 'effective')!;
    expect(august).toMatchObject({ status: 'on track', latest: { value: 61.5, provisional: false } });
    expect(august.actuals[0].restatements).toEqual([expect.objectContaining({ replaces: { value: 58, provisional: true, note: null } })]);
    expect(measureAsAt(ehcp, '2023-07-15', 'effective')).toMatchObject({ status: 'achieved', travel: 'improving' });
  });
  it('shows nothing before it was typed in, as the system then showed it', () => {
    expect(measureAsAt(ehcp, '2023-07-19', 'recorded')).toBeNull();
    expect(measureAsAt(ehcp, '2023-07-20', 'recorded')).toMatchObject({ status: 'achieved' });
  });
  it('lists only the plan’s own measures, defined by then', () => {
    const listed = planMeasuresAsAt({ planId: 'p-wsoa', measureStreams: [ehcp, other], asAt: '2022-06-01', basis: 'effective' });
    expect(listed.measures.map((m) => [m.measureId, m.status])).toEqual([['m-ehcp', 'amber']]);
    expect(planMeasuresAsAt({ planId: 'p-wsoa', measureStreams: [ehcp], asAt: '2021-08-31', basis: 'effective' }).measures).toEqual([]);
  });
});
