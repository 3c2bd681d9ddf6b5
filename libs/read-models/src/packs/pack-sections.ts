import type { ActionAsAt, SignedOffLine } from '../as-at';
import type { GroupingNode } from '../plan.view';
import type { KeyIssue, PackSignOff } from './committee-pack.model';

const PLURALS: Record<string, string> = { priority: 'priorities', 'priority area': 'priority areas', 'sub-action': 'sub-actions' };
const plural = (kind: string, count: number) => (count === 1 ? kind : (PLURALS[kind] ?? (kind.endsWith('s') ? kind : `${kind}s`)));

/**
 * The plan counted level by level as its papers count it, the groupings of each depth by their
 * kind, then the actions counted: "4 priority areas, 23 sub-actions, 75 actions".
 */
export function structureOf(tree: GroupingNode[], actions: number): string {
  const parts: string[] = [];
  for (let level = tree; level.length; level = level.flatMap((node) => node.children)) {
    const kinds = new Map<string, number>();
    for (const node of level) kinds.set(node.kind, (kinds.get(node.kind) ?? 0) + 1);
    for (const [kind, count] of kinds) parts.push(`${count} ${plural(kind, count)}`);
  }
  return [...parts, `${actions} ${actions === 1 ? 'action' : 'actions'}`].join(', ');
}

/** The last day of each of the `count` months before the month of `day`, oldest first. */
export function monthEnds(day: string, count: number): string[] {
  const [year, month] = day.split('-').map(Number);
  return Array.from({ length: count }, (_, i) => new Date(Date.UTC(year, month - 1 - (count - 1 - i), 0)).toISOString().slice(0, 10));
}

const ownersOf = (line: ActionAsAt) => line.leadOwners.map((owner) => owner.name).join('; ');

/** Off track or at risk on the day, with why and the owner's latest progress commentary. */
export function keyIssuesOf(lines: ActionAsAt[]): KeyIssue[] {
  return lines
    .filter((line) => line.status.status === 'off track' || line.status.status === 'at risk')
    .map((line) => ({
      reference: line.references.join(' '),
      description: line.description,
      owners: ownersOf(line),
      status: line.status.label,
      why: line.status.reason,
      latestProgress: line.latestProgress ? { asOf: line.latestProgress.asOf, commentary: line.latestProgress.commentary } : null,
    }));
}

/** Who signed an action off, in words. */
const signedOffBy = (signedOff: SignedOffLine) =>
  signedOff.kind === 'panel'
    ? 'The evidence challenge panel'
    : signedOff.kind === 'paper'
      ? `As recorded in ${signedOff.source}`
      : `${signedOff.body} (${signedOff.authority})`;

/**
 * Signed off after `since` (all to date when null), oldest first: by the panel, from a paper or by a
 * delegated body, each on the day it took effect, so the list agrees with the actions counted complete.
 */
export function signOffsOf(lines: ActionAsAt[], since: string | null): PackSignOff[] {
  return lines
    .flatMap((line) => (line.signedOff ? [{ line, signedOff: line.signedOff, day: line.signedOff.at.slice(0, 10) }] : []))
    .filter(({ day }) => since === null || day > since)
    .map(({ line, signedOff, day }) => ({
      reference: line.references.join(' '),
      description: line.description,
      day,
      by: signedOffBy(signedOff),
      rationale: signedOff.kind === 'paper' ? '' : signedOff.rationale,
    }))
    .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}
