import type { RecordedEvent } from '@actionplans/event-store';
import { action23, action53, actionStreams, at, planEvents, raise, stream } from './hmip-history.fixture';
import { planAsAt, planAsAtDays } from './plan-as-at';
import type { HistoryBasis } from './timeline';

const asAt = (day: string, basis: HistoryBasis = 'recorded', streams: RecordedEvent[][] = actionStreams) =>
  planAsAt({ planEvents, actionStreams: streams, asAt: day, basis });
const statusOf = (day: string, actionId: string, basis: HistoryBasis = 'recorded') =>
  asAt(day, basis)!.actions.find((action) => action.actionId === actionId)?.status;
/** [status, count] for every row a board paper shows, zeros included. */
const rows = (summary: { byStatus: Array<{ status: string; count: number }> }) =>
  summary.byStatus.map(({ status, count }) => [status, count]);

describe('the plan as at a date', () => {
  it('is null before the plan was created, on either basis', () => {
    expect(asAt('2021-01-04')).toBeNull();
    expect(asAt('2021-01-04', 'effective')).toBeNull();
  });

  it('shows the plan as it stood: its stage and the actions raised by then, none raised later', () => {
    expect(asAt('2021-01-10')).toMatchObject({ plan: { planId: 'p-hmip', stage: 'draft' }, actions: [], summary: { counted: 0 } });
    const april = asAt('2021-04-01')!;
    expect(april.plan).toMatchObject({ stage: 'active', title: 'Rotherham YOT HMIP Inspection Action Plan' });
    expect(april.actions.map((action) => action.actionId)).toEqual(['a-2.2', 'a-2.3', 'a-3.1', 'a-5.3', 'a-6.1']);
    expect(asAt('2021-04-30')!.actions.map((action) => action.actionId)).toContain('a-2.4');
  });

  it('gives a different, correct summary on each date: on track in February, off track past Mar-21, complete once signed off', () => {
    expect(statusOf('2021-02-15', 'a-2.3')).toMatchObject({ status: 'on track', label: 'Action progressing and on track' });
    expect(statusOf('2021-04-01', 'a-2.3')).toMatchObject({ status: 'off track', reason: 'past its target date of 2021-03-31' });
    expect(statusOf('2021-05-09', 'a-2.3')).toMatchObject({ status: 'off track' });
    expect(statusOf('2021-05-31', 'a-2.3')).toMatchObject({ status: 'complete', label: 'Action completed' });

    expect(asAt('2021-02-15')!.summary).toMatchObject({ counted: 4, complete: 0, percentComplete: 0 });
    expect(rows(asAt('2021-02-15')!.summary)).toEqual([
      ['complete', 0],
      ['awaiting sign-off', 0],
      ['on track', 1],
      ['at risk', 2],
      ['off track', 0],
      ['not started', 1],
    ]);
    expect(rows(asAt('2021-04-01')!.summary)).toEqual([
      ['complete', 0],
      ['awaiting sign-off', 0],
      ['on track', 0],
      ['at risk', 1],
      ['off track', 2],
      ['not started', 1],
    ]);
    expect(asAt('2021-05-31')!.summary).toMatchObject({ counted: 5, complete: 1, percentComplete: 20 });
    expect(rows(asAt('2021-05-31')!.summary)).toEqual([
      ['complete', 1],
      ['awaiting sign-off', 0],
      ['on track', 0],
      ['at risk', 1],
      ['off track', 1],
      ['not started', 2],
    ]);
  });

  it('computes statuses with the target date in force on that day', () => {
    // 2.2 was due end of February until its revision to Jun-21 was approved on 25 February.
    expect(statusOf('2021-02-15', 'a-2.2')).toMatchObject({
      status: 'at risk',
      reason: 'due 2021-02-28, 13 days away, and not yet submitted',
    });
    expect(statusOf('2021-03-01', 'a-2.2')).toMatchObject({ status: 'not started' });
  });

  it("uses the plan's status wording as it stood on that day", () => {
    expect(statusOf('2021-05-31', 'a-3.1')).toMatchObject({ status: 'off track', label: 'Off track' });
    expect(statusOf('2021-06-30', 'a-3.1')).toMatchObject({ status: 'off track', label: 'Red: at significant risk' });
    expect(asAt('2021-05-31')!.plan.statusLabels['off track']).toBe('Off track');
  });

  it('on the recorded basis does not see a backdated update entered later; on the effective basis it does', () => {
    expect(statusOf('2021-03-05', 'a-5.3', 'recorded')).toMatchObject({ status: 'not started', label: 'Action planned but not started' });
    expect(statusOf('2021-03-05', 'a-5.3', 'effective')).toMatchObject({
      status: 'at risk',
      label: 'Action may exceed original target date',
      reason: "the owner's assessment as of 2021-03-01",
    });
    expect(statusOf('2021-03-20', 'a-5.3', 'recorded')).toMatchObject({ status: 'at risk' });
    expect(asAt('2021-03-05', 'recorded')!.summary.byStatus.find((row) => row.status === 'at risk')!.count).toBe(0);
    expect(asAt('2021-03-05', 'effective')!.summary.byStatus.find((row) => row.status === 'at risk')!.count).toBe(1);
  });

  it('on the effective basis places an action on the day it was raised, not the day it was entered', () => {
    expect(asAt('2021-04-10', 'recorded')!.actions.map((action) => action.actionId)).not.toContain('a-2.4');
    expect(asAt('2021-04-10', 'effective')!.actions.map((action) => action.actionId)).toContain('a-2.4');
  });

  it('on the effective basis lets the newest as-of update win, whatever order they were typed in', () => {
    const action42 = stream(
      'action-a-4.2',
      at(
        '2021-01-11T13:30:00.000Z',
        raise(
          'a-4.2',
          's-rec',
          '4.2',
          'Meet with existing post 16 providers to develop pathways for YOT young people',
          'Service Manager Evidence Based Hub',
          'May-21',
        ),
      ),
      at('2021-03-10T12:00:00.000Z', {
        type: 'ProgressUpdated',
        data: {
          commentary: 'Variety of pathways and support in place for YOT cohort.',
          assessment: 'on track',
          asOf: '2021-03-10',
          backdatingReason: null,
        },
      }),
      at(
        '2021-03-20T12:00:00.000Z',
        {
          type: 'ProgressUpdated',
          data: {
            commentary: 'Provider meeting postponed',
            assessment: 'at risk',
            asOf: '2021-03-05',
            backdatingReason: 'reported at the March Board, entered late',
          },
        },
        { occurredAt: '2021-03-05T00:00:00.000Z' },
      ),
    );
    expect(asAt('2021-03-25', 'recorded', [action42])!.actions[0].status.status).toBe('at risk');
    expect(asAt('2021-03-25', 'effective', [action42])!.actions[0].status.status).toBe('on track');
  });

  it('on the effective basis keeps an action whose backdated update is dated the day it was raised', () => {
    // Backdated to 00:00 on 11 January, hours before the action was raised at 13:30 that day.
    const action45 = stream(
      'action-a-4.5',
      at(
        '2021-01-11T13:30:00.000Z',
        raise(
          'a-4.5',
          's-rec',
          '4.5',
          'Undertake skills audit to identify gaps in provision, accessibility and quality',
          'YJ Operations Coordinator',
          'Mar-21',
        ),
      ),
      at(
        '2021-01-20T09:00:00.000Z',
        {
          type: 'ProgressUpdated',
          data: {
            commentary: 'Skills audit scoped at the team meeting',
            assessment: 'on track',
            asOf: '2021-01-11',
            backdatingReason: 'scoped on the day it was raised',
          },
        },
        { occurredAt: '2021-01-11T00:00:00.000Z' },
      ),
    );
    expect(asAt('2021-01-31', 'effective', [action45])!.actions).toMatchObject([{ actionId: 'a-4.5', status: { status: 'on track' } }]);
  });

  it('does not count a duplicate, in the plan or in its grouping', () => {
    const { summary } = asAt('2021-02-15')!;
    expect(summary.notCounted).toEqual({ duplicate: 1, withdrawn: 0 });
    expect(summary.byGrouping.find((grouping) => grouping.groupingId === 's-org')!.summary).toMatchObject({
      counted: 0,
      notCounted: { duplicate: 1 },
    });
  });

  it('counts every action anywhere under each top-level grouping', () => {
    const { summary } = asAt('2021-05-31')!;
    expect(
      summary.byGrouping.map(({ groupingId, references, summary: { counted, complete, percentComplete } }) => [
        groupingId,
        references,
        counted,
        complete,
        percentComplete,
      ]),
    ).toEqual([
      ['s-rec', ['Recommendations'], 5, 1, 20],
      ['s-org', ['Organisational delivery'], 0, 0, 0],
    ]);
    expect(summary.byGrouping[0].title).toBe('Recommendations');
  });

  it('leaves out events after the date even when the stream runs on', () => {
    expect(asAt('2021-04-25', 'recorded', [action23, action53])!.actions[0]).toMatchObject({
      stage: 'submitted',
      latestProgress: { asOf: '2021-02-10', assessment: 'on track' },
      signedOff: null,
    });
  });

  it('names the panel decision that completed an action, from the day it was taken', () => {
    const [before, after] = ['2021-05-09', '2021-05-11'].map((day) => asAt(day, 'recorded', [action23])!.actions[0]);
    expect(before).toMatchObject({ stage: 'submitted', signedOff: null });
    expect(after).toMatchObject({
      stage: 'complete',
      signedOff: { panelId: 'panel-may', at: '2021-05-10T14:30:00.000Z', rationale: 'Evidence of change and impact accepted' },
    });
  });
});

describe('the plan as at several days in one pass', () => {
  const days = [
    '2021-01-04',
    '2021-01-10',
    '2021-02-15',
    '2021-03-01',
    '2021-03-19',
    '2021-04-01',
    '2021-04-10',
    '2021-05-09',
    '2021-05-31',
    '2021-06-30',
  ];
  it.each(['recorded', 'effective'] as const)('answers each day exactly as asking for it alone does (%s)', (basis) => {
    const answers = planAsAtDays({ planEvents, actionStreams, days: [...days].reverse(), basis });
    expect([...answers.keys()]).toEqual(days);
    for (const day of days) expect(answers.get(day)).toEqual(planAsAt({ planEvents, actionStreams, asAt: day, basis }));
  });
});
