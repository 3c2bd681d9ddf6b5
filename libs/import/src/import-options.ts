import { CANONICAL_STATUSES, type RatingScheme } from '@actionplans/domain';
import type { ColumnMapping } from './columns';

/** How to read a sheet: which columns hold what, the plan's status categories, what its groupings are called. */
export interface ReadOptions {
  mapping?: ColumnMapping;
  /**
   * The plan's status categories (its rating scheme's labels), matched case-insensitively: a row
   * whose status is none of them is a problem. Left out: the plan's status labels and the
   * canonical statuses.
   */
  statuses?: string[];
  /**
   * The plan's rating scheme: a status cell naming one of its categories (by label or key) is
   * recorded as that rating, and counts as the first canonical state the category counts.
   */
  ratingScheme?: RatingScheme;
  /** The plan's wording of each canonical status (as CreatePlan takes it): says which canonical status a category counts. */
  statusLabels?: Partial<Record<string, string>>;
  /** The kind of grouping a grouping column's values are (default `section`), and of reference prefixes by depth (default `theme`). */
  groupingKinds?: { column?: string; byDepth?: string[] };
  /** The title of the grouping holding actions whose reference has no prefix, when there is no grouping column. */
  defaultGrouping?: string;
}

const fold = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();

/** A status cell's category: its label, the canonical status it counts as, and the rating it records (a scheme's key). */
export interface StatusCategory {
  label: string;
  canonical: string | null;
  rating: string | null;
}

/** The status categories a sheet may use, each with the canonical status it counts as when that is known. */
export class StatusVocabulary {
  private readonly known = new Map<string, StatusCategory>();

  constructor(options: Pick<ReadOptions, 'statuses' | 'statusLabels' | 'ratingScheme'>) {
    const labels = Object.entries(options.statusLabels ?? {}).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
    const canonicalOf = (label: string) =>
      labels.find(([, text]) => fold(text) === fold(label))?.[0] ?? CANONICAL_STATUSES.find((status) => status === fold(label)) ?? null;
    const given = options.statuses ?? [...labels.map(([, label]) => label), ...CANONICAL_STATUSES];
    for (const label of given) this.known.set(fold(label), { label, canonical: canonicalOf(label), rating: null });
    // The scheme's categories come first: a label both give is the scheme's, and records a rating.
    for (const category of options.ratingScheme?.categories ?? []) {
      const found = { label: category.label, canonical: category.counts[0] ?? null, rating: category.key };
      this.known.set(fold(category.label), found);
      this.known.set(fold(category.key), found);
    }
  }

  /** The category a status cell names, or null when the plan has no such category. */
  find(text: string): StatusCategory | null {
    return this.known.get(fold(text)) ?? null;
  }

  labels(): string[] {
    return [...new Set([...this.known.values()].map((category) => category.label))];
  }

  /** The plan's own label for duplicates, if it has one. */
  duplicateLabel(): string | undefined {
    return [...this.known.values()].find((category) => category.canonical === 'duplicate')?.label;
  }
}
