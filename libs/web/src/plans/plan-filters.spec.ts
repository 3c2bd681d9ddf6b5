import type { GroupingNode } from '@actionplans/read-models';
import { filtered, isOverdue } from './plan-filters';

const DAY = '2023-05-31';
const policy = { warningDays: 14 };
const line = (actionId: string, status: string, due: string | null, owner = 'Head of SEND') => ({
  actionId,
  status: { status: status as never, label: status, reason: '' },
  leadOwners: [{ kind: 'role' as const, name: owner }],
  targetDate: due ? { raw: due, due, precision: 'day' as const } : null,
});
const node = (groupingId: string, actionIds: string[], children: GroupingNode[] = []): GroupingNode => ({
  groupingId,
  kind: 'area',
  references: [],
  title: groupingId,
  children,
  actionIds,
});

const lines = [
  line('late', 'off track', '2023-03-31'),
  line('done-late', 'complete', '2023-03-31'),
  line('due', 'on track', '2023-09-30', 'SENDCo'),
  line('undated', 'not started', null),
];
const tree = [node('area-1', ['late'], [node('area-1.1', ['done-late'])]), node('area-2', ['due', 'undated'])];
const none = { statuses: [] as string[] };

describe('filtering a plan’s actions', () => {
  it('calls overdue only what is past its current target date and not done', () => {
    expect(lines.filter((found) => isOverdue(found, DAY, policy)).map((found) => found.actionId)).toEqual(['late']);
  });

  it('filters by lateness either way', () => {
    const ids = (lateness: 'overdue' | 'not overdue') =>
      filtered(lines, { ...none, lateness }, tree, DAY, policy).map((found) => found.actionId);
    expect(ids('overdue')).toEqual(['late']);
    expect(ids('not overdue')).toEqual(['done-late', 'due', 'undated']);
  });

  it('lets a grouping through with every action beneath it, at any depth', () => {
    expect(filtered(lines, { ...none, grouping: 'area-1' }, tree, DAY, policy).map((found) => found.actionId)).toEqual([
      'late',
      'done-late',
    ]);
  });

  it('combines status and owner', () => {
    const found = filtered(lines, { statuses: ['on track', 'off track'], owner: 'SENDCo' }, tree, DAY, policy);
    expect(found.map((item) => item.actionId)).toEqual(['due']);
  });
});
