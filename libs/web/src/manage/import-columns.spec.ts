import { headerRowOf, type Sheet } from '@actionplans/import';
import { chosenColumns, columnsNeeded, readColumnMapping } from './import-columns';
import { readImportOptions } from './import-form';

const sheet: Sheet = {
  rows: [
    { row: 1, cells: ['Ref No', 'Planned activity', 'Who', 'Notes', 'Notes'] },
    { row: 2, cells: ['1.1', 'Do it', 'Pat Lee', '', 'SAME AS 1.2'] },
  ],
};
const found = headerRowOf(sheet)!;
const none = { 'column-reference': '', 'column-action': '', 'column-leads': '' };

describe('the columns a person chooses for an import', () => {
  it('maps each by its header, by letter where two columns share one, and what is not chosen to null', () => {
    const { mapping, errors } = readColumnMapping(
      { ...none, 'column-reference': 'A', 'column-action': 'B', 'column-leads': 'C', 'column-notes': 'E' },
      found,
    );
    expect(errors).toEqual([]);
    expect(mapping).toMatchObject({
      reference: 'Ref No',
      action: 'Planned activity',
      leads: 'Who',
      notes: 'E',
      targetDate: null,
      grouping: null,
    });
  });

  it('names each field that is needed and left out, or given a column already taken or not in the sheet', () => {
    const { errors } = readColumnMapping({ ...none, 'column-reference': 'A', 'column-progress': 'A', 'column-status': 'Z' }, found);
    expect(errors).toEqual([
      { field: 'column-action', text: 'Select the column that says what each action is' },
      { field: 'column-leads', text: 'Select the column that names each action’s lead' },
      { field: 'column-progress', text: 'Column A (Ref No) is already the reference: choose another column for progress update' },
      { field: 'column-status', text: 'Select one of the sheet’s columns for status or RAG rating, or Not in this sheet' },
    ]);
  });

  it('starts on the columns chosen before, saying which of them this sheet lacks, and asks when a needed one is not found', () => {
    const { chosen, notFound } = chosenColumns(found, { reference: 'Ref No', action: 'What we will do', notes: null });
    expect(chosen).toMatchObject({ reference: 'A', action: '', notes: '' });
    expect(notFound).toEqual({ action: 'What we will do' });
    expect(columnsNeeded(found)).toBe(true);
    const mapped = { action: 'Planned activity', leads: 'Who' };
    expect(columnsNeeded(headerRowOf(sheet, mapped), mapped)).toBe(false);
  });

  it('carries columns chosen for an earlier upload to the next, dropping what the importer does not read', () => {
    const form = { title: 'Plan', kind: 'inspection', sourceBody: 'HMIP', sourceDate: 'January 2021', ratingScheme: 'standard-brag' };
    const carried = JSON.stringify({ action: 'Planned activity', notes: null, colour: 'Blue', leads: 7 });
    expect(readImportOptions({ ...form, mapping: carried }).options.read).toEqual({ mapping: { action: 'Planned activity', notes: null } });
    expect(readImportOptions({ ...form, mapping: '{not json' }).options.read).toEqual({});
  });
});
