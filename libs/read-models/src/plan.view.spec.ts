import { readTargetDate, type ActionEvent, type CanonicalStatus, type PlanEvent } from '@actionplans/domain';
import type { RecordedEvent } from '@actionplans/event-store';
import type { ActionView } from './action.view';
import { groupingTree, planState, summarise } from './plan.view';

const recorded = (event: PlanEvent | ActionEvent, version: number): RecordedEvent => ({
  ...event,
  id: `e${version}`,
  stream: 'plan-p',
  version,
  position: version,
  metadata: {} as RecordedEvent['metadata'],
});
const { state } = planState(
  [
    {
      type: 'PlanCreated',
      data: {
        planId: 'p',
        kind: 'statutory plan',
        title: 'SEND Written Statement of Action',
        source: { body: 'Ofsted/CQC', date: '2021-11-19', judgement: null },
        statusLabels: {
          'not started': 'Not due to start',
          'on track': 'On track',
          'at risk': 'Some concerns',
          'off track': 'Significant risk',
          'awaiting sign-off': 'Awaiting sign-off',
          complete: 'Complete',
          duplicate: 'Duplicate',
          withdrawn: 'Withdrawn',
        },
        quorum: 2,
        warningDays: 14,
      },
    },
    {
      type: 'GroupingAdded',
      data: { groupingId: 'area-1', parentId: null, kind: 'area', references: ['1'], title: 'Identification of need' },
    },
    {
      type: 'GroupingAdded',
      data: { groupingId: 'sub-1.1', parentId: 'area-1', kind: 'theme', references: ['1.1'], title: 'Early identification' },
    },
  ].map((event, n) => recorded(event as PlanEvent, n + 1)),
);

const actions = (counts: Partial<Record<CanonicalStatus, number>>): ActionView[] =>
  Object.entries(counts).flatMap(([status, count]) =>
    Array.from(
      { length: count },
      (_, n) =>
        ({
          actionId: `${status}-${n}`,
          groupingId: 'sub-1.1',
          status: { status, label: status, reason: '' },
          targetDate: readTargetDate('Mar-23'),
        }) as unknown as ActionView,
    ),
  );

describe('the plan summary boards are given', () => {
  it('reproduces the May 2023 WSOA figures: 52 of 75 complete is 69.3%, every status shown, zeros included', () => {
    const summary = summarise(state, actions({ complete: 52, 'on track': 20, 'at risk': 1, 'not started': 2 }));
    expect(summary).toMatchObject({ counted: 75, complete: 52, percentComplete: 69.3 });
    expect(summary.byStatus.map(({ label, count, percent }) => [label, count, percent])).toEqual([
      ['Complete', 52, 69.3],
      ['Awaiting sign-off', 0, 0],
      ['On track', 20, 26.7],
      ['Some concerns', 1, 1.3],
      ['Significant risk', 0, 0],
      ['Not due to start', 2, 2.7],
    ]);
  });

  it('never counts duplicates or withdrawn actions, and says how it counts', () => {
    const summary = summarise(state, actions({ complete: 46, duplicate: 19, withdrawn: 1 }));
    expect(summary).toMatchObject({ counted: 46, complete: 46, percentComplete: 100, notCounted: { duplicate: 19, withdrawn: 1 } });
    expect(summary.countingRule).toContain('except duplicates and withdrawn actions');
  });

  it('places each action under its grouping in the tree of any depth', () => {
    expect(groupingTree(state, actions({ 'on track': 1 }))).toMatchObject([
      { groupingId: 'area-1', actionIds: [], children: [{ groupingId: 'sub-1.1', actionIds: ['on track-0'], children: [] }] },
    ]);
  });
});
