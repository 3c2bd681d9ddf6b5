import { Global, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus, CqrsModule } from '@nestjs/cqrs';
import { Workbook } from 'exceljs';
import { join } from 'node:path';
import { COMMAND_LINE, UserDirectory } from '@actionplans/auth';
import { acting, AddUser, CommandsModule, EvidenceFiles } from '@actionplans/commands';
import { actionStream, planStream } from '@actionplans/domain';
import { EventStoreModule, SqliteEventStore } from '@actionplans/event-store';
import { actionView, LiveIndex, PlanIndex, planState } from '@actionplans/read-models';
import { tempDir } from '@actionplans/testing';
import { hmip, hmipSheetRows, hmipStatusLabels } from '../hmip-sheet.fixture';
import type { CellValue } from '../sheet';
import { xlsxSheets } from '../xlsx-sheet';
import { ImportIds } from './import-ids';
import { ImportInvalidError, PlanImporter, type ImportRequest } from './plan-importer';
import { ImportModule } from './import.module';

const manager = acting({ userId: 'u-manager', role: 'plan manager' });
const request: ImportRequest = {
  plan: {
    title: hmip.plan.title,
    kind: 'inspection',
    source: { body: 'HMIP', date: hmip.plan.source.published, judgement: 'Requires Improvement' },
  },
  paper: { date: '2021-07-15', source: 'YOT HMIP Inspection Action Plan, version 0.9 of 15 July 2021' },
  createdOn: hmip.plan.submitted.on,
  read: { statusLabels: hmipStatusLabels(), groupingKinds: { byDepth: ['recommendation'] } },
};

/** The HMIP plan as the council's xlsx file, written by exceljs, with `edit` applied to its rows first. */
async function hmipFile(edit: (rows: CellValue[][]) => void = () => {}): Promise<Buffer> {
  const rows = hmipSheetRows();
  edit(rows);
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet('Action plan');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
const rowOf = (rows: CellValue[][], reference: string) => rows.find((row) => row[1] === reference)!;

describe('committing an imported plan on the command bus', () => {
  const dir = tempDir('plan-import');
  let store: SqliteEventStore;
  let app: Awaited<ReturnType<typeof NestFactory.createApplicationContext>>;
  let importer: PlanImporter;
  let index: LiveIndex;
  const ids = new ImportIds(hmip.plan.title);

  beforeAll(async () => {
    store = new SqliteEventStore({ file: join(dir.path, 'events.db') });
    const users = new UserDirectory();
    const plans = new PlanIndex();
    index = new LiveIndex(store, [users, plans], { warn: () => {} });
    @Global()
    @Module({
      providers: [
        { provide: UserDirectory, useValue: users },
        { provide: PlanIndex, useValue: plans },
        { provide: LiveIndex, useValue: index },
        { provide: EvidenceFiles, useValue: { size: async () => null, mayRead: async () => false } },
      ],
      exports: [UserDirectory, PlanIndex, LiveIndex, EvidenceFiles],
    })
    class Readers {}
    app = await NestFactory.createApplicationContext(
      {
        module: class ImportSpecModule {},
        imports: [
          EventStoreModule.forStore(store),
          CqrsModule.forRoot({ rethrowUnhandled: true }),
          Readers,
          CommandsModule.forRoot(),
          ImportModule,
        ],
      },
      { logger: false },
    );
    await index.start();
    const chair = await app
      .get(CommandBus)
      .execute(new AddUser({ name: 'Chair of the YOT Management Board', role: 'action owner' }, acting(COMMAND_LINE)));
    expect(chair.userId).toBeDefined();
    await index.catchUpToHead(5_000);
    importer = app.get(PlanImporter);
  });
  afterAll(async () => {
    await index.stop();
    await app.close();
    dir.remove();
  });

  it('stores the plan in draft, its groupings, 65 actions, 19 duplicates and the progress, each event naming the import', async () => {
    const sheet = await xlsxSheets.read(await hmipFile());
    const outcome = await importer.commit({ sheet }, request, manager);
    expect(outcome.planId).toBe(ids.planId);
    expect(outcome.stored).toMatchObject({ CreatePlan: 1, AddGrouping: 25, RaiseAction: 65, LinkAction: outcome.report.creates.links });
    expect(outcome.stored.UpdateProgress).toBe(hmip.rows.filter((row) => row.progress_update).length);
    const plan = await store.readStream(planStream(ids.planId));
    expect(planState(plan).state.stage).toBe('draft');
    expect(plan.every((event) => event.metadata.correlationId === `import:${outcome.importId}`)).toBe(true);

    const duplicate = actionView(await store.readStream(actionStream(ids.action('9.1'))), {
      today: '2021-07-15',
      warningDays: 14,
      labels: {},
    })!;
    expect(duplicate.status.status).toBe('duplicate');
    expect(duplicate.links).toEqual([
      { kind: 'duplicate of', targetActionId: ids.action('1.1'), note: expect.stringMatching(/DUPLICATE/) },
    ]);
    const first = actionView(await store.readStream(actionStream(ids.action('1.1'))), {
      today: '2021-07-15',
      warningDays: 14,
      labels: {},
    })!;
    expect(first.leadOwners).toEqual([{ kind: 'person', name: 'Chair of the YOT Management Board', userId: expect.any(String) }]);
    expect(first.progress).toEqual([
      expect.objectContaining({ asOf: '2021-07-15', commentary: expect.stringMatching(/^Complete -Extraordinary Board Meeting/) }),
    ]);
  });

  it('stores nothing when the same file is imported again', async () => {
    const head = await store.headPosition();
    const outcome = await importer.commit({ sheet: await xlsxSheets.read(await hmipFile()) }, request, manager);
    expect(outcome.stored).toEqual({});
    expect(await store.headPosition()).toBe(head);
  });

  it('records only the differences of an edited file, as amendments', async () => {
    const edited = await hmipFile((rows) => {
      rowOf(rows, '2.3')[2] = 'Training to be scheduled once the policy (2.2) is agreed';
      rowOf(rows, '2.4')[3] = 'Head of Service LAC';
      rowOf(rows, '2.5')[4] = 'Sep-21';
      rowOf(rows, '9.2')[5] = 'Presented to the board on 21 June 2021';
    });
    const outcome = await importer.commit({ sheet: await xlsxSheets.read(edited) }, request, manager);
    expect(outcome.stored).toEqual({
      AmendAction: 1,
      ChangeOwners: 1,
      RequestTargetDateRevision: 1,
      ApproveTargetDateRevision: 1,
      UpdateProgress: 1,
    });
    const view = actionView(await store.readStream(actionStream(ids.action('2.5'))), { today: '2021-07-15', warningDays: 14, labels: {} })!;
    expect(view.targetDate).toMatchObject({ raw: 'Sep-21', due: '2021-09-30' });
    expect(view.originalTargetDate).toMatchObject({ raw: 'Mar-21' });
  });

  it('stores nothing at all from a sheet with a problem, and says what the problem is', async () => {
    const head = await store.headPosition();
    const broken = await hmipFile((rows) => {
      rowOf(rows, '2.5')[4] = '31.4.21';
      rowOf(rows, '1.1')[2] = 'A new description that would be an amendment';
    });
    const refused = importer.commit({ sheet: await xlsxSheets.read(broken) }, request, manager);
    await expect(refused).rejects.toThrow(ImportInvalidError);
    await expect(refused).rejects.toMatchObject({ report: { problems: [{ code: 'IMPORT.DATE_UNREADABLE', column: 'E' }] } });
    expect(await store.headPosition()).toBe(head);
  });
});
