import { Workbook } from 'exceljs';
import { dryRun } from './dry-run';
import type { CellValue, Sheet } from './sheet';
import { xlsxSheets } from './xlsx-sheet';
import { yjsSheetRows } from './yjs-sheet.fixture';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const sheetOf = (rows: CellValue[][]): Sheet => ({ rows: rows.map((cells, i) => ({ row: i + 1, cells })) });
const options = { statusLabels: { complete: 'Action completed' }, mapping: { action: 'Action/Notes:' } };

describe('the dry run of a youth justice plan as its paper printed it', () => {
  const report = dryRun({ sheet: sheetOf(yjsSheetRows()) }, options, []);
  const action = (key: string) => report.model.actions.find((candidate) => candidate.key === key)!;
  const duplicateOf = (key: string) => action(key).links.find((link) => link.kind === 'duplicate of')?.targetKey;

  it('reads "DUPLICATION WITH PR-3" as a duplicate of PR-3, and "Duplicate of" and "duplicates" likewise', () => {
    expect(duplicateOf('1.1')).toBe('PR-3');
    expect(duplicateOf('1.2')).toBe('PR-7');
    const other = dryRun(
      {
        sheet: sheetOf([
          ['Ref', 'Action', 'Lead', 'Notes'],
          ['1.1', 'Do it', 'Pat Lee', null],
          ['1.2', 'Do it again', null, 'Duplicate of 1.1'],
          ['1.3', 'And again', null, 'duplicates 1.1'],
        ]),
      },
      {},
      [],
    );
    expect(other.problems).toEqual([]);
    expect(other.model.actions.map((row) => [row.key, row.duplicate, row.links.map((link) => `${link.kind} ${link.targetKey}`)])).toEqual([
      ['1.1', false, []],
      ['1.2', true, ['duplicate of 1.1']],
      ['1.3', true, ['duplicate of 1.1']],
    ]);
  });

  it('asks for no lead on a duplicate row: it takes the leads of the action it repeats', () => {
    expect(report.problems.filter((problem) => problem.code === 'IMPORT.LEAD_MISSING')).toEqual([]);
    expect(action('1.1').leads.map((lead) => lead.name)).toEqual(['Dee Williams']);
    expect(action('2.1').leads.map((lead) => lead.name)).toEqual(['Helen Sweaton']);
  });

  it('reads "DUPLICATION WITH 2.1" in an action\'s own words as a link to its duplicate, not as marking the action one', () => {
    expect(action('PR-4')).toMatchObject({ duplicate: false, status: { label: 'Action completed' } });
    expect(duplicateOf('2.1')).toBe('PR-4');
    expect(report.creates.signOffs).toBe(5);
  });

  it('names both rows of a ring of duplicates with no original, rather than counting neither', () => {
    const rings = report.problems.filter((problem) => problem.code === 'IMPORT.DUPLICATE_RING');
    expect(rings.map((problem) => [problem.row, problem.value])).toEqual([
      [12, 'DUPLICATION WITH 3.3'],
      [18, 'DUPLICATION WITH 1.3'],
    ]);
    expect(rings[0].problem).toMatch(/^1\.3 \(row 12\) and 3\.3 \(row 18\) each say they are a duplicate of another of them/);
    expect(report.problems.map((problem) => problem.code)).toEqual(['IMPORT.DUPLICATE_RING', 'IMPORT.DUPLICATE_RING']);
  });

  it('reads the numbered headings as the titles of their groupings, under the section heading above them', () => {
    const grouping = (key: string) => report.model.groupings.find((candidate) => candidate.key === key);
    expect(grouping('1')).toMatchObject({
      title: 'Early Intervention and Prevention',
      parentKey: 'column:Youth Justice Service Priorities 2022/23',
    });
    expect(grouping('3')).toMatchObject({ title: 'Education, Training and Employment' });
    expect(action('PR-3').groupingKey).toBe('column:Peer Review Areas for Consideration March 2022');
    expect(report.model.actions.map((row) => row.key)).not.toContain('1');
  });

  it("passes over the paper's count of actions by status, saying so, rather than reading it as actions", () => {
    expect(report.model.actions.map((row) => row.key).filter((key) => /Action/.test(key))).toEqual([]);
    expect(report.notes).toContainEqual({
      row: 22,
      note: '"Action completed | 6" is a count of actions by status, not an action: passed over',
    });
    expect(report.notes).toContainEqual({
      row: 4,
      note: '"Peer Review Areas for Consideration March 2022" is a heading: the rows below it are grouped under it',
    });
  });

  it('says how each date was read where it is not a plain day: "Mar-23" as the end of March', () => {
    expect(report.dates).toContainEqual({ row: 7, column: 'D', written: 'Mar-23', read: '31 March 2023 (month)' });
  });

  it('shows what a row holds beside each of its problems, so a row with no reference can be found', () => {
    const bad = dryRun(
      {
        sheet: sheetOf([
          ['Ref', 'Action', 'Lead'],
          ['PR-1', null, null],
          [null, 'Orphan row', 'Pat Lee'],
        ]),
      },
      {},
      [],
    );
    expect(bad.problems.map((problem) => [problem.row, problem.code, problem.holds])).toEqual([
      [2, 'IMPORT.ACTION_MISSING', 'PR-1'],
      [2, 'IMPORT.LEAD_MISSING', 'PR-1'],
      [3, 'IMPORT.REFERENCE_MISSING', 'Orphan row'],
    ]);
  });
});

describe('the youth justice plan as an xlsx file, its "Mar-23" typed into date cells', () => {
  it('reads a date cell formatted mmm-yy as its month, due at its end, and says how each date was read', async () => {
    const workbook = new Workbook();
    const sheet = workbook.addWorksheet('Action Plan 22-23');
    const month = (text: CellValue) => {
      const [name, year] = String(text).split('-');
      return new Date(Date.UTC(2000 + Number(year), MONTHS.indexOf(name), 1));
    };
    for (const cells of yjsSheetRows(month)) {
      const row = sheet.addRow(cells);
      if (cells[3] instanceof Date) row.getCell(4).numFmt = 'mmm-yy';
    }
    sheet.getCell('D7').numFmt = 'dd/mm/yyyy';
    const report = dryRun({ sheet: await xlsxSheets.read(Buffer.from(await workbook.xlsx.writeBuffer())) }, options, []);
    const action = (key: string) => report.model.actions.find((candidate) => candidate.key === key)!;
    expect(action('PR-3').targetDate).toBe('December 2022');
    expect(action('3.2').targetDate).toBe('January 2023');
    expect(report.dates).toContainEqual({ row: 5, column: 'D', written: 'December 2022', read: '31 December 2022 (month)' });
    // A cell formatted to show its day is that day.
    expect(action('PR-7').targetDate).toBe('2023-03-01');
    expect(report.dates.map((date) => date.row)).not.toContain(7);
  });
});
