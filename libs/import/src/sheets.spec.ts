import { Workbook } from 'exceljs';
import { csvSheets } from './csv-sheet';
import { dryRun } from './dry-run';
import { hmipSheetRows, hmipStatusLabels } from './hmip-sheet.fixture';
import { IMPORT_LIMITS, ImportTooLargeError, UnreadableSheetError } from './sheet';
import { xlsxSheets } from './xlsx-sheet';

/** The HMIP plan written as an xlsx file by exceljs itself, with a real date cell and an Excel serial among the text dates. */
async function hmipWorkbook(): Promise<Buffer> {
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet('Action plan');
  for (const row of hmipSheetRows()) sheet.addRow(row);
  sheet.getCell('E6').value = new Date(Date.UTC(2021, 0, 31));
  sheet.getCell('E8').value = 44286;
  sheet.getCell('C9').value = { richText: [{ text: 'Policy to be ' }, { text: 'revised', font: { bold: true } }] };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('reading and writing sheets', () => {
  it('reads an xlsx workbook with its row numbers, date cells as days and Excel serials as numbers', async () => {
    const sheet = await xlsxSheets.read(await hmipWorkbook());
    expect(sheet.rows[0]).toEqual({ row: 1, cells: ['Rotherham YOT HMIP Inspection Action Plan'] });
    const report = dryRun({ sheet }, { statusLabels: hmipStatusLabels() }, []);
    expect(report.problems).toEqual([]);
    const byRow = new Map(report.model.actions.map((action) => [action.row, action]));
    expect(byRow.get(6)).toMatchObject({ key: '1.1', targetDate: '2021-01-31' });
    expect(byRow.get(8)).toMatchObject({ key: '2.1', targetDate: '44286' });
    expect(byRow.get(9)).toMatchObject({ key: '2.2', description: 'Policy to be revised' });
    expect(report.creates.actions).toBe(65);
  });

  it('writes a header and rows that read back the same, as xlsx and as CSV', async () => {
    const rows = [
      ['1.1', 'Present to the board', 'Mar-21', null],
      ['1.2', '=HYPERLINK("http://evil.example")', '-', '+44 1709 382121'],
    ];
    for (const sheets of [xlsxSheets, csvSheets]) {
      const read = await sheets.read(await sheets.write(['Ref', 'Action', 'By When', 'Notes'], rows));
      // A file keeps no trailing empty cells: the four columns are read as they stand.
      expect(read.rows.map((row) => [0, 1, 2, 3].map((i) => row.cells[i] ?? ''))).toEqual([
        ['Ref', 'Action', 'By When', 'Notes'],
        ...rows.map((row) => row.map((cell) => cell ?? '')),
      ]);
    }
  });

  it('escapes cells that would run as formulas in a CSV export', async () => {
    const text = (await csvSheets.write(['Action'], [['=1+1'], ['@SUM(A1)']])).toString('utf8');
    expect(text).toBe("Action\n'=1+1\n'@SUM(A1)\n");
  });

  it('refuses a file over 10 MB, or over 10,000 rows, as too large', async () => {
    await expect(csvSheets.read(Buffer.alloc(IMPORT_LIMITS.bytes + 1, 'a'))).rejects.toThrow(ImportTooLargeError);
    const rows = Array.from({ length: IMPORT_LIMITS.rows + 30 }, (_, i) => `${i},x`).join('\n');
    await expect(csvSheets.read(Buffer.from(rows))).rejects.toThrow(/at most 10,000 rows/);
  });

  it('says a file that is not a workbook cannot be read', async () => {
    await expect(xlsxSheets.read(Buffer.from('Ref,Action\n1,x'))).rejects.toThrow(UnreadableSheetError);
  });
});
