/**
 * Links as the papers write them, in any text cell: "SAME AS 6.1", "SAME AS 13.1 AND 21.1",
 * "link to 3.4.3", "Completed as part of PR-12", "depends on 2.2", "See 3.1.", "See also
 * Recommendation 4 above", the "DUPLICATE ACTION" marker, and "DUPLICATION WITH PR-3", "Duplicate of
 * 2.1" or "duplicates 2.1", which both mark the row a duplicate and name the row it repeats.
 */
const REF = String.raw`(?:[A-Z]{1,6}[- ])?\d+(?:\.\d+)*[a-z]?`;
const REFS = String.raw`${REF}(?:\s*(?:,|&|and|or)\s*${REF})*`;

export type MentionKind = 'duplicate of' | 'same as' | 'see' | 'linked to' | 'completed as part of' | 'depends on';

export interface Mention {
  kind: MentionKind;
  /** A reference of an action, or of a grouping ("Recommendation 4": its first action). */
  reference: string;
  grouping: boolean;
  /** The words it was read from, kept as the link's note. */
  text: string;
}

const PATTERNS: Array<{ kind: MentionKind; pattern: RegExp; grouping?: boolean }> = [
  { kind: 'duplicate of', pattern: new RegExp(String.raw`\b(?:duplicat(?:ion|e)d? (?:with|of)|duplicates) (${REFS})`, 'gi') },
  { kind: 'same as', pattern: new RegExp(String.raw`\bsame as (${REFS})`, 'gi') },
  { kind: 'linked to', pattern: new RegExp(String.raw`\blink(?:ed)? (?:to|with) (${REFS})`, 'gi') },
  { kind: 'completed as part of', pattern: new RegExp(String.raw`\bcompleted as part of (${REFS})`, 'gi') },
  { kind: 'depends on', pattern: new RegExp(String.raw`\bdepend(?:s|ent)? (?:up)?on (${REFS})`, 'gi') },
  {
    kind: 'see',
    pattern: new RegExp(String.raw`\bsee (?:also )?(?:recommendation|priority|section|area|finding|theme) (${REF})`, 'gi'),
    grouping: true,
  },
  { kind: 'see', pattern: new RegExp(String.raw`\bsee (?:also )?(${REF})(?![\w-])`, 'gi') },
];

const SPLIT = /\s*(?:,|&|\band\b|\bor\b)\s*/i;

/** Every link mentioned in the text, in the order written. */
export function mentionsIn(text: string): Mention[] {
  const found: Array<Mention & { at: number }> = [];
  const covered: Array<[number, number]> = [];
  for (const { kind, pattern, grouping } of PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const start = match.index;
      if (covered.some(([from, to]) => start >= from && start < to)) continue;
      covered.push([start, start + match[0].length]);
      for (const reference of match[1].split(SPLIT).filter(Boolean)) {
        found.push({ kind, reference: reference.trim(), grouping: grouping ?? false, text: match[0].trim(), at: start });
      }
    }
  }
  return found.sort((a, b) => a.at - b.at).map(({ at: _at, ...mention }) => mention);
}

/** Whether the text names the row it repeats: "DUPLICATION WITH PR-3", "Duplicate of 2.1", "duplicates 2.1". */
export const namesDuplicated = (text: string): boolean => mentionsIn(text).some((mention) => mention.kind === 'duplicate of');

/** "DUPLICATE ACTION", "Duplicate", or the plan's own label for duplicates. */
export function marksDuplicate(text: string, label?: string): boolean {
  const clean = text.trim().toLowerCase();
  if (label && clean === label.trim().toLowerCase()) return true;
  return /\bduplicate(?: action)?\b/i.test(clean) && !/\bnot (?:a )?duplicate\b/i.test(clean);
}
