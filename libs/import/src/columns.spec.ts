import { headerRowOf } from './columns';
import type { CellValue, Sheet } from './sheet';

const sheetOf = (rows: CellValue[][]): Sheet => ({ rows: rows.map((cells, i) => ({ row: i + 1, cells })) });

describe('the header row a person is asked to map', () => {
  it('is the row the defaults find, with the columns they found in it', () => {
    const found = headerRowOf(
      sheetOf([['YOT action plan'], ['Ref', 'Action', 'Responsible', 'By When'], ['1.1', 'Do it', 'Pat Lee', 'Mar-21']]),
    );
    expect(found).toMatchObject({
      headerRow: 2,
      columns: { reference: { letter: 'A' }, action: { letter: 'B' }, targetDate: { letter: 'D' } },
    });
    expect(found!.headers.map((column) => `${column.letter} ${column.header}`)).toEqual([
      'A Ref',
      'B Action',
      'C Responsible',
      'D By When',
    ]);
    expect(found!.columns).not.toHaveProperty('leads');
  });

  it('is the fullest of the first rows when too few headers are ones the defaults know, skipping a title and blank columns', () => {
    const found = headerRowOf(
      sheetOf([
        ['Improvement plan', null, 'Draft'],
        ['Ref No', 'Planned activity', null, 'Accountable person', 'Complete by'],
        ['A1', 'Do it', null, 'Pat Lee', null],
      ]),
    );
    expect(found).toMatchObject({ headerRow: 2, columns: { reference: { letter: 'A', header: 'Ref No' } }, unmatched: [] });
    expect(Object.keys(found!.columns)).toEqual(['reference']);
    expect(found!.headers.map((column) => column.letter)).toEqual(['A', 'B', 'D', 'E']);
  });

  it('is the row a mapping names, when it names headers the defaults do not know', () => {
    const sheet = sheetOf([
      ['Summary', 'of', 'progress', 'to date', 'here'],
      ['Item', 'Planned activity', 'Accountable person'],
      ['A1', 'Do it', 'Pat Lee'],
    ]);
    expect(headerRowOf(sheet)?.headerRow).toBe(1);
    expect(headerRowOf(sheet, { reference: 'Item', action: 'Planned activity' })).toMatchObject({
      headerRow: 2,
      columns: { reference: { letter: 'A' }, action: { letter: 'B' } },
    });
  });

  it('is not there when no row has two cells filled', () => {
    expect(headerRowOf(sheetOf([['A list'], ['of'], ['lines']]))).toBeNull();
  });
});
