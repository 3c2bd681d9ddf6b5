import { deadlineOf, type StatusPolicy } from '@actionplans/domain';
import type { GroupingNode, RatedLine } from '@actionplans/read-models';
import type { PlanPageQuery } from './plan-query';

type Filters = PlanPageQuery['filters'];
type Line = Pick<RatedLine, 'actionId' | 'status' | 'leadOwners' | 'targetDate'>;

/** Done, or not counted: never late, whatever the date. */
const DONE = new Set(['complete', 'duplicate', 'withdrawn']);

/** Past its current target date on `day` and not done: late whatever its owner reports. */
export function isOverdue(line: Pick<Line, 'status' | 'targetDate'>, day: string, policy: StatusPolicy): boolean {
  if (DONE.has(line.status.status)) return false;
  return deadlineOf({ stage: 'open', targetDate: line.targetDate }, day, policy)?.kind === 'overdue';
}

/** The lines every filter asked for lets through; a grouping lets through every action beneath it. */
export function filtered<L extends Line>(lines: L[], filters: Filters, tree: GroupingNode[], day: string, policy: StatusPolicy): L[] {
  const beneath = filters.grouping ? actionsBeneath(tree, filters.grouping) : null;
  return lines.filter(
    (line) =>
      (filters.statuses.length === 0 || filters.statuses.includes(line.status.status)) &&
      (!filters.owner || line.leadOwners.some((owner) => owner.name === filters.owner)) &&
      (!beneath || beneath.has(line.actionId)) &&
      (!filters.lateness || isOverdue(line, day, policy) === (filters.lateness === 'overdue')),
  );
}

function actionsBeneath(tree: GroupingNode[], groupingId: string): Set<string> {
  const found = new Set<string>();
  const walk = (node: GroupingNode, inside: boolean) => {
    const within = inside || node.groupingId === groupingId;
    if (within) for (const actionId of node.actionIds) found.add(actionId);
    for (const child of node.children) walk(child, within);
  };
  for (const root of tree) walk(root, false);
  return found;
}
