import type { CellValue as ExcelValue } from 'exceljs';
import {
  checkRowCount,
  checkSize,
  ROWS_ABOVE_TABLE,
  UnreadableSheetError,
  type CellValue,
  type Sheet,
  type SheetReader,
  type SheetRow,
  type SheetWriter,
} from './sheet';

/**
 * exceljs is loaded when a sheet is first read or written: it is the slowest of the app's modules
 * to load (about a third of a second of a start-up that reads no sheet).
 */
const exceljs = () => import('exceljs');

/**
 * The one place that knows exceljs. Its upstream has stalled: a replacement (the maintained fork,
 * or another library) needs only this file changed.
 */
export const xlsxSheets: SheetReader & SheetWriter = {
  contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',

  /** The first worksheet; rich text, links and formula results read as the text a person sees. */
  async read(bytes: Buffer): Promise<Sheet> {
    checkSize(bytes);
    const { Workbook } = await exceljs();
    const workbook = new Workbook();
    try {
      await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    } catch (error) {
      throw new UnreadableSheetError(`the file is not an xlsx workbook: ${(error as Error).message}`);
    }
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new UnreadableSheetError('the workbook has no worksheet');
    checkRowCount(sheet.actualRowCount, ROWS_ABOVE_TABLE);
    const rows: SheetRow[] = [];
    sheet.eachRow({ includeEmpty: false }, (row, number) => {
      const cells: CellValue[] = [];
      row.eachCell({ includeEmpty: true }, (cell, column) => {
        cells[column - 1] = monthOnly(cell.value, cell.numFmt) ?? valueOf(cell.value);
      });
      rows.push({ row: number, cells: Array.from(cells, (cell) => cell ?? null) });
    });
    return { rows };
  },

  async write(header: string[], rows: CellValue[][]): Promise<Buffer> {
    const { Workbook } = await exceljs();
    const workbook = new Workbook();
    const sheet = workbook.addWorksheet('Plan');
    sheet.addRow(header).font = { bold: true };
    for (const row of rows) sheet.addRow(row);
    sheet.columns.forEach((column) => (column.width = 24));
    return Buffer.from(await workbook.xlsx.writeBuffer());
  },
};

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * A date cell whose number format shows no day ("mmm-yy", "mmmm yyyy") shows a month: Excel
 * stores "Mar-23" as 1 March 2023, but the officer meant March. Read as the month's name, as the
 * text "Mar-23" is read: due at the end of the month.
 */
function monthOnly(value: ExcelValue, numFmt: string | undefined): CellValue | null {
  if (!(value instanceof Date) || Number.isNaN(value.getTime()) || !numFmt) return null;
  // Quoted text, escaped characters and [colour] or [$-locale] parts are not date tokens.
  const tokens = numFmt.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, '').toLowerCase();
  if (/d/.test(tokens) || !/m/.test(tokens) || !/y/.test(tokens)) return null;
  return `${MONTHS[value.getUTCMonth()]} ${value.getUTCFullYear()}`;
}

function valueOf(value: ExcelValue): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || value instanceof Date) return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('hyperlink' in value) return valueOf(value.text);
  if ('formula' in value || 'sharedFormula' in value) return valueOf((value as { result?: ExcelValue }).result ?? null);
  if ('error' in value) return null;
  return null;
}
