import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import {
  cellText,
  checkRowCount,
  checkSize,
  IMPORT_LIMITS,
  ROWS_ABOVE_TABLE,
  UnreadableSheetError,
  type Sheet,
  type SheetReader,
  type SheetWriter,
} from './sheet';

/** A cell written by `escape_formulas` (a leading apostrophe before = + - @): read back as the text it protected. */
const ESCAPED_FORMULA = /^'(?=[=+\-@\t\r])/;

/** CSV through csv-parse and csv-stringify: UTF-8 (a byte-order mark is dropped), any number of cells per row. */
export const csvSheets: SheetReader & SheetWriter = {
  contentType: 'text/csv; charset=utf-8',

  async read(bytes: Buffer): Promise<Sheet> {
    checkSize(bytes);
    let records: string[][];
    try {
      // One row past the limit is read, so a longer sheet is refused rather than cut short.
      records = parse(bytes, {
        bom: true,
        relax_column_count: true,
        relax_quotes: true,
        to_line: IMPORT_LIMITS.rows + ROWS_ABOVE_TABLE + 1,
      });
    } catch (error) {
      throw new UnreadableSheetError(`the file is not CSV: ${(error as Error).message}`);
    }
    checkRowCount(records.length, ROWS_ABOVE_TABLE);
    return {
      rows: records.map((cells, i) => ({ row: i + 1, cells: cells.map((cell) => cell.replace(ESCAPED_FORMULA, '')) })),
    };
  },

  /** Cells that would start a formula in the reader's spreadsheet are escaped. */
  write(header: string[], rows: Array<Array<string | number | Date | null>>): Promise<Buffer> {
    return Promise.resolve(Buffer.from(stringify([header, ...rows.map((row) => row.map(cellText))], { escape_formulas: true }), 'utf8'));
  },
};
