import { spec } from '../../../testing/src/decider-spec';
import type { Actor } from '../decider';
import type { MeasureCommand, MeasureLinkFacts } from './measure.commands';
import { measureDecider } from './measure.decider';
import type { MeasureDetails, MeasureEvent } from './measure.events';

// SEND written statement of action, priority 1: "Increased number of EHC plans audited rated as good
// or better from 52.5% to 75%" by June 2023, serving sub-actions 1.1, 1.2, 1.3 and 1.5.
const now = '2023-07-20T10:00:00.000Z';
const manager: Actor = { userId: 'u-manager', role: 'plan manager' };
const owner: Actor = { userId: 'u-jday', role: 'action owner' };
const facts: MeasureLinkFacts = {
  plan: { exists: true, groupingIds: ['g-1.1', 'g-1.2', 'g-1.3', 'g-1.5'], began: '2021-09-01T00:00:00.000Z' },
  unknownActions: [],
  unknownUsers: [],
  ownerRecords: [],
};
const details: MeasureDetails = {
  name: 'EHC plans audited rated as good or better',
  unit: '%',
  direction: 'higher',
  baseline: { value: 52.5, date: '2021-06-30' },
  targets: [{ value: 75, by: '2023-06-30' }],
  tolerance: { amberWithin: 5 },
  frequency: 'quarterly',
  source: 'EHCP quality assurance audits',
  owner: { kind: 'person', name: 'Julie Day', userId: 'u-jday' },
  groupingIds: ['g-1.1', 'g-1.2', 'g-1.3', 'g-1.5'],
  actionIds: [],
};
const define: MeasureCommand = { type: 'DefineMeasure', actor: manager, now, measureId: 'm-ehcp', planId: 'p-wsoa', ...details, facts };
const defined: MeasureEvent = { type: 'MeasureDefined', data: { measureId: 'm-ehcp', planId: 'p-wsoa', ...details } };
const q1: MeasureEvent = {
  type: 'ActualRecorded',
  data: { period: 'Q1 2022/23', periodEnd: '2022-06-30', value: 61, provisional: true, note: 'audit sample not complete' },
};
const given = (...events: MeasureEvent[]) => spec(measureDecider).given(events);
const record = (fields: Partial<Extract<MeasureCommand, { type: 'RecordActual' }>> = {}): MeasureCommand => ({
  type: 'RecordActual',
  actor: owner,
  now,
  period: 'Q2 2022/23',
  periodEnd: '2022-09-30',
  value: 64,
  ...fields,
});
const restate = (fields: Partial<Extract<MeasureCommand, { type: 'RestateActual' }>> = {}): MeasureCommand => ({
  type: 'RestateActual',
  actor: owner,
  now,
  period: 'Q1 2022/23',
  value: 62.5,
  provisional: false,
  reason: 'audit figures re-run retrospectively',
  ...fields,
});

describe('define-measure', () => {
  it('defines the measure for the plan, linked to the groupings it serves', () => given().when(define).then([defined]));
  it('refuses anyone but a plan manager or admin', () =>
    given()
      .when({ ...define, actor: owner })
      .thenRefuses('MEASURE.NOT_PLAN_MANAGER'));
  it('refuses a plan that does not exist', () =>
    given()
      .when({ ...define, facts: { ...facts, plan: { exists: false, groupingIds: [], began: null } } })
      .thenRefuses('PLAN.NOT_FOUND'));
  it('refuses it twice', () => given(defined).when(define).thenRefuses('MEASURE.ALREADY_DEFINED'));
  const refusals: Array<[string, Partial<MeasureDetails>, string, string]> = [
    ['a blank name', { name: ' ' }, 'MEASURE.REQUIRED', 'name'],
    ['an unknown direction', { direction: 'up' as never }, 'MEASURE.INVALID', 'direction'],
    ['an unknown frequency', { frequency: 'fortnightly' as never }, 'MEASURE.INVALID', 'frequency'],
    ['an impossible baseline date', { baseline: { value: 52.5, date: '2021-06-31' } }, 'MEASURE.INVALID_DATE', 'baseline.date'],
    ['no targets', { targets: [] }, 'MEASURE.NO_TARGETS', 'targets'],
    ['a target due before the baseline', { targets: [{ value: 75, by: '2021-01-31' }] }, 'MEASURE.TARGET_BEFORE_BASELINE', 'targets[0].by'],
    [
      'targets out of order',
      {
        targets: [
          { value: 75, by: '2023-06-30' },
          { value: 65, by: '2022-06-30' },
        ],
      },
      'MEASURE.TARGETS_OUT_OF_ORDER',
      'targets[1].by',
    ],
    [
      'a target worse than the baseline',
      { targets: [{ value: 40, by: '2023-06-30' }] },
      'MEASURE.TARGET_WORSE_THAN_BASELINE',
      'targets[0].value',
    ],
    ['a negative tolerance', { tolerance: { amberWithin: -1 } }, 'MEASURE.INVALID', 'tolerance.amberWithin'],
    ['a grouping not of the plan', { groupingIds: ['g-1.1', 'g-9.9'] }, 'MEASURE.UNKNOWN_GROUPING', 'groupingIds[1]'],
    ['an owner without a name', { owner: { kind: 'person', name: '' } }, 'MEASURE.REQUIRED', 'owner.name'],
  ];
  it.each(refusals)('refuses %s, naming the field', (_, change, code, field) => {
    const refused = measureDecider.decide({ ...define, ...change }, measureDecider.initialState);
    expect(refused).toMatchObject({ code, message: expect.stringContaining(field) });
  });
  it('refuses an action not of the plan and an owner who is no user', () => {
    given()
      .when({ ...define, actionIds: ['a-1.1.1'], facts: { ...facts, unknownActions: ['a-1.1.1'] } })
      .thenRefuses('MEASURE.UNKNOWN_ACTION');
    given()
      .when({ ...define, facts: { ...facts, unknownUsers: ['u-jday'] } })
      .thenRefuses('MEASURE.UNKNOWN_USER');
  });
  it('refuses an owner naming a person the register does not hold, or one who has left', () => {
    const record = { field: 'leadOwners[0].personId', kind: 'person' as const, id: 'per-1', registered: false, mergedInto: null };
    const owner = { kind: 'person' as const, name: 'Julie Day', personId: 'per-1' };
    expect(
      measureDecider.decide({ ...define, owner, facts: { ...facts, ownerRecords: [record] } }, measureDecider.initialState),
    ).toMatchObject({
      code: 'MEASURE.UNKNOWN_REGISTER_RECORD',
      message: expect.stringMatching(/^owner\.personId: /),
    });
    given()
      .when({ ...define, owner, facts: { ...facts, ownerRecords: [{ ...record, registered: true, left: true }] } })
      .thenRefuses('MEASURE.UNKNOWN_REGISTER_RECORD');
  });
  it('refuses an effective day before the plan began', () =>
    given()
      .when({ ...define, effective: { at: '2021-08-01T00:00:00.000Z', precision: 'day', source: 'WSOA' } })
      .thenRefuses('EFFECTIVE.BEFORE_PLAN'));
});

describe('change-measure', () => {
  const change = (fields: Partial<MeasureDetails>, reason = 'agreed at the SEND board'): MeasureCommand => ({
    type: 'ChangeMeasure',
    actor: manager,
    now,
    reason,
    facts,
    ...fields,
  });
  it('records only what changed, with the reason', () =>
    given(defined)
      .when(
        change({
          name: details.name,
          targets: [
            { value: 65, by: '2022-06-30' },
            { value: 75, by: '2023-06-30' },
          ],
        }),
      )
      .then([
        {
          type: 'MeasureChanged',
          data: {
            targets: [
              { value: 65, by: '2022-06-30' },
              { value: 75, by: '2023-06-30' },
            ],
            reason: 'agreed at the SEND board',
          },
        },
      ]));
  it('refuses a change without a reason, one that changes nothing, and one by an owner', () => {
    given(defined)
      .when(change({ unit: 'per cent' }, ' '))
      .thenRefuses('MEASURE.REQUIRED');
    given(defined)
      .when(change({ unit: '%' }))
      .thenRefuses('MEASURE.ALREADY_SO');
    given(defined)
      .when({ ...change({ unit: 'per cent' }), actor: owner })
      .thenRefuses('MEASURE.NOT_PLAN_MANAGER');
  });
  it('checks the whole as it would stand: a direction turned round makes the target worse than the baseline', () =>
    given(defined)
      .when(change({ direction: 'lower' }))
      .thenRefuses('MEASURE.TARGET_WORSE_THAN_BASELINE'));
  it('refuses a measure never defined', () =>
    given()
      .when(change({ unit: '%' }))
      .thenRefuses('MEASURE.NOT_FOUND'));
});

describe('record-actual', () => {
  it('lets the owner record a provisional figure for a period', () =>
    given(defined)
      .when(record({ period: ' Q1 2022/23 ', periodEnd: '2022-06-30', value: 61, provisional: true, note: 'audit sample not complete' }))
      .then([q1]));
  it('lets a plan manager record one, and refuses anyone else', () => {
    given(defined)
      .when(record({ actor: manager }))
      .thenAppends('ActualRecorded');
    given(defined)
      .when(record({ actor: { userId: 'u-other', role: 'action owner' } }))
      .thenRefuses('MEASURE.NOT_OWNER');
  });
  it('refuses a second figure for the same period (restate it instead), whatever its case', () =>
    given(defined, q1)
      .when(record({ period: 'q1 2022/23' }))
      .thenRefuses('MEASURE.ALREADY_RECORDED'));
  it('refuses a period that has not ended, an impossible day and a value that is no number', () => {
    given(defined)
      .when(record({ periodEnd: '2023-09-30' }))
      .thenRefuses('MEASURE.PERIOD_NOT_ENDED');
    given(defined)
      .when(record({ periodEnd: '2022-09-31' }))
      .thenRefuses('MEASURE.INVALID_DATE');
    given(defined)
      .when(record({ value: Number.NaN }))
      .thenRefuses('MEASURE.INVALID_VALUE');
  });
  it('refuses a figure effective before the measure was defined', () =>
    given(defined)
      .when(
        record({
          actor: manager,
          began: '2022-01-10T09:00:00.000Z',
          effective: { at: '2021-12-01T00:00:00.000Z', precision: 'day', source: 'scorecard' },
        }),
      )
      .thenRefuses('EFFECTIVE.BEFORE_MEASURE'));
});

describe('restate-actual', () => {
  it('replaces the figure and keeps the one it replaces, with why', () =>
    given(defined, q1)
      .when(restate())
      .then([
        {
          type: 'ActualRestated',
          data: {
            period: 'Q1 2022/23',
            value: 62.5,
            provisional: false,
            note: 'audit sample not complete',
            reason: 'audit figures re-run retrospectively',
            replaces: { value: 61, provisional: true, note: 'audit sample not complete' },
          },
        },
      ]));
  it('refuses a period with no figure, a restatement without a reason, and the same figure again', () => {
    given(defined, q1)
      .when(restate({ period: 'Q3 2022/23' }))
      .thenRefuses('MEASURE.NO_SUCH_PERIOD');
    given(defined, q1)
      .when(restate({ reason: '' }))
      .thenRefuses('MEASURE.REQUIRED');
    given(defined, q1)
      .when(restate({ value: 61, provisional: true }))
      .thenRefuses('MEASURE.ALREADY_THAT_FIGURE');
  });
  it('refuses anyone but the owner and plan managers', () =>
    given(defined, q1)
      .when(restate({ actor: { userId: 'u-viewer', role: 'viewer' } }))
      .thenRefuses('MEASURE.NOT_OWNER'));
});
