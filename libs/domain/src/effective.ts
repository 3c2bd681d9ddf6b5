/**
 * When what a command records actually happened, and on what authority: a day or a moment in the
 * past ("minutes of the evidence challenge panel, 14 June 2022"), apart from when it is recorded.
 */
export interface Effective {
  /** ISO 8601 moment, UTC, millisecond precision; a day is its midnight (2022-06-14T00:00:00.000Z). */
  at: string;
  precision: 'day' | 'moment';
  source: string | null;
}
