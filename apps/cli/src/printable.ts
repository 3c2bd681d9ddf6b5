/**
 * People's text (a comment, a reason, a plan's title, a spreadsheet's cell) printed on a terminal
 * as one line that cannot pass for another: a line break inside it shows as ⏎, so a comment
 * holding "\n2026-01-01 admin signed off" stays on its own line; terminal escape sequences
 * (colours, cursor moves, window titles) are dropped; any other control character, and the
 * direction overrides that reorder what is shown, are written out as \u{…}.
 */
// Control characters are what these expressions are for.
/* eslint-disable no-control-regex */
const ESCAPE_SEQUENCE = /\u001B(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001B]*(?:\u0007|\u001B\\)|[@-Z\\-_])|\u009B[0-?]*[ -/]*[@-~]/g;
const LINE_BREAK = /\r\n|[\n\r\u000B\u000C\u0085\u2028\u2029]/g;
const UNPRINTABLE = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
/* eslint-enable no-control-regex */

export function printable(text: string): string {
  return text
    .replace(ESCAPE_SEQUENCE, '')
    .replace(LINE_BREAK, '⏎')
    .replace(UNPRINTABLE, (character) => `\\u{${character.codePointAt(0)!.toString(16).toUpperCase()}}`);
}

/** Prints one line on stdout, people's text in it made printable. */
export const say = (line: string): void => console.log(printable(line));

/** Prints one line on stderr, people's text in it made printable. */
export const complain = (line: string): void => console.error(printable(line));
