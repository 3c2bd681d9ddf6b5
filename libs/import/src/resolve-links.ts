import type { Field } from './columns';
import type { ImportedAction, ImportedLinkKind, ImportProblem } from './import.model';
import { duplicateProblems } from './duplicates';
import { mentionsIn, type Mention } from './links';
import { isUnder, referencesIn } from './references';
import { problemAt, type PlanRow } from './sheet-rows';

const TEXT_FIELDS: Field[] = ['action', 'notes', 'status', 'progress'];

interface Found {
  mention: Mention;
  field: Field;
  target: ImportedAction | null;
}

/**
 * Turns what the rows say about each other into links: a row marked DUPLICATE ACTION becomes a
 * duplicate of the row it names (preferring one not itself a duplicate, as "SAME AS" is written on
 * both rows), or of the earlier row with its reference; "SAME AS" on a counted row is a plain link.
 * Fills each action's `links`; answers the problems (a named reference no row has).
 */
export function resolveLinks(actions: ImportedAction[], rowOf: Map<ImportedAction, PlanRow>, titleRows: Set<PlanRow>): ImportProblem[] {
  const problems: ImportProblem[] = [];
  const byReference = new Map<string, ImportedAction>();
  for (const action of actions)
    for (const reference of action.references) if (!byReference.has(reference)) byReference.set(reference, action);
  const groupingReferences = new Set([...titleRows].map((row) => referencesIn(row.values.reference ?? '')[0]));
  const firstUnder = (prefix: string) => actions.find((action) => isUnder(action.references[0], prefix)) ?? null;

  for (const action of actions) {
    const row = rowOf.get(action)!;
    const found: Found[] = TEXT_FIELDS.flatMap((field) =>
      mentionsIn(row.values[field] ?? '').map((mention) => ({
        mention,
        field,
        target:
          mention.grouping || (!byReference.has(mention.reference) && groupingReferences.has(mention.reference))
            ? firstUnder(mention.reference)
            : (byReference.get(mention.reference) ?? null),
      })),
    );
    // "See 3.1." says which row a duplicate repeats; on any other row it is only a pointer for the reader.
    const relevant = found.filter((item) => action.duplicate || item.mention.kind !== 'see');
    for (const item of relevant.filter((item) => item.target === null)) {
      problems.push(
        problemAt(
          row,
          item.field,
          'IMPORT.LINK_TARGET_UNKNOWN',
          `"${item.mention.text}" names ${item.mention.reference}, which no row has`,
        ),
      );
    }
    const links = new Map<string, ImportedAction['links'][number]>();
    const add = (kind: ImportedLinkKind, target: ImportedAction, note: string, field: Field) => {
      if (target !== action && !links.has(`${kind}\n${target.key}`))
        links.set(`${kind}\n${target.key}`, { kind, targetKey: target.key, note, field });
    };
    if (action.duplicate) {
      const named = relevant.filter((item) => item.target && ['duplicate of', 'same as', 'see'].includes(item.mention.kind));
      const original =
        named.find((item) => item.mention.kind === 'duplicate of' && item.target !== action) ??
        named.find((item) => !item.target!.duplicate && item.target !== action) ??
        named.find((item) => item.target !== action);
      const earlier = action.key.includes('#') ? byReference.get(action.references[0]) : undefined;
      const words = original?.mention.kind === 'duplicate of' ? original.mention.text : `DUPLICATE ACTION: ${original?.mention.text}`;
      if (original) add('duplicate of', original.target!, words, original.field);
      else if (earlier) add('duplicate of', earlier, 'DUPLICATE ACTION: the same reference as an earlier row', 'reference');
      else
        problems.push(
          problemAt(row, 'status', 'IMPORT.DUPLICATE_OF_UNKNOWN', 'the row is marked DUPLICATE ACTION but names no action it repeats'),
        );
    }
    for (const item of relevant) {
      if (!item.target) continue;
      const kind = item.mention.kind;
      if (kind === 'see' || ((kind === 'same as' || kind === 'duplicate of') && action.duplicate)) continue;
      add(kind === 'same as' || kind === 'duplicate of' ? 'linked to' : kind, item.target, item.mention.text, item.field);
    }
    action.links = [...links.values()];
  }
  // A counted row's "SAME AS" pointing at its own duplicate says nothing the duplicate's link does not.
  const keyed = new Map(actions.map((action) => [action.key, action]));
  for (const action of actions) {
    action.links = action.links.filter(
      (link) =>
        link.kind !== 'linked to' ||
        !keyed.get(link.targetKey)?.links.some((back) => back.kind === 'duplicate of' && back.targetKey === action.key),
    );
  }
  return [...problems, ...duplicateProblems(actions, rowOf)];
}
