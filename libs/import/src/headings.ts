import type { Field } from './columns';
import type { PlanRow } from './sheet-rows';

/** A row the reader passed over, and why: shown in the dry run so nothing is left out unseen. */
export interface ImportNote {
  row: number;
  note: string;
}

const filledFields = (row: PlanRow): Field[] => (Object.keys(row.values) as Field[]).filter((field) => row.values[field]);
const NUMBERED_HEADING = /^(\d+(?:\.\d+)*)\.?\s+(\S.*[A-Za-z].*)$/s;
const HAS_WORDS = /[a-z].*\s.*[a-z]/is;

/**
 * Headings as the papers print them, in the reference column with nothing else on the row:
 * "1. Early Intervention and Prevention" titles the grouping of 1.1, 1.2 (read as reference 1 and
 * its title), and "Peer Review Areas for Consideration March 2022" titles the rows below it, as
 * a grouping column's value would. Below the table, a paper's own count of actions by status
 * ("Action completed | 35") is passed over with a note. Answers the rows left to read as actions.
 */
export function readHeadings(rows: PlanRow[]): { rows: PlanRow[]; notes: ImportNote[] } {
  const notes: ImportNote[] = [];
  const kept: PlanRow[] = [];
  let section: string | undefined;
  for (const row of rows) {
    const fields = filledFields(row);
    const text = (row.values.reference ?? '').replace(/\s+/g, ' ').trim();
    if (statusCount(row, fields)) {
      notes.push({ row: row.row, note: `"${text} | ${row.values.action}" is a count of actions by status, not an action: passed over` });
      continue;
    }
    if (fields.length === 1 && fields[0] === 'reference' && HAS_WORDS.test(text)) {
      const numbered = NUMBERED_HEADING.exec(text);
      if (numbered) {
        kept.push({ ...row, values: { reference: numbered[1], action: numbered[2], ...(section ? { grouping: section } : {}) } });
        continue;
      }
      section = text;
      notes.push({ row: row.row, note: `"${text}" is a heading: the rows below it are grouped under it` });
      continue;
    }
    kept.push(section && !row.values.grouping ? { ...row, values: { ...row.values, grouping: section } } : row);
  }
  return { rows: kept, notes };
}

/** "Action completed | 35": words with no digit in the reference column, a bare number beside them, nothing else. */
function statusCount(row: PlanRow, fields: Field[]): boolean {
  const reference = row.values.reference ?? '';
  return (
    fields.length === 2 &&
    fields.includes('reference') &&
    fields.includes('action') &&
    !/\d/.test(reference) &&
    /^\d+$/.test((row.values.action ?? '').trim())
  );
}
