/**
 * A grouping as a heading names it: its references then its title ("2 Governance"), each once. A
 * title that is only its reference ("1", as a sheet's priority column gives it) or already starts
 * with it ("1. Governance") is not prefixed again.
 */
export function groupingName(references: readonly string[], title: string): string {
  const reference = references.join(' ').trim();
  const named = title.trim();
  if (!reference) return named;
  if (!named || named === reference || references.includes(named)) return reference;
  return named.startsWith(reference) && !/^[\p{L}\p{N}]/u.test(named.slice(reference.length)) ? named : `${reference} ${named}`;
}
