/**
 * A spreadsheet as the importer sees it, whatever file it came from: rows of cells, each row with
 * its number in the file so every problem can name where it is. The readers (`xlsx-sheet.ts`,
 * `csv-sheet.ts`) are the only code that knows a file format.
 */
export type CellValue = string | number | Date | null;

export interface SheetRow {
  /** The row's number as the spreadsheet shows it (1-based). */
  row: number;
  /** Column A first. */
  cells: CellValue[];
}

export interface Sheet {
  rows: SheetRow[];
}

/** Reads one file format; `read` refuses with `ImportTooLargeError` beyond the limits. */
export interface SheetReader {
  read(bytes: Buffer): Promise<Sheet>;
}

/** Writes a header and rows as one file format. */
export interface SheetWriter {
  readonly contentType: string;
  write(header: string[], rows: CellValue[][]): Promise<Buffer>;
}

/** The most a single import accepts: a bigger plan is split, or sent as JSON rows in parts. */
export const IMPORT_LIMITS = { rows: 10_000, bytes: 10 * 1024 * 1024 } as const;

/** Beyond `IMPORT_LIMITS`: answered 413 over HTTP. */
export class ImportTooLargeError extends Error {
  readonly code = 'IMPORT.TOO_LARGE';
  constructor(readonly what: string) {
    super(
      `${what}: an import takes at most ${IMPORT_LIMITS.rows.toLocaleString('en-GB')} rows and ${IMPORT_LIMITS.bytes / 1024 / 1024} MB; split the plan`,
    );
    this.name = 'ImportTooLargeError';
  }
}

/** The file is not a spreadsheet of the kind its content type said. */
export class UnreadableSheetError extends Error {
  readonly code = 'IMPORT.UNREADABLE_FILE';
  constructor(why: string) {
    super(why);
    this.name = 'UnreadableSheetError';
  }
}

export function checkSize(bytes: Buffer): void {
  if (bytes.length > IMPORT_LIMITS.bytes) throw new ImportTooLargeError(`the file is ${(bytes.length / 1024 / 1024).toFixed(1)} MB`);
}

/** Rows a file may have above its table (a title, a date, the header) beyond the limit on the table's own rows. */
export const ROWS_ABOVE_TABLE = 26;

/** `rows` counts the table's rows; `slack` allows for what a whole file has above them. */
export function checkRowCount(rows: number, slack = 0): void {
  if (rows > IMPORT_LIMITS.rows + slack) throw new ImportTooLargeError(`the sheet has ${rows.toLocaleString('en-GB')} rows`);
}

/** A, B, … Z, AA, AB: the column's letters as the spreadsheet shows them. */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** The column's index from its letters ("C" → 2), or -1 when the text is not column letters. */
export function columnIndex(letters: string): number {
  if (!/^[A-Z]{1,3}$/i.test(letters)) return -1;
  return [...letters.toUpperCase()].reduce((index, letter) => index * 26 + letter.charCodeAt(0) - 64, 0) - 1;
}

/** A cell as text: a date cell as its day (YYYY-MM-DD, which the target-date reader reads as a day), numbers as written. */
export function cellText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  return String(value).trim();
}
