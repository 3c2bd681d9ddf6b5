import type { Field } from './columns';

/** One thing wrong with the sheet, named where a person can find it. */
export interface ImportProblem {
  /** The sheet's row number; null for the sheet as a whole. */
  row: number | null;
  /** The column's letter, and its header as the sheet wrote it. */
  column: string | null;
  header: string | null;
  value: string | null;
  /** What the row holds, so a row can be recognised whatever the column: its reference and first text ("PR-1 · Develop a new Vision…"). */
  holds?: string | null;
  /** Stable: `IMPORT.REFERENCE_MISSING`, `IMPORT.DATE_UNREADABLE`, … */
  code: string;
  problem: string;
}

/** How a lead named in the sheet was matched: to a user by email or exact name, or kept as a named owner. */
export interface LeadMatch {
  name: string;
  matchedBy: 'email' | 'name' | 'named owner';
  userId: string | null;
}

export interface ImportedGrouping {
  /** What identifies it across imports: its reference ("1.2"), or its title for a grouping column's value. */
  key: string;
  parentKey: string | null;
  kind: string;
  references: string[];
  title: string;
}

export type ImportedLinkKind = 'duplicate of' | 'depends on' | 'linked to' | 'completed as part of';

export interface ImportedAction {
  /** Its first reference, or `reference#n` for the n-th repeat of a reference on a duplicate row. */
  key: string;
  row: number;
  references: string[];
  description: string;
  leads: LeadMatch[];
  groupingKey: string;
  /** As written; read by the target-date reader when stored. */
  targetDate: string | null;
  revisedTargetDate: string | null;
  startDate: string | null;
  progress: string | null;
  /**
   * The status as written, the canonical status it counts as (null: a category with no canonical
   * meaning given) and the rating it records (a category key of the plan's scheme; null without one).
   */
  status: { label: string; canonical: string | null; rating: string | null } | null;
  evidenceRequired: string | null;
  notes: string | null;
  /** Marked "DUPLICATE ACTION": linked as a duplicate of another row, and never counted. */
  duplicate: boolean;
  /** Each with the column it was read from. */
  links: Array<{ kind: ImportedLinkKind; targetKey: string; note: string; field: Field }>;
}

export interface ImportModel {
  groupings: ImportedGrouping[];
  actions: ImportedAction[];
}

/** What a commit would store. */
export interface ImportCounts {
  groupings: number;
  actions: number;
  links: number;
  progress: number;
  ratings: number;
  signOffs: number;
}

/** The dry run's answer: every problem, what would be created, and how each lead was matched. */
export interface ImportReport {
  valid: boolean;
  rows: number;
  problems: ImportProblem[];
  creates: ImportCounts;
  leads: Array<LeadMatch & { rows: number[] }>;
  /** Rows passed over and why: headings, a paper's own count of actions by status. */
  notes: Array<{ row: number; note: string }>;
  /** How each date not written as a plain day was read: "Mar-23" → "31 March 2023 (month)". */
  dates: Array<{ row: number; column: string | null; written: string; read: string }>;
  /**
   * The dry run's commands, by type, that a commit would send now against what is stored: the whole
   * plan the first time, only the amendments of an edited sheet, none for a sheet already imported.
   * Left out when the sheet has problems.
   */
  sends?: Record<string, number>;
  /** Columns found, by field: where each was read from. */
  columns: Partial<Record<Field, { column: string; header: string }>>;
  model: ImportModel;
}
