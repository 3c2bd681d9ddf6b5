import type { CanonicalStatus } from '../action/action.status';

/** The colours boards rate in; the papers use blue, green, amber, red and grey. */
export type RatingColour = 'blue' | 'green' | 'amber' | 'red' | 'grey' | 'purple' | 'black' | 'white';
export const RATING_COLOURS: readonly RatingColour[] = ['blue', 'green', 'amber', 'red', 'grey', 'purple', 'black', 'white'];

/** One row of a board's table: its own label and colour, and the canonical states it counts. */
export interface RatingCategory {
  /** Stable, short, unique within the scheme: what a rating records. */
  key: string;
  label: string;
  colour: RatingColour;
  meaning: string;
  counts: CanonicalStatus[];
  /**
   * A rating into this category needs every impact measure of the action (linked to it or to a
   * grouping above it) achieved, on a figure that is not provisional (ADR 36); present only when true.
   */
  requiresMeasuresAchieved?: boolean;
}

/**
 * The step that makes an action complete when its plan requires approval to close after the
 * panel's sign-off: the sign-off itself, or the named body's approval to close.
 */
export type CompletionStep = 'panel sign-off' | 'approval to close';
export const COMPLETION_STEPS: readonly CompletionStep[] = ['panel sign-off', 'approval to close'];

/** A plan's own rating categories, in the order its board's tables show them. */
export interface RatingScheme {
  name: string;
  categories: RatingCategory[];
  /**
   * Which step counts as complete on a plan requiring approval to close; absent: the panel's
   * sign-off, as every scheme before two-step completion. A plan requiring no approval ignores it.
   */
  completeAt?: CompletionStep;
}

/** The states every scheme must place in exactly one category; duplicates and withdrawn actions are never counted. */
export const COUNTED_STATUSES: readonly CanonicalStatus[] = [
  'complete',
  'awaiting sign-off',
  'on track',
  'at risk',
  'off track',
  'not started',
  'not due to start',
];

const category = (key: string, label: string, colour: RatingColour, meaning: string, counts: CanonicalStatus[]): RatingCategory => ({
  key,
  label,
  colour,
  meaning,
  counts,
});

/** The papers' own vocabularies, ready to choose by name. */
export const RATING_SCHEMES: Readonly<Record<string, RatingScheme>> = {
  /** HMIP inspection action plan (YOT, version 0.9 of 15 July 2021): four buckets, no "not due to start". */
  'hmip-four-bucket': {
    name: 'hmip-four-bucket',
    categories: [
      category('may-exceed', 'Action may exceed original target date', 'amber', 'at risk of, or past, its target date', [
        'at risk',
        'off track',
      ]),
      category('on-track', 'Action progressing and on track', 'green', 'progressing; awaiting sign-off counts here', [
        'on track',
        'awaiting sign-off',
      ]),
      category('completed', 'Action completed', 'blue', 'signed off by the evidence challenge panel', ['complete']),
      category('not-started', 'Action planned but not started', 'grey', 'planned, nothing reported yet', [
        'not started',
        'not due to start',
      ]),
    ],
  },
  /** SEND written statement of action: BRAG with "not due to start" (May 2023 board table). */
  'send-wsoa-brag': {
    name: 'send-wsoa-brag',
    categories: [
      category('complete', 'Action complete', 'blue', 'impact measures achieved and approval to close obtained', ['complete']),
      category('on-track', 'Action on track', 'green', 'on track to achieve the impact measures within the timelines set', [
        'on track',
        'awaiting sign-off',
      ]),
      category('some-concerns', 'Action in progress with some concerns', 'amber', 'at risk of not achieving the impact measures in time', [
        'at risk',
      ]),
      category('significant-risk', 'Action at significant risk / no progress', 'red', 'at significant risk, or due and silent', [
        'off track',
        'not started',
      ]),
      category('not-due-to-start', 'Action not due to start', 'grey', 'before its start date', ['not due to start']),
    ],
  },
  /** Children and young people's plan: RAG, with "no update provided". */
  'cyp-rag': {
    name: 'cyp-rag',
    categories: [
      category('green', 'Green', 'green', 'the delivery milestone is complete', ['complete']),
      category('amber', 'Amber', 'amber', 'the delivery milestone is ongoing and there are no issues', ['on track', 'awaiting sign-off']),
      category('red', 'Red', 'red', 'at risk of not being delivered within the timescales identified', ['at risk', 'off track']),
      category('no-update', 'No information available or no update provided', 'grey', 'nothing reported', [
        'not started',
        'not due to start',
      ]),
    ],
  },
};

const DEFAULT_COLOURS: Record<string, RatingColour> = {
  complete: 'blue',
  'awaiting sign-off': 'green',
  'on track': 'green',
  'at risk': 'amber',
  'off track': 'red',
  'not started': 'grey',
};

/**
 * The scheme of a plan that never chose one: a row per canonical status under the plan's own
 * labels, as its summaries always showed; "not due to start" counts as not started, so no row is added.
 */
export function schemeFromLabels(labels: Record<CanonicalStatus, string>): RatingScheme {
  const rows: CanonicalStatus[] = ['complete', 'awaiting sign-off', 'on track', 'at risk', 'off track', 'not started'];
  return {
    name: 'status labels',
    categories: rows.map((status) =>
      category(status, labels[status], DEFAULT_COLOURS[status], status, status === 'not started' ? [status, 'not due to start'] : [status]),
    ),
  };
}

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** The category a rating names, by key or label, ignoring case and surrounding spaces; null if none. */
export function ratingCategoryFor(scheme: RatingScheme, text: string): RatingCategory | null {
  return scheme.categories.find((c) => same(c.key, text)) ?? scheme.categories.find((c) => same(c.label, text)) ?? null;
}

/** The category that counts a canonical state (null for duplicates and withdrawn actions). */
export function categoryCounting(scheme: RatingScheme, status: CanonicalStatus): RatingCategory | null {
  return scheme.categories.find((c) => c.counts.includes(status)) ?? null;
}

/** Whether rating an action in this category would say it is complete. */
export const saysComplete = (category: RatingCategory) => category.counts.includes('complete');
