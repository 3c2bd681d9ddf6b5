import type { ImportedAction, ImportProblem } from './import.model';
import { problemAt, type PlanRow } from './sheet-rows';

/**
 * Once links are resolved: duplicates that repeat each other in a ring (1.3 "DUPLICATION WITH 3.3"
 * and 3.3 "DUPLICATION WITH 1.3") are a problem, as none of them would be counted; a duplicate
 * with no lead of its own takes the leads of the action it repeats (an action always has a lead),
 * and records no status of its own (duplicates are never counted).
 */
export function duplicateProblems(actions: ImportedAction[], rowOf: Map<ImportedAction, PlanRow>): ImportProblem[] {
  const byKey = new Map(actions.map((action) => [action.key, action]));
  const originalOf = (action: ImportedAction) => {
    const link = action.links.find((candidate) => candidate.kind === 'duplicate of');
    return link ? byKey.get(link.targetKey) : undefined;
  };
  const problems: ImportProblem[] = [];
  const inRing = new Set<ImportedAction>();
  for (const action of actions.filter((candidate) => candidate.duplicate)) {
    const chain: ImportedAction[] = [];
    let at: ImportedAction | undefined = action;
    while (at?.duplicate && !chain.includes(at)) {
      chain.push(at);
      at = originalOf(at);
    }
    if (at === undefined || !at.duplicate) {
      if (action.leads.length === 0 && at) action.leads = at.leads;
      continue;
    }
    const ring = chain.slice(chain.indexOf(at));
    if (ring.some((member) => inRing.has(member))) continue;
    ring.forEach((member) => inRing.add(member));
    const named = ring.map((member) => `${member.references[0]} (row ${member.row})`).join(' and ');
    for (const member of ring) {
      const link = member.links.find((candidate) => candidate.kind === 'duplicate of')!;
      problems.push(
        problemAt(
          rowOf.get(member)!,
          link.field,
          'IMPORT.DUPLICATE_RING',
          `${named} each say they are a duplicate of another of them, so none would be counted: keep one as the original (take out its "${link.note.replace(/^DUPLICATE ACTION: /, '')}") and give it a lead`,
        ),
      );
    }
  }
  for (const action of actions) if (action.duplicate) action.status = null;
  return problems;
}
