import type { RecordedEvent } from '@actionplans/event-store';
import {
  action22,
  action23,
  action24,
  action31,
  action53,
  action61,
  actionStreams,
  at,
  chair,
  extend,
  manager,
  planEvents,
} from './hmip-history.fixture';
import { planChanges } from './plan-changes';
import type { HistoryBasis } from './timeline';

const changes = (
  from: string,
  to: string,
  basis: HistoryBasis = 'recorded',
  plan = planEvents,
  streams: RecordedEvent[][] = actionStreams,
) => planChanges({ planEvents: plan, actionStreams: streams, from, to, basis });
const thrown = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
};

describe('what changed in the plan between two dates', () => {
  it('lists a target date revision approved in the window with the old and new due dates, then the status it moved', () => {
    expect(changes('2021-02-15', '2021-02-28')).toEqual([
      {
        at: '2021-02-25T15:00:00.000Z',
        kind: 'target date revised',
        actionId: 'a-2.2',
        references: ['2.2'],
        from: '2021-02-28',
        to: '2021-06-30',
        by: manager,
        detail: 'Policy to be agreed at the June Board',
      },
      {
        at: '2021-02-28T23:59:59.999Z',
        kind: 'status moved',
        actionId: 'a-2.2',
        references: ['2.2'],
        from: 'at risk',
        to: 'not started',
        detail: 'no progress reported yet',
      },
    ]);
  });

  it('lists actions raised, panel outcomes and the sign-off, oldest first, with who recorded them', () => {
    expect(changes('2021-04-01', '2021-05-31')).toEqual([
      {
        at: '2021-04-12T09:30:00.000Z',
        kind: 'action raised',
        actionId: 'a-2.4',
        references: ['2.4'],
        by: chair,
        detail: "Provide bespoke training in Restorative Justice for staff in residential children's homes",
      },
      {
        at: '2021-04-28T14:00:00.000Z',
        kind: 'sent back',
        actionId: 'a-2.3',
        references: ['2.3'],
        by: chair,
        detail: 'more evidence required: Attendance shown, impact not yet evidenced',
      },
      {
        at: '2021-05-10T14:30:00.000Z',
        kind: 'signed off',
        actionId: 'a-2.3',
        references: ['2.3'],
        by: chair,
        detail: 'Evidence of change and impact accepted',
      },
      {
        at: '2021-05-31T23:59:59.999Z',
        kind: 'status moved',
        actionId: 'a-2.3',
        references: ['2.3'],
        from: 'off track',
        to: 'complete',
        detail: 'signed off by the evidence challenge panel',
      },
    ]);
  });

  it('dates each change by when it was recorded, or by when it happened on the effective basis', () => {
    const raised = (basis: HistoryBasis) => changes('2021-04-01', '2021-04-30', basis).find((change) => change.kind === 'action raised');
    expect(raised('recorded')!.at).toBe('2021-04-12T09:30:00.000Z');
    expect(raised('effective')!.at).toBe('2021-04-08T14:00:00.000Z');
    // Entered on the 12th, so the recorded picture of 1-10 April did not show it.
    expect(changes('2021-04-01', '2021-04-10', 'recorded').map((change) => change.kind)).toEqual([]);
    expect(changes('2021-04-01', '2021-04-10', 'effective').map((change) => change.kind)).toEqual(['action raised']);
  });

  it('shows a status move on the effective basis that a backdated update caused, which the recorded basis never saw then', () => {
    // 3.1 passed its Feb-21 target on 1 March on both bases; only the effective one sees 5.3's backdated update.
    expect(changes('2021-02-28', '2021-03-05', 'recorded').map((change) => change.actionId)).toEqual(['a-3.1']);
    const effective = changes('2021-02-28', '2021-03-05', 'effective');
    expect(effective.map((change) => change.actionId)).toEqual(['a-3.1', 'a-5.3']);
    expect(effective[1]).toEqual({
      at: '2021-03-05T23:59:59.999Z',
      kind: 'status moved',
      actionId: 'a-5.3',
      references: ['5.3'],
      from: 'not started',
      to: 'at risk',
      detail: "the owner's assessment as of 2021-03-01",
    });
  });

  it("lists withdrawals, reopenings and the plan's closure and reopening", () => {
    const plan = extend(
      planEvents,
      at('2021-09-21T17:00:00.000Z', {
        type: 'PlanClosed',
        data: { approvedBy: 'YOT Management Board', approvedOn: '2021-09-21', counted: 46 },
      }),
      at('2021-11-01T09:00:00.000Z', { type: 'PlanReopened', data: { reason: '15 actions added following the peer review' } }),
    );
    const withdrawn = extend(
      action22,
      at('2021-07-01T10:00:00.000Z', {
        type: 'ActionWithdrawn',
        data: { reason: 'Superseded by the revised Looked After Children and Youth Justice protocol' },
      }),
    );
    const reopened = extend(
      action23,
      at('2021-10-04T10:00:00.000Z', {
        type: 'ActionReopened',
        data: { reason: 'Feedback showed the workshops had not reached residential staff' },
      }),
    );
    const listed = changes('2021-06-30', '2021-12-31', 'recorded', plan, [withdrawn, reopened, action31, action53, action61, action24]);
    expect(listed.map(({ kind, actionId, from, to }) => [kind, actionId, from, to])).toEqual([
      ['action withdrawn', 'a-2.2', undefined, undefined],
      ['plan closed', undefined, undefined, undefined],
      ['action reopened', 'a-2.3', undefined, undefined],
      ['plan reopened', undefined, undefined, undefined],
      ['status moved', 'a-2.2', 'at risk', 'withdrawn'],
      ['status moved', 'a-2.3', 'complete', 'off track'],
      ['status moved', 'a-2.4', 'not started', 'off track'],
    ]);
    expect(listed[1].detail).toBe('closure approved by YOT Management Board on 2021-09-21; 46 actions counted complete');
  });

  it('lists a rating the plan manager moderated, from the rating it replaced, on whose authority', () => {
    const rated = extend(
      action24,
      at('2021-05-03T09:00:00.000Z', {
        type: 'ProgressUpdated',
        data: { commentary: 'Partnership agreed', assessment: 'on track', asOf: '2021-05-03', backdatingReason: null, rating: 'on-track' },
      }),
      at(
        '2021-07-20T09:00:00.000Z',
        { type: 'RatingModerated', data: { rating: 'may-exceed', authority: 'YOT Management Board', reason: 'Board of 15 July 2021' } },
        { by: manager },
      ),
    );
    const listed = changes('2021-06-30', '2021-07-31', 'recorded', planEvents, [rated]);
    expect(listed.filter(({ kind }) => kind === 'rating moderated')).toEqual([
      {
        at: '2021-07-20T09:00:00.000Z',
        kind: 'rating moderated',
        actionId: 'a-2.4',
        references: ['2.4'],
        from: 'on-track',
        to: 'may-exceed',
        by: manager,
        detail: 'on the authority of YOT Management Board: Board of 15 July 2021',
      },
    ]);
  });

  it('lists a panel that did not accept the evidence as sending the action back, and a deferral as no change', () => {
    const outcome = (decisionId: string, outcome: 'deferred' | 'not accepted', rationale: string) => ({
      type: 'PanelOutcomeRecorded' as const,
      data: { panelId: 'panel-mar', decisionId, outcome, rationale, challengePoints: [] },
    });
    const tabled = extend(
      action31,
      at('2021-03-08T10:00:00.000Z', {
        type: 'SubmittedForSignOff',
        data: { evidenceIds: [], note: 'Screening tools shared with CCG Manager', answers: {} },
      }),
      at('2021-03-15T14:00:00.000Z', outcome('d-3.1-1', 'deferred', 'CCG Manager not present'), { by: chair }),
      at('2021-04-12T14:00:00.000Z', outcome('d-3.1-2', 'not accepted', 'No analysis yet, only screening tools'), { by: chair }),
    );
    expect(changes('2021-03-01', '2021-04-30', 'recorded', planEvents, [tabled]).map(({ kind, detail }) => [kind, detail])).toEqual([
      ['sent back', 'not accepted: No analysis yet, only screening tools'],
    ]);
  });

  it('refuses a window that ends before it starts, and a date that is not one', () => {
    expect(thrown(() => changes('2021-05-31', '2021-04-01'))).toMatchObject({ code: 'HISTORY.INVALID_RANGE' });
    expect(thrown(() => changes('2021-02-30', '2021-04-01'))).toMatchObject({ code: 'HISTORY.INVALID_DATE' });
  });
});
