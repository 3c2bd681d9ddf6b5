import { hmipImportOptions, hmipXlsx } from '../libs/import/src/hmip-sheet.fixture';
import { Workbook } from 'exceljs';
import { startWorld } from './support/api-world';

/** A council's plan in one request: the HMIP YOT plan as an xlsx file, dry run, commit, export and import again. */
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const people = {
  manager: { name: 'YOT Performance Manager', role: 'plan manager' },
  owner: { name: 'Chair of the YOT Management Board', role: 'action owner' },
};
const options = hmipImportOptions('Rotherham YOT HMIP Inspection Action Plan (import e2e)');

describe('importing and exporting a whole plan over HTTP', () => {
  let world: Awaited<ReturnType<typeof startWorld<keyof typeof people>>>;
  const send = async (path: string, bytes: Buffer | string, type: string, token = world.users.manager.token) => {
    const response = await fetch(`${world.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': type },
      body: typeof bytes === 'string' ? bytes : new Uint8Array(bytes),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  };
  const importPath = (dryRun: boolean) => `/plans/import?dryRun=${dryRun}&options=${encodeURIComponent(JSON.stringify(options))}`;

  beforeAll(async () => {
    world = await startWorld('plan-import', people);
  });
  afterAll(() => world?.stop());

  it('dry-runs the file: no problem, what would be created, how each lead was matched, and nothing stored', async () => {
    const answer = await send(importPath(true), await hmipXlsx(), XLSX);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ valid: true, problems: [], creates: { groupings: 25, actions: 65 } });
    expect(answer.body.leads).toContainEqual(
      expect.objectContaining({ name: 'Chair of the YOT Management Board', matchedBy: 'name', userId: world.users.owner.userId }),
    );
    expect((await world.users.manager.get('/plans')).body).toEqual([]);
  });

  it('commits the file as a draft plan; the same file again, or its own export, stores nothing', async () => {
    const committed = await send(importPath(false), await hmipXlsx(), XLSX);
    expect(committed.status).toBe(200);
    expect(committed.body.stored).toMatchObject({ CreatePlan: 1, RaiseAction: 65 });
    // The paper's 45 sign-offs are proposed, and complete only once a second officer confirms them (ADR 33).
    const proposed = (await world.users.manager.get(`/plans/${committed.body.planId}`)).body;
    expect(proposed.summary.complete).toBe(0);
    const actionIds = proposed.actions
      .filter((action: { signOffProposed: boolean }) => action.signOffProposed)
      .map((action: { actionId: string }) => action.actionId);
    expect(actionIds).toHaveLength(45);
    const own = await world.users.manager.post(`/plans/${committed.body.planId}/proposed-sign-offs/confirmation`, { actionIds });
    expect([own.status, own.body.code, own.body.errors.length]).toEqual([422, 'PLAN.SIGN_OFF_CONFIRMATIONS_REFUSED', 45]);
    expect(own.body.errors[0]).toMatchObject({ field: 'actionIds[0]', code: 'ACTION.SELF_CONFIRMATION' });
    const confirmed = await world.admin.post(`/plans/${committed.body.planId}/proposed-sign-offs/confirmation`, { actionIds });
    expect([confirmed.status, confirmed.body.confirmed.length]).toEqual([201, 45]);
    const plan = await world.users.manager.get(`/plans/${committed.body.planId}`);
    expect(plan.body).toMatchObject({ stage: 'draft', summary: { counted: 46, complete: 45, notCounted: { duplicate: 19 } } });
    const asAt = (day: string, basis: string) => world.users.manager.get(`/plans/${committed.body.planId}?asAt=${day}&basis=${basis}`);
    expect((await asAt('2021-02-01', 'effective')).status).toBe(200);
    expect((await asAt('2021-02-01', 'recorded')).status).toBe(404);
    const july = (await asAt('2021-07-15', 'rating,effective')).body.summary;
    expect(july).toMatchObject({ basis: 'rating', counted: 46, complete: 45 });
    expect(july.byStatus.map((row: { label: string; count: number }) => [row.label, row.count])).toEqual([
      ['Action may exceed original target date', 0],
      ['Action progressing and on track', 1],
      ['Action completed', 45],
      ['Action planned but not started', 0],
    ]);
    expect((await asAt('2021-01-20', 'effective')).body.summary).toMatchObject({ counted: 46, complete: 0 });
    const signedOff = (await world.users.manager.get(`/plans/${committed.body.planId}`)).body.actions.find(
      (action: { references: string[] }) => action.references[0] === '1.1',
    );
    const history = await world.users.manager.get(`/actions/${signedOff.actionId}/history`);
    expect(JSON.stringify(history.body)).toContain('as recorded in YOT HMIP Inspection Action Plan, version 0.9, 15 July 2021');

    expect((await send(importPath(false), await hmipXlsx(), XLSX)).body.stored).toEqual({});
    for (const format of ['xlsx', 'csv'] as const) {
      const exported = await fetch(`${world.url}/plans/${committed.body.planId}/export?format=${format}`, {
        headers: { authorization: `Bearer ${world.users.manager.token}` },
      });
      expect(exported.status).toBe(200);
      const bytes = Buffer.from(await exported.arrayBuffer());
      // Its dry run says so first: `creates` counts the sheet, `sends` what a commit would store now.
      const dry = await send(importPath(true), bytes, format === 'csv' ? 'text/csv' : XLSX);
      expect({ format, valid: dry.body.valid, sends: dry.body.sends }).toEqual({ format, valid: true, sends: {} });
      const again = await send(importPath(false), bytes, format === 'csv' ? 'text/csv' : XLSX);
      expect({ format, status: again.status, stored: again.body.stored }).toEqual({ format, status: 200, stored: {} });
    }
  });

  it('imports a plan as its paper printed it, begun before the paper: activated and seen as at 2022, and its export stores nothing again', async () => {
    // The paper's shape: a section heading, ungrouped actions, numbered headings, "DUPLICATION WITH" rows with no lead, "Mar-23" in date cells.
    const workbook = new Workbook();
    const sheet = workbook.addWorksheet('Action Plan 22-23');
    const month = (year: number, index: number) => new Date(Date.UTC(year, index, 1));
    const rows: unknown[][] = [
      ['Youth Justice Service Action Plan 2022-23'],
      ['Ref:', 'Action:', 'Lead Action Owner:', 'By When:', 'Progress Update:', 'Status:'],
      [
        'PR-3',
        'Understand and respond to an increase in First Time Entrants.',
        'Dee Williams',
        month(2022, 11),
        'Analysis presented.',
        'Action progressing and on track',
      ],
      [
        'PR-7',
        'Enhance Board oversight of Out of Court Disposal decisions.',
        'Sam Officer',
        month(2023, 2),
        'Process set up.',
        'Action progressing and on track',
      ],
      ['1. Early Intervention and Prevention'],
      ['1.1', 'Understand and respond to an increase in First Time Entrants.', null, null, 'DUPLICATION WITH PR-3', null],
      ['1.2', 'Serious Violence Strategy.', 'Sam Officer', month(2023, 2), 'Drafted.', 'Action progressing and on track'],
      [],
      ['Action completed', 0],
    ];
    for (const cells of rows) {
      const row = sheet.addRow(cells);
      if (cells[3] instanceof Date) row.getCell(4).numFmt = 'mmm-yy';
    }
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const yjs = {
      plan: {
        title: 'Youth Justice Service Action Plan 2022-23 (import e2e)',
        kind: 'Youth justice plan',
        source: { body: 'YJB Peer Review', date: '2022-03-31' },
        ratingScheme: 'hmip-four-bucket',
      },
      paper: { date: '2023-07-25', source: 'Youth Justice Service Progress Report, 25 July 2023' },
      createdOn: '2022-07-01',
    };
    const path = (dryRun: boolean) => `/plans/import?dryRun=${dryRun}&options=${encodeURIComponent(JSON.stringify(yjs))}`;
    const dry = await send(path(true), bytes, XLSX);
    expect([dry.body.valid, dry.body.problems]).toEqual([true, []]);
    expect(dry.body.dates).toContainEqual({ row: 4, column: 'D', written: 'March 2023', read: '31 March 2023 (month)' });
    expect(dry.body.notes).toContainEqual({
      row: 9,
      note: '"Action completed | 0" is a count of actions by status, not an action: passed over',
    });
    const committed = await send(path(false), bytes, XLSX);
    expect(committed.status).toBe(200);
    const planId = committed.body.planId;
    const plan = (await world.users.manager.get(`/plans/${planId}`)).body;
    const pr7 = plan.actions.find((action: { references: string[] }) => action.references[0] === 'PR-7');
    expect(pr7.targetDate).toMatchObject({ due: '2023-03-31', precision: 'month' });
    expect(plan.summary).toMatchObject({ counted: 3, notCounted: { duplicate: 1 } });
    expect((await world.users.manager.get(`/plans/${planId}?asAt=2022-09-01&basis=effective`)).status).toBe(200);
    const activated = await world.users.manager.post(`/plans/${planId}/activation`, {
      submittedTo: 'Youth Justice Partnership Board',
      submittedOn: '2022-07-11',
    });
    expect(activated.status).toBe(201);

    const exported = await fetch(`${world.url}/plans/${planId}/export?format=xlsx`, {
      headers: { authorization: `Bearer ${world.users.manager.token}` },
    });
    const again = await send(path(false), Buffer.from(await exported.arrayBuffer()), XLSX);
    expect({ status: again.status, stored: again.body.stored }).toEqual({ status: 200, stored: {} });
  });

  it('names every mistake by row and column and stores nothing', async () => {
    const csv = [
      'Ref,Action,Lead,By When,Status',
      '1.1,Fine,Pat Lee,Mar-21,on track',
      ',No ref,Pat Lee,Mar-21,',
      '1.2,Bad date,Pat Lee,31.4.14,',
    ];
    const answer = await send(importPath(false).replace('(import e2e)', '(mistakes)'), csv.join('\n'), 'text/csv');
    expect(answer.status).toBe(422);
    expect(answer.body.code).toBe('IMPORT.INVALID');
    expect(answer.body.report.problems.map((p: { row: number; column: string; code: string }) => [p.row, p.column, p.code])).toEqual([
      [3, 'A', 'IMPORT.REFERENCE_MISSING'],
      [4, 'D', 'IMPORT.DATE_UNREADABLE'],
    ]);
    const titles = (await world.users.manager.get('/plans')).body.map((plan: { title: string }) => plan.title);
    expect(titles.filter((title: string) => title.includes('(mistakes)'))).toEqual([]);
  });

  it('takes JSON rows from an integrator, and lets only plan managers and admins import', async () => {
    const body = {
      ...options,
      plan: { ...options.plan, title: 'Integrator plan' },
      rows: [{ reference: '1.1', action: 'Do it', leads: 'Pat Lee' }],
    };
    const answer = await world.users.manager.post('/plans/import?dryRun=true', body);
    expect(answer.body).toMatchObject({ valid: true, creates: { actions: 1, groupings: 1 } });
    const refused = await world.users.owner.post('/plans/import?dryRun=true', body);
    expect(refused.status).toBe(403);
  });

  describe('up to 10,000 rows and 10 MB, in a file or as JSON; beyond that a 413 naming the limit, and nothing stored', () => {
    const LIMIT = 10_000;
    const rowsOf = (count: number) =>
      Array.from({ length: count }, (_, i) => ({
        reference: `${Math.floor(i / 100) + 1}.${(i % 100) + 1}`,
        action: `Action ${i + 1}: audit a sample of cases and report the findings to the board`,
        leads: 'Pat Lee',
        targetDate: ['Mar-21', 'Jun-21', 'Ongoing'][i % 3],
      }));
    const jsonBody = (count: number) =>
      JSON.stringify({ ...options, plan: { ...options.plan, title: `Plan of ${count} rows` }, rows: rowsOf(count) });
    const csvBody = (count: number) =>
      [
        'Ref,Action,Lead,By When',
        ...rowsOf(count).map((row) => `${row.reference},${row.action.replace(':', '')},${row.leads},${row.targetDate}`),
      ].join('\n');
    const plans = async () => (await world.users.manager.get('/plans')).body.length;
    const large = hmipImportOptions('A plan at the import limit');
    const csvPath = (dryRun: boolean) => `/plans/import?dryRun=${dryRun}&options=${encodeURIComponent(JSON.stringify(large))}`;
    const tooLarge = async (answer: { status: number; body: any }, code: string, limit: RegExp) => {
      expect({ status: answer.status, code: answer.body?.code }).toEqual({ status: 413, code });
      expect(answer.body.detail).toMatch(limit);
    };

    it(`dry-runs ${LIMIT.toLocaleString('en-GB')} rows sent as JSON (well over the 1 MB other requests may send) or as CSV`, async () => {
      const body = jsonBody(LIMIT);
      expect(Buffer.byteLength(body)).toBeGreaterThan(1024 * 1024);
      const json = await send('/plans/import?dryRun=true', body, 'application/json');
      expect({ status: json.status, problems: json.body.problems?.slice(0, 3), actions: json.body.creates?.actions }).toEqual({
        status: 200,
        problems: [],
        actions: LIMIT,
      });
      const csv = await send(csvPath(true), csvBody(LIMIT), 'text/csv');
      expect({ status: csv.status, problems: csv.body.problems?.slice(0, 3), actions: csv.body.creates?.actions }).toEqual({
        status: 200,
        problems: [],
        actions: LIMIT,
      });
    }, 120_000);

    it('answers one row more, as JSON or CSV, with a 413 saying an import takes at most 10,000 rows', async () => {
      const before = await plans();
      for (const dryRun of [true, false]) {
        await tooLarge(
          await send(`/plans/import?dryRun=${dryRun}`, jsonBody(LIMIT + 1), 'application/json'),
          'IMPORT.TOO_LARGE',
          /10,001 rows: an import takes at most 10,000 rows and 10 MB/,
        );
        await tooLarge(
          await send(csvPath(dryRun), csvBody(LIMIT + 1), 'text/csv'),
          'IMPORT.TOO_LARGE',
          /10,001 rows: an import takes at most 10,000 rows and 10 MB/,
        );
      }
      expect(await plans()).toBe(before);
    }, 120_000);

    it('answers a body over 10 MB, as JSON, CSV or xlsx, with a 413 naming the limit', async () => {
      const before = await plans();
      const over = 10 * 1024 * 1024 + 1;
      const json = jsonBody(1);
      const padded = Buffer.from(json.replace('"rows":', `"padding":"${'z'.repeat(over - json.length)}","rows":`));
      expect(padded.length).toBeGreaterThan(10 * 1024 * 1024);
      await tooLarge(await send('/plans/import?dryRun=true', padded, 'application/json'), 'REQUEST.TOO_LARGE', /larger than the 10 MB/);
      for (const type of ['text/csv', XLSX])
        await tooLarge(await send(importPath(false), Buffer.alloc(over, 'a'), type), 'REQUEST.TOO_LARGE', /larger than the 10 MB/);
      expect(await plans()).toBe(before);
    });
  });
});
