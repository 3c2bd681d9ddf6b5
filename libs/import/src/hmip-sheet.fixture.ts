import { Workbook } from 'exceljs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CellValue } from './sheet';

/** The HMIP YOT plan (test/fixtures), as the council's own spreadsheet lays it out. */
export interface HmipRow {
  section: string;
  parent_no: string;
  id: string;
  action: string;
  lead_action_owner: string;
  by_when: string;
  progress_update: string;
  status: string;
}
export const hmip = JSON.parse(readFileSync(join(__dirname, '../../../test/fixtures/hmip-yot-action-plan.json'), 'utf8')) as {
  plan: { title: string; source: { published: string; judgement: string }; submitted: { on: string }; statusLegend: string[] };
  groupings: Array<{ section: string; no: string; text: string }>;
  rows: HmipRow[];
};

export const HMIP_HEADER = ['Section', 'No.', 'Action', 'Lead Action Owner', 'By When', 'Progress Update', 'Status'];

/**
 * A title and a date above the table, as the paper prints them; then each recommendation's row
 * followed by its actions, with the papers' own dates as text ("Jan-21") and status words.
 */
export function hmipSheetRows(): CellValue[][] {
  const rows: CellValue[][] = [[hmip.plan.title], ['Version 0.9, 15 July 2021'], [], HMIP_HEADER];
  for (const grouping of hmip.groupings) {
    rows.push([grouping.section, grouping.no, grouping.text, null, null, null, null]);
    for (const row of hmip.rows.filter((r) => r.parent_no === grouping.no)) {
      rows.push([row.section, row.id, row.action, row.lead_action_owner, row.by_when || null, row.progress_update || null, row.status]);
    }
  }
  return rows;
}

/** Rows written as an xlsx file's one sheet, as a council uploads its spreadsheet. */
export async function xlsxOf(rows: unknown[][]): Promise<Buffer> {
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet('Action plan');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The plan's legend, as the status categories the sheet may use. */
export const hmipStatuses = () => [...hmip.plan.statusLegend, 'DUPLICATE ACTION'];
export const hmipStatusLabels = () => {
  const [mayExceed, onTrack, completed, notStarted] = hmip.plan.statusLegend;
  return { 'at risk': mayExceed, 'on track': onTrack, complete: completed, 'not started': notStarted, duplicate: 'DUPLICATE ACTION' };
};
