/**
 * The days this engine takes: action plans are written and worked within living memory and the
 * next generation's. A day outside (a typed 9999, a 0202 for 2022) is a slip, and one far enough
 * out would overflow the reminder arithmetic; each entry point refuses it naming the field.
 */
export const FIRST_DAY = '1900-01-01';
export const LAST_DAY = '2199-12-31';

export const RANGE_PROBLEM = `must be between ${FIRST_DAY} and ${LAST_DAY}`;

/** Whether a YYYY-MM-DD (or YYYY-MM) text is within the range; text of another shape is not. */
export function isWithinDateRange(day: string): boolean {
  const text = day.length === 7 ? `${day}-01` : day;
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && text >= FIRST_DAY && text <= LAST_DAY;
}
