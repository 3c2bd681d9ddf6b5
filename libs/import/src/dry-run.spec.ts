import { dryRun } from './dry-run';
import { hmip, hmipSheetRows, hmipStatusLabels } from './hmip-sheet.fixture';
import type { CellValue, Sheet } from './sheet';

const sheetOf = (rows: CellValue[][]): Sheet => ({ rows: rows.map((cells, i) => ({ row: i + 1, cells })) });
const options = { statusLabels: hmipStatusLabels(), groupingKinds: { byDepth: ['recommendation'] } };

describe('the dry run of a plan sheet', () => {
  describe('the HMIP YOT plan as its council keeps it', () => {
    const report = dryRun({ sheet: sheetOf(hmipSheetRows()) }, options, [
      { userId: 'u-chair', name: 'Chair of the YOT Management Board', email: 'chair@example.org' },
    ]);

    it('finds the header below the title and reads every row without a problem', () => {
      expect(report.problems).toEqual([]);
      expect(report.valid).toBe(true);
      expect(report.columns).toMatchObject({
        reference: { column: 'B', header: 'No.' },
        leads: { column: 'D', header: 'Lead Action Owner' },
        targetDate: { column: 'E', header: 'By When' },
        grouping: { column: 'A', header: 'Section' },
      });
    });

    it('would create 4 sections, 21 recommendations, 65 actions and a duplicate link for each of the 19 duplicates', () => {
      expect(report.creates).toMatchObject({ groupings: 25, actions: 65 });
      const duplicates = report.model.actions.filter((action) => action.duplicate);
      expect(duplicates).toHaveLength(hmip.rows.filter((row) => row.status === 'DUPLICATE ACTION').length);
      for (const action of duplicates) expect(action.links.filter((link) => link.kind === 'duplicate of')).toHaveLength(1);
    });

    it('links each duplicate to the row it repeats, named by "SAME AS", "See 3.1." or "See also Recommendation 4 above"', () => {
      const duplicateOf = (reference: string) =>
        report.model.actions.find((action) => action.key === reference)!.links.find((link) => link.kind === 'duplicate of')?.targetKey;
      expect(duplicateOf('6.1')).toBe('3.1');
      expect(duplicateOf('13.2')).toBe('5.2');
      expect(duplicateOf('21.1')).toBe('5.1');
      expect(duplicateOf('18.2')).toBe('15.2');
      expect(duplicateOf('9.1')).toBe('1.1');
      expect(duplicateOf('10.1')).toBe('4.1');
    });

    it('places recommendations under their sections, titled by their own rows', () => {
      const recommendation = report.model.groupings.find((grouping) => grouping.key === '13')!;
      expect(recommendation).toMatchObject({ parentKey: 'column:Court disposals', kind: 'recommendation', references: ['13'] });
      expect(recommendation.title).toMatch(/^Assessing, delivering interventions/);
    });

    it('says how each lead was matched: the chair by name, the rest kept as named owners', () => {
      expect(report.leads.find((lead) => lead.name === 'Chair of the YOT Management Board')).toMatchObject({
        matchedBy: 'name',
        userId: 'u-chair',
        rows: expect.arrayContaining([6]),
      });
      expect(report.leads.find((lead) => lead.name === 'South Yorkshire Police')).toMatchObject({ matchedBy: 'named owner', userId: null });
    });

    it('reads statuses against the plan legend: completions and ratings counted, duplicates not rated', () => {
      const completed = hmip.rows.filter((row) => row.status === 'Action completed').length;
      expect(report.creates.signOffs).toBe(completed);
      expect(report.creates.ratings).toBe(65 - 19);
    });
  });

  it('names each typical mistake by its row and column', () => {
    const report = dryRun(
      {
        sheet: sheetOf([
          ['Ref', 'Action', 'Lead', 'By When', 'Status', 'Notes'],
          ['1.1', 'Fine', 'Pat Lee', 'Mar-21', 'on track', null],
          [null, 'No reference', 'Pat Lee', 'Mar-21', null, null],
          ['1.1', 'Repeated', 'Pat Lee', 'Mar-21', null, null],
          ['1.2', 'Impossible date', 'Pat Lee', '31.4.14', null, null],
          ['1.3', 'Links nowhere', 'Pat Lee', 'Mar-21', null, 'link to 9.9'],
          ['1.4', 'Unknown status', 'Pat Lee', 'Mar-21', 'Purple', null],
          ['1.5', 'Two people', 'Sam Smith', 'Mar-21', null, null],
        ]),
      },
      {},
      [
        { userId: 'u1', name: 'Sam Smith', email: 'sam.smith@one.example' },
        { userId: 'u2', name: 'Sam Smith', email: 'sam.smith@two.example' },
      ],
    );
    expect(report.valid).toBe(false);
    expect(report.problems.map(({ row, column, value, code }) => ({ row, column, value, code }))).toEqual([
      { row: 3, column: 'A', value: '', code: 'IMPORT.REFERENCE_MISSING' },
      { row: 4, column: 'A', value: '1.1', code: 'IMPORT.REFERENCE_REPEATED' },
      { row: 5, column: 'D', value: '31.4.14', code: 'IMPORT.DATE_UNREADABLE' },
      { row: 6, column: 'F', value: 'link to 9.9', code: 'IMPORT.LINK_TARGET_UNKNOWN' },
      { row: 7, column: 'E', value: 'Purple', code: 'IMPORT.STATUS_UNKNOWN' },
      { row: 8, column: 'C', value: 'Sam Smith', code: 'IMPORT.LEAD_AMBIGUOUS' },
    ]);
    expect(report.problems[2].problem).toBe('"31.4.14" is not a date: April 2014 has no day 31');
  });

  it('turns "link to", "depends on" and "completed as part of" notes into links of that kind, each with its words and cell', () => {
    const report = dryRun(
      {
        sheet: sheetOf([
          ['Ref', 'Action', 'Lead', 'Notes'],
          ['1.1', 'Agree the audit tool', 'Pat Lee', null],
          ['1.2', 'Train auditors', 'Pat Lee', 'link to 1.1'],
          ['1.2.1', 'Audit twenty cases', 'Pat Lee', 'Depends on 1.2 and 1.1'],
          ['1.3', 'Report to the board', 'Pat Lee', 'Completed as part of 1.2.1'],
        ]),
      },
      {},
      [],
    );
    expect(report.problems).toEqual([]);
    const linksOf = (key: string) =>
      report.model.actions.find((action) => action.key === key)!.links.map(({ kind, targetKey, note }) => [kind, targetKey, note]);
    expect(linksOf('1.1')).toEqual([]);
    expect(linksOf('1.2')).toEqual([['linked to', '1.1', 'link to 1.1']]);
    expect(linksOf('1.2.1')).toEqual([
      ['depends on', '1.2', 'Depends on 1.2 and 1.1'],
      ['depends on', '1.1', 'Depends on 1.2 and 1.1'],
    ]);
    expect(linksOf('1.3')).toEqual([['completed as part of', '1.2.1', 'Completed as part of 1.2.1']]);
    expect(report.model.actions.find((action) => action.key === '1.2')!.links[0].field).toBe('notes');
    expect(report.creates.links).toBe(4);
  });

  it('reads a mapping the user gives, by header or by column letter', () => {
    const report = dryRun(
      {
        sheet: sheetOf([
          ['Item', 'Task', 'Who', 'When'],
          ['A1', 'Do it', 'Pat Lee', 'August 2022'],
        ]),
      },
      { mapping: { reference: 'Item', action: 'B', leads: 'who', targetDate: 'D' } },
      [],
    );
    expect(report.problems).toEqual([]);
    expect(report.model.actions[0]).toMatchObject({ key: 'A1', description: 'Do it', targetDate: 'August 2022', groupingKey: 'column:' });
  });

  it('reads nothing for a field mapped to null, even where a header is one the defaults know', () => {
    const report = dryRun(
      {
        sheet: sheetOf([
          ['Ref', 'Action', 'Lead', 'Notes'],
          ['1.1', 'Do it', 'Pat Lee', 'DUPLICATE ACTION, SAME AS 1.2'],
          ['1.2', 'Do it too', 'Pat Lee', ''],
        ]),
      },
      { mapping: { notes: null } },
      [],
    );
    expect(report.columns).not.toHaveProperty('notes');
    expect(report.model.actions.map((action) => [action.key, action.duplicate, action.notes])).toEqual([
      ['1.1', false, null],
      ['1.2', false, null],
    ]);
  });

  describe('the SEND written statement of action as copied from its paper', () => {
    // The paper's table breaks across pages, and each page repeats the header row.
    const report = dryRun(
      {
        sheet: sheetOf([
          ['SEND Written Statement of Action – January 2022'],
          ['Ref', 'Action', 'Lead', 'Target End Date', 'RAG', 'Progress Update'],
          ['1.1', 'Improve the Quality Assurance framework', null, null, null, null],
          ['1.1.1', 'Integrate EHCP and SEND into full CYPS framework', 'Julie Day', 'July 2022', null, null],
          ['Ref', 'Action', 'Lead', 'Target End Date', 'RAG', 'Progress Update'],
          ['1.1.2', 'Review the Health and CCG framework', 'Helen Sweaton', 'July 2022', null, null],
        ]),
      },
      {},
      [],
    );

    it('reads its "Target End Date" column as the target date', () => {
      expect(report.columns).toMatchObject({ targetDate: { column: 'D', header: 'Target End Date' } });
      expect(report.model.actions.find((action) => action.key === '1.1.1')).toMatchObject({ targetDate: 'July 2022' });
    });

    it('passes over the header row each page repeats, rather than reading it as an action "Ref" led by "Lead"', () => {
      expect(report.problems).toEqual([]);
      expect(report.model.actions.map((action) => action.key)).toEqual(['1.1.1', '1.1.2']);
      expect(report.leads.map((lead) => lead.name)).not.toContain('Lead');
    });
  });

  it('refuses a sheet with no recognisable header, saying what to do', () => {
    const report = dryRun(
      {
        sheet: sheetOf([
          ['a', 'b'],
          ['c', 'd'],
        ]),
      },
      {},
      [],
    );
    expect(report.problems).toMatchObject([{ code: 'IMPORT.HEADER_NOT_FOUND' }]);
  });
});
