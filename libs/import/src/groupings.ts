import type { ReadOptions } from './import-options';
import type { ImportedGrouping } from './import.model';
import { isUnder, prefixesOf, referencesIn } from './references';
import type { PlanRow } from './sheet-rows';

/** The key of a grouping column's value, so it never clashes with a reference. */
const columnKey = (title: string) => `column:${title}`;
const DEFAULT_KEY = 'column:';

/**
 * A row whose reference others sit under ("1" above 1.1 and 1.2) and which names no lead, date or
 * status is the title row of that grouping, as the papers print a recommendation above its actions.
 */
export function groupingRows(rows: PlanRow[]): Set<PlanRow> {
  const firsts = rows.map((row) => referencesIn(row.values.reference ?? '')[0] ?? '');
  return new Set(
    rows.filter((row, i) => {
      const { leads, targetDate, status } = row.values;
      return firsts[i] !== '' && !leads && !targetDate && !status && firsts.some((other) => isUnder(other, firsts[i]));
    }),
  );
}

/**
 * The tree the rows sit in: a grouping column's values at the top, then each reference's
 * prefixes (1.2.3 under 1.2 under 1), titled by their title rows when the sheet has them.
 */
export class GroupingTree {
  private readonly byKey = new Map<string, ImportedGrouping>();
  private readonly titles = new Map<string, string>();

  constructor(
    titleRows: Set<PlanRow>,
    private readonly options: ReadOptions,
  ) {
    for (const row of titleRows) {
      const reference = referencesIn(row.values.reference ?? '')[0];
      if (!this.titles.has(reference)) this.titles.set(reference, row.values.action || reference);
    }
  }

  /** The grouping a row with this reference and grouping cell belongs in, adding it and its parents as first met. */
  place(reference: string, groupingCell: string | undefined): string {
    const column = groupingCell?.trim();
    const defaultTitle = this.options.defaultGrouping ?? 'Actions';
    let parentKey: string | null = null;
    // An export writes the grouping of ungrouped actions ("Actions") in its Section column: read back, it is that grouping.
    if (column) {
      const key = column === defaultTitle ? DEFAULT_KEY : columnKey(column);
      parentKey = this.add(key, null, this.options.groupingKinds?.column ?? 'section', [], column);
    }
    const prefixes = prefixesOf(reference).reverse();
    if (prefixes.length === 0 && parentKey === null) {
      return this.add(DEFAULT_KEY, null, this.options.groupingKinds?.column ?? 'section', [], this.options.defaultGrouping ?? 'Actions');
    }
    prefixes.forEach((prefix, depth) => {
      const kind = this.options.groupingKinds?.byDepth?.[depth] ?? 'theme';
      parentKey = this.add(prefix, parentKey, kind, [prefix], this.titles.get(prefix) ?? prefix);
    });
    return parentKey!;
  }

  /** A grouping title row that no action sits under still becomes a grouping. */
  placeTitleRow(reference: string, groupingCell: string | undefined): void {
    this.place(`${reference}.0`, groupingCell);
  }

  list(): ImportedGrouping[] {
    return [...this.byKey.values()];
  }

  private add(key: string, parentKey: string | null, kind: string, references: string[], title: string): string {
    if (!this.byKey.has(key)) this.byKey.set(key, { key, parentKey, kind, references, title });
    return key;
  }
}
