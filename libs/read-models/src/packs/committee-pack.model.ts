import type { PackCover, RatingColour, StatusBasis, TargetDate } from '@actionplans/domain';

/** A category as a pack shows it: its label and colour (never the colour alone). */
export interface PackCategory {
  key: string;
  label: string;
  colour: RatingColour;
}

/** One cell of the quantitative summary: a count and its share of the column's counted actions, to one decimal place. */
export interface PackCount {
  count: number;
  percent: number;
}

/** The quantitative summary: the plan's categories as rows, its top-level groupings as columns, and the whole plan. */
export interface PackSummary {
  columns: Array<{ groupingId: string; label: string; counted: number }>;
  rows: Array<{ category: PackCategory; total: PackCount; byGrouping: PackCount[] }>;
  counted: number;
  complete: PackCount;
  notCounted: { duplicate: number; withdrawn: number };
  countingRule: string;
}

/** One line of the BRAG on a page. */
export interface BragLine {
  actionId: string;
  reference: string;
  description: string;
  /** As the plan set it first, read with its precision (a pack prints it in words: "August 2022"); null when none was given. */
  targetDate: TargetDate | null;
  /** The current target when a revision moved it, else null. */
  revisedTargetDate: TargetDate | null;
  /** The category it counted in on the earlier day; null when it was not raised then, or no earlier day is compared. */
  then: PackCategory | null;
  now: PackCategory | null;
  evidenceSupplied: boolean;
}

/** Counts per category on each day, oldest first: the chart and its table. */
export interface PackProgress {
  /** `packs`: the days of the earlier issued packs; `monthly`: month ends. */
  from: 'packs' | 'monthly';
  days: string[];
  series: Array<{ category: PackCategory; counts: number[] }>;
}

/** An action behind schedule, with why and its owner's latest word. */
export interface KeyIssue {
  reference: string;
  description: string;
  owners: string;
  status: string;
  why: string;
  latestProgress: { asOf: string; commentary: string } | null;
}

export interface PackSignOff {
  reference: string;
  description: string;
  /** The day it was signed off (effective: the paper's or the meeting's day, not when it was typed in). */
  day: string;
  /** Who signed it off, in words: "The evidence challenge panel", "Youth Justice Management Board (minute 6)", "As recorded in <paper>". */
  by: string;
  /** The panel's or body's rationale; empty for a sign-off taken from a paper, which records none. */
  rationale: string;
}

/** An impact measure as a pack shows it (filled in when the plan has measures). */
export interface PackMeasure {
  name: string;
  unit: string;
  baseline: string;
  target: string;
  latest: string;
  status: string;
  trend: string;
}

/**
 * Everything a committee pack shows, and nothing that varies between two renderings of the same
 * inputs: no time of rendering, every list in a stable order.
 */
export interface CommitteePack {
  planId: string;
  planTitle: string;
  asAt: string;
  basis: StatusBasis;
  exceptionsOnly: boolean;
  cover: PackCover & { meeting: { name: string; date: string } };
  /** The plan counted as its papers count it: "4 priority areas, 23 sub-actions, 75 actions". */
  structure: string;
  summary: PackSummary;
  /** The day the BRAG on a page compares with, and why that day. */
  compared: { day: string; because: 'previous pack' | 'asked' } | null;
  brag: BragLine[];
  progress: PackProgress;
  highlights: Array<{ reference: string; description: string; from: string; to: string }>;
  keyIssues: KeyIssue[];
  signOffs: PackSignOff[];
  /** Since when sign-offs are listed (the previous pack's day), or null: all to date. */
  signOffsSince: string | null;
  measures: PackMeasure[];
  /** The log position the figures were read to. */
  upTo: number;
}
