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

/** The plan's legend, as the status categories the sheet may use. */
export const hmipStatuses = () => [...hmip.plan.statusLegend, 'DUPLICATE ACTION'];
export const hmipStatusLabels = () => {
  const [mayExceed, onTrack, completed, notStarted] = hmip.plan.statusLegend;
  return { 'at risk': mayExceed, 'on track': onTrack, complete: completed, 'not started': notStarted, duplicate: 'DUPLICATE ACTION' };
};

/** Rows written as a council's own xlsx file would hold them: exactly these cells, no header added. */
export async function xlsxOf(rows: readonly unknown[][]): Promise<Buffer> {
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet('Action plan');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The HMIP plan as the council's xlsx file, with `edit` applied to its rows first. */
export async function hmipXlsx(edit: (rows: CellValue[][]) => void = () => {}): Promise<Buffer> {
  const rows = hmipSheetRows();
  edit(rows);
  return xlsxOf(rows);
}

/**
 * The import's options as an integrator sends them over HTTP or to the CLI: the plan begun on its
 * submission (11 January 2021) and entered afterwards from the paper of 15 July 2021.
 */
export const hmipImportOptions = (title: string) => ({
  plan: {
    kind: 'inspection',
    title,
    source: { body: 'HMIP', date: '2020-12-17', judgement: 'Requires Improvement' },
    statusLabels: hmipStatusLabels(),
    ratingScheme: 'hmip-four-bucket',
  },
  paper: { date: '2021-07-15', source: 'YOT HMIP Inspection Action Plan, version 0.9, 15 July 2021' },
  createdOn: '2021-01-11',
  groupingKinds: { byDepth: ['recommendation'] },
});
