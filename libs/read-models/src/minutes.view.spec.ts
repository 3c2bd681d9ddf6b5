import type { PanelEvent } from '@actionplans/domain';
import type { RecordedEvent } from '@actionplans/event-store';
import { minutesView } from './minutes.view';

const recorded = (event: PanelEvent, version: number): RecordedEvent => ({
  ...event,
  id: `e${version}`,
  stream: 'panel-jan',
  version,
  position: version,
  metadata: {
    occurredAt: '2022-01-12T00:00:00.000Z',
    recordedAt: '2022-01-12T10:00:00.000Z',
  } as RecordedEvent['metadata'],
});
const minutesOf = (...events: PanelEvent[]) =>
  minutesView(
    [
      {
        type: 'PanelScheduled',
        data: {
          panelId: 'jan',
          planId: 'p',
          title: 'Evidence challenge panel',
          date: '2022-01-12',
          chair: 'u-chair',
          members: ['u-a', 'u-b', 'u-chair'],
        },
      } satisfies PanelEvent,
      ...events,
    ].map(recorded),
  )!;
const guest = { name: 'Sam Patel', role: 'Remedi' };

describe('the minutes of a meeting', () => {
  it('keeps the agenda in its order, each item with its declarations, latest notes and resulting actions', () => {
    const minutes = minutesOf(
      { type: 'ActionTabled', data: { actionId: 'a-2.3', references: ['2.3'], submittedVersion: 4 } },
      { type: 'AgendaItemAdded', data: { itemId: 'i-report', kind: 'progress report', title: 'WSOA progress', planId: null } },
      { type: 'InterestDeclared', data: { itemId: 'a-2.3', memberId: 'u-b', reason: 'Her team did the audit' } },
      { type: 'ItemNotesRecorded', data: { itemId: 'i-report', notes: 'First draft' } },
      { type: 'ItemNotesRecorded', data: { itemId: 'i-report', notes: 'Amended before approval' } },
      {
        type: 'ResultingActionRecorded',
        data: { resultingActionId: 'r1', itemId: 'i-report', text: 'Re-audit', forWhom: 'Head of SEND', actionId: null },
      },
      {
        type: 'ResultingActionRecorded',
        data: { resultingActionId: 'r2', itemId: null, text: 'Circulate ToR', forWhom: 'Clerk', actionId: null },
      },
    );
    expect(
      minutes.items.map((item) => [item.kind, item.title, item.notes, item.declarations.length, item.resultingActions.length]),
    ).toEqual([
      ['action', '2.3', null, 1, 0],
      ['progress report', 'WSOA progress', 'Amended before approval', 0, 1],
    ]);
    expect([minutes.status, minutes.otherResultingActions.map((action) => action.forWhom)]).toEqual(['draft', ['Clerk']]);
  });

  it('keeps apologies and guests when attendance is taken again without them, dropping apologies from whoever is now present', () => {
    const minutes = minutesOf(
      { type: 'AttendanceRecorded', data: { present: ['u-chair', 'u-a'], apologies: ['u-b'], guests: [guest] } },
      { type: 'AttendanceRecorded', data: { present: ['u-chair', 'u-a', 'u-b'] } },
    );
    expect([minutes.present, minutes.apologies, minutes.guests]).toEqual([['u-chair', 'u-a', 'u-b'], [], [guest]]);
  });

  it('is approved once a later meeting approves it, saying which, when and on whose proposal', () => {
    const minutes = minutesOf({
      type: 'MinutesApproved',
      data: { approvedAt: 'feb', approvedOn: '2022-02-09', proposedBy: 'u-a', secondedBy: 'u-b' },
    });
    expect([minutes.status, minutes.approval]).toEqual([
      'approved',
      { approvedAt: 'feb', approvedOn: '2022-02-09', proposedBy: 'u-a', secondedBy: 'u-b', recordedAt: '2022-01-12T10:00:00.000Z' },
    ]);
  });
});

describe("the minutes of a standing panel's meeting", () => {
  it('name the standing panel and each tabled action’s own plan', () => {
    const [scheduled] = [
      {
        type: 'PanelScheduled',
        data: {
          panelId: 'jan',
          planId: 'p-inspection',
          standingPanelId: 'sp-childrens',
          title: 'Evidence challenge panel',
          date: '2022-01-12',
          chair: 'u-chair',
          members: ['u-a', 'u-chair'],
        },
      } satisfies PanelEvent,
    ];
    const minutes = minutesView(
      [
        scheduled,
        { type: 'ActionTabled', data: { actionId: 'a-1', references: ['1.1'], submittedVersion: 4, planId: 'p-inspection' } },
        { type: 'ActionTabled', data: { actionId: 'a-4', references: ['YJS 4.1'], submittedVersion: 3, planId: 'p-yjs' } },
      ].map((event, at) => recorded(event as PanelEvent, at + 1)),
    )!;
    expect([minutes.standingPanelId, minutes.items.map((item) => item.planId)]).toEqual(['sp-childrens', ['p-inspection', 'p-yjs']]);
  });
  it('of a meeting of one plan, give the meeting’s plan for each tabled action', () =>
    expect(minutesOf({ type: 'ActionTabled', data: { actionId: 'a-2.3', references: ['2.3'], submittedVersion: 4 } }).items[0].planId).toBe(
      'p',
    ));
});
