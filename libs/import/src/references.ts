/** References as the papers write them: "1.2", "PR-11", several in one cell ("5.3\nPR-11"). */

/** The references in one cell: one per line, or separated by commas or semicolons; the first is the row's own. */
export function referencesIn(text: string): string[] {
  return text
    .split(/\r?\n|[;,]/)
    .map((reference) => reference.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}

const NUMBERED = /^\d+(?:\.\d+)+$/;

/** The prefixes a numbered reference sits under, nearest first: 1.2.3 → 1.2, 1; "PR-11" and "7" have none. */
export function prefixesOf(reference: string): string[] {
  if (!NUMBERED.test(reference)) return [];
  const parts = reference.split('.');
  return parts.slice(1).map((_, i) => parts.slice(0, parts.length - 1 - i).join('.'));
}

/** Whether `reference` lies under `prefix` (1.2.3 under 1 and 1.2, not under 1.23). */
export const isUnder = (reference: string, prefix: string) => reference.startsWith(`${prefix}.`);
