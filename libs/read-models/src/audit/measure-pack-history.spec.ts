import type { RecordedEvent } from '@actionplans/event-store';
import { measureHistory, packRegisterHistory } from './measure-pack-history';

const recorded = (stream: string, version: number, type: string, data: object, reason?: string): RecordedEvent => ({
  id: `${stream}-${version}`,
  stream,
  version,
  position: version,
  type,
  data: reason ? { ...data, reason } : data,
  metadata: {
    actor: { id: 'u-julie', role: 'action owner' },
    correlationId: 'r1',
    causationId: null,
    recordedAt: '2023-05-02T10:00:00.000Z',
    occurredAt: '2023-05-02T10:00:00.000Z',
    hash: 'h',
    prevHash: null,
  },
});

const defined = {
  measureId: 'm1',
  planId: 'send',
  name: 'EHC plans audited rated good or better',
  unit: '%',
  direction: 'higher',
  baseline: { value: 52.5, date: '2021-06-01' },
  targets: [{ value: 75, by: '2023-06-30' }],
  tolerance: { amberWithin: 5 },
  frequency: 'quarterly',
  source: 'EHCP audit',
  owner: { kind: 'person', name: 'Julie Day' },
  groupingIds: [],
  actionIds: [],
};
const figure = { period: '2023-03', periodEnd: '2023-03-31', value: 61.2, provisional: true, note: null };

describe("a measure's events in a plan's history", () => {
  const events = [
    recorded('measure-m1', 1, 'MeasureDefined', defined),
    recorded('measure-m1', 2, 'ActualRecorded', figure),
    recorded('measure-m1', 3, 'ActualRestated', { ...figure, value: 58, provisional: false, replaces: figure }, 're-run retrospectively'),
    recorded('measure-m1', 4, 'MeasureChanged', { name: 'EHC plans audited good or better', unit: 'plans' }, 'audit now counts plans'),
    recorded('measure-m1', 5, 'ActualRecorded', { ...figure, period: 'Q1 2023/24', value: 64, provisional: false, note: 'whole sample' }),
  ];

  it('says who defined it, and who recorded and restated which figure for which period, in its unit at the time', () => {
    const { entries } = measureHistory(events);
    expect(entries.map((entry) => entry.what)).toEqual([
      'defined the measure "EHC plans audited rated good or better": baseline 52.5% on 1 June 2021, target 75% by 30 June 2023, higher is better',
      'recorded 61.2% for 2023-03 (provisional)',
      'restated 2023-03 as 58%, replacing 61.2% (provisional)',
      'changed the measure: name, unit',
      'recorded 64 plans for Q1 2023/24: whole sample',
    ]);
    expect(entries.map((entry) => entry.why)).toEqual([null, null, 're-run retrospectively', 'audit now counts plans', null]);
    expect(entries[2]).toMatchObject({ who: { id: 'u-julie', role: 'action owner' }, version: 3 });
  });

  it('names the measure by its name now', () => {
    expect(measureHistory(events).measure).toEqual({ measureId: 'm1', name: 'EHC plans audited good or better' });
  });
});

describe("a plan's pack register in its history", () => {
  const issued = (meeting: { name: string; date: string }, panelId: string | null) => ({
    packId: 'k1',
    planId: 'send',
    hash: '3f9a0c7e21bd'.padEnd(64, '0'),
    inputs: { asAt: '2022-06-10', basis: 'computed', compareWith: null, exceptionsOnly: false, meeting, upTo: 40 },
    meeting: panelId ? { panelId, board: null, date: meeting.date } : { panelId: null, board: meeting.name, date: meeting.date },
  });

  it('says which pack, by the start of its hash, went to which meeting, with the day its figures are as at', () => {
    const lines = packRegisterHistory([
      recorded('packs-send', 1, 'PackIssued', issued({ name: 'Improvement Board', date: '2022-06-14' }, null)),
      recorded('packs-send', 2, 'PackIssued', issued({ name: 'The SEND Executive Board', date: '2022-07-05' }, null)),
    ]);
    expect(lines.map((line) => line.what)).toEqual([
      'issued the committee pack 3f9a0c7e21bd to the Improvement Board of 14 June 2022 (figures as at 10 June 2022)',
      'issued the committee pack 3f9a0c7e21bd to The SEND Executive Board of 5 July 2022 (figures as at 10 June 2022)',
    ]);
  });

  it("says a scheduled pack was made on the plan's schedule, and whom it was emailed to and who it could not reach", () => {
    const scheduled = { ...issued({ name: 'Improvement Board', date: '2022-06-14' }, null), packId: 'k2', scheduled: { daysBefore: 7 } };
    const sent = (pdf: boolean) => ({
      packId: 'k2',
      to: [
        { userId: 'u-priya', email: 'priya.patel@council.example' },
        { userId: 'u-sam', email: 'sam.rahman@council.example' },
      ],
      notReached: [{ userId: 'u-owen', why: 'no email address' }],
      pdf,
    });
    const lines = packRegisterHistory([
      recorded('packs-send', 1, 'PackIssued', scheduled),
      recorded('packs-send', 2, 'ScheduledPackSent', sent(true)),
      recorded('packs-send', 3, 'ScheduledPackSent', { ...sent(false), packId: 'k9', notReached: [] }),
    ]);
    expect(lines.map((line) => line.what)).toEqual([
      "issued the committee pack 3f9a0c7e21bd to the Improvement Board of 14 June 2022 (figures as at 10 June 2022), made on the plan's pack schedule 7 days before the board",
      'emailed the committee pack 3f9a0c7e21bd to 2 plan managers, with its PDF; not reached: no email address',
      // A pack the register does not show issued is named by its id.
      'emailed committee pack k9 to 2 plan managers, without a PDF',
    ]);
  });
});
