import { CommandBus } from '@nestjs/cqrs';
import { actionStream, DomainError, planStream } from '@actionplans/domain';
import { actionView, planAsAt, planState } from '@actionplans/read-models';
import { hmip } from '../hmip-sheet.fixture';
import { xlsxSheets } from '../xlsx-sheet';
import { HMIP_PAPER, hmipFile, hmipRequest, importApp, manager, rowOf, sheetRowOf } from './import-app.fixture';
import { ImportIds } from './import-ids';
import { ImportInvalidError, ImportRefusedError } from './plan-importer';

const request = hmipRequest();
const context = { today: '2021-07-15', warningDays: 14, labels: {} };

describe('committing an imported plan on the command bus', () => {
  let world: Awaited<ReturnType<typeof importApp>>;
  const ids = new ImportIds(hmip.plan.title);
  const actionIds = () =>
    hmip.rows.map((row, i) => ids.action(hmip.rows.slice(0, i).some((r) => r.id === row.id) ? `${row.id}#2` : row.id));
  const view = async (reference: string) => actionView(await world.store.readStream(actionStream(ids.action(reference))), context)!;

  beforeAll(async () => {
    world = await importApp('plan-import');
  });
  afterAll(() => world.stop());

  it('stores the plan in draft, its groupings, 65 actions, 19 duplicates, the progress and 45 sign-offs from the paper', async () => {
    const sheet = await xlsxSheets.read(await hmipFile());
    const dry = await world.importer.dryRun({ sheet }, request);
    const outcome = await world.importer.commit({ sheet }, request, manager);
    expect(outcome.planId).toBe(ids.planId);
    expect(dry.sends).toEqual(outcome.stored);
    expect(outcome.stored).toMatchObject({
      CreatePlan: 1,
      AddGrouping: 25,
      RaiseAction: 65,
      LinkAction: outcome.report.creates.links,
      RecordSignOffFromPaper: 45,
    });
    expect(outcome.stored.UpdateProgress).toBe(hmip.rows.filter((row) => row.progress_update).length);
    const plan = await world.store.readStream(planStream(ids.planId));
    expect(planState(plan).state.stage).toBe('draft');
    expect(plan.every((event) => event.metadata.correlationId === `import:${outcome.importId}`)).toBe(true);
    const duplicate = await view('9.1');
    expect(duplicate.status.status).toBe('duplicate');
    expect(duplicate.links).toEqual([
      { kind: 'duplicate of', targetActionId: ids.action('1.1'), note: expect.stringMatching(/DUPLICATE/) },
    ]);
    // The paper's sign-offs are proposed: complete only once a second plan manager confirms them (ADR 33).
    expect([(await view('1.1')).stage, (await view('1.1')).proposedSignOff?.kind]).toEqual(['open', 'from paper']);
    expect(await world.confirmSignOffs(ids.planId, actionIds())).toBe(45);
    const first = await view('1.1');
    expect(first.leadOwners).toEqual([{ kind: 'person', name: 'Chair of the YOT Management Board', userId: expect.any(String) }]);
    expect(first.progress).toEqual([
      expect.objectContaining({ asOf: '2021-07-15', commentary: expect.stringMatching(/^Complete -Extraordinary Board Meeting/) }),
    ]);
    expect([first.stage, first.signedOffFromPaper?.source]).toEqual(['complete', HMIP_PAPER.source]);
    expect((await view('2.3')).rating).toMatchObject({ category: 'on-track' });
  });

  it('dates the plan and its actions from the submission day, progress and sign-offs from the paper, each naming it and the import', async () => {
    const effective = (events: Awaited<ReturnType<typeof world.store.readStream>>) =>
      events.map((event) => [event.type, event.metadata.occurredAt.slice(0, 10), event.metadata.source]);
    const paper = `${HMIP_PAPER.source} (import ${(await world.importer.commit({ sheet: await xlsxSheets.read(await hmipFile()) }, request, manager)).importId})`;
    expect(effective(await world.store.readStream(planStream(ids.planId)))[0]).toEqual(['PlanCreated', '2021-01-11', paper]);
    expect(effective(await world.store.readStream(actionStream(ids.action('1.1'))))).toEqual([
      ['ActionRaised', '2021-01-11', paper],
      ['ProgressUpdated', '2021-07-15', paper],
      ['SignOffProposed', '2021-07-15', paper],
      ['SignOffConfirmed', expect.any(String), undefined],
      ['SignOffRecordedFromPaper', '2021-07-15', paper],
    ]);
  });

  it("shows the plan on the effective basis from 11 January 2021, and on the rating basis the paper's counts on its date, none complete before", async () => {
    const { planEvents, actionStreams } = await world.streams(ids.planId, actionIds());
    const asAt = (day: string, basis: 'effective' | 'recorded', statusBasis: 'rating' | 'computed' = 'rating') =>
      planAsAt({ planEvents, actionStreams, asAt: day, basis, statusBasis });
    expect(asAt('2021-02-01', 'effective')?.plan.title).toBe(hmip.plan.title);
    expect(asAt('2021-02-01', 'recorded')).toBeNull();
    const rows = (summary: NonNullable<ReturnType<typeof asAt>>['summary']) => summary.byStatus.map((row) => [row.label, row.count]);
    const july = asAt('2021-07-15', 'effective')!.summary;
    expect([july.basis, july.counted, july.complete, july.notCounted.duplicate]).toEqual(['rating', 46, 45, 19]);
    expect(rows(july)).toEqual([
      ['Action may exceed original target date', 0],
      ['Action progressing and on track', 1],
      ['Action completed', 45],
      ['Action planned but not started', 0],
    ]);
    // Computed, 2.3 is four months past its March 2021 date: the engine does not take the paper's word for it.
    expect(rows(asAt('2021-07-15', 'effective', 'computed')!.summary)[0]).toEqual(['Action may exceed original target date', 1]);
    const january = asAt('2021-01-20', 'effective')!.summary;
    expect([january.counted, january.complete]).toEqual([46, 0]);
  });

  it('stores nothing when the same file is imported again, and its dry run says so', async () => {
    const head = await world.store.headPosition();
    const dry = await world.importer.dryRun({ sheet: await xlsxSheets.read(await hmipFile()) }, request);
    expect(dry).toMatchObject({ valid: true, sends: {} });
    const outcome = await world.importer.commit({ sheet: await xlsxSheets.read(await hmipFile()) }, request, manager);
    expect(outcome.stored).toEqual({});
    expect(await world.store.headPosition()).toBe(head);
  });

  it('records only the differences of an edited file, as amendments', async () => {
    const edited = await hmipFile((rows) => {
      rowOf(rows, '2.3')[2] = 'Training to be scheduled once the policy (2.2) is agreed';
      rowOf(rows, '2.3')[3] = 'Head of Service LAC';
      rowOf(rows, '2.3')[4] = 'Sep-21';
      rowOf(rows, '2.3')[5] = 'Policy agreed on 21 June 2021; training booked';
    });
    const amendments = { AmendAction: 1, ChangeOwners: 1, RequestTargetDateRevision: 1, ApproveTargetDateRevision: 1, UpdateProgress: 1 };
    // The dry run of an edited sheet names the amendments the commit then stores, not the whole plan again.
    expect((await world.importer.dryRun({ sheet: await xlsxSheets.read(edited) }, request)).sends).toEqual(amendments);
    const outcome = await world.importer.commit({ sheet: await xlsxSheets.read(edited) }, request, manager);
    expect(outcome.stored).toEqual(amendments);
    expect((await view('2.3')).targetDate).toMatchObject({ raw: 'Sep-21', due: '2021-09-30' });
    expect((await view('2.3')).originalTargetDate).toMatchObject({ raw: 'Mar-21' });
  });

  it('refuses, before storing anything, a change to an action the paper signed off, naming its row and column', async () => {
    const head = await world.store.headPosition();
    const edited = await hmipFile((rows) => {
      rowOf(rows, '2.3')[5] = 'Training delivered in August';
      rowOf(rows, '2.4')[3] = 'Head of Service LAC';
    });
    const problems = [{ code: 'IMPORT.ACTION_CLOSED', row: sheetRowOf('2.4'), column: 'D', header: 'Lead Action Owner' }];
    const sheet = await xlsxSheets.read(edited);
    expect(await world.importer.dryRun({ sheet }, request)).toMatchObject({ valid: false, problems });
    await expect(world.importer.commit({ sheet }, request, manager)).rejects.toMatchObject({ report: { problems } });
    expect(await world.store.headPosition()).toBe(head);
  });

  it('stores nothing at all from a sheet with a problem, and says what the problem is', async () => {
    const head = await world.store.headPosition();
    const broken = await hmipFile((rows) => {
      rowOf(rows, '2.5')[4] = '31.4.21';
      rowOf(rows, '1.1')[2] = 'A new description that would be an amendment';
    });
    const refused = world.importer.commit({ sheet: await xlsxSheets.read(broken) }, request, manager);
    await expect(refused).rejects.toThrow(ImportInvalidError);
    await expect(refused).rejects.toMatchObject({ report: { problems: [{ code: 'IMPORT.DATE_UNREADABLE', column: 'E' }] } });
    expect(await world.store.headPosition()).toBe(head);
  });

  it('refuses dates the effective-date rules would refuse: a plan begun after its paper, a paper from the future', async () => {
    const sheet = await xlsxSheets.read(await hmipFile());
    const late = world.importer.check({ sheet }, { ...hmipRequest('late'), createdOn: '2021-08-01' }, '2024-01-01T00:00:00.000Z');
    const ahead = world.importer.check({ sheet }, hmipRequest('ahead'), '2021-07-14T12:00:00.000Z');
    expect([late.valid, late.problems.map((p) => [p.column, p.code])]).toEqual([false, [['createdOn', 'IMPORT.DATE_OPTION_INVALID']]]);
    expect(ahead.problems.map((p) => [p.column, p.code])).toEqual([['paper.date', 'IMPORT.DATE_OPTION_INVALID']]);
  });

  it('names the row and column of a command refused mid-commit; the same sheet again finishes the import', async () => {
    const bus = world.app.get(CommandBus);
    const execute = bus.execute.bind(bus);
    const spy = jest.spyOn(bus, 'execute').mockImplementation(async (message) => {
      const body = (message as { body?: { type: string; commentary?: string } }).body;
      if (body?.type === 'UpdateProgress' && body.commentary?.startsWith('Once the policy (2.2)')) {
        throw new DomainError('ACTION.SIGNED_OFF', 'the action is signed off already');
      }
      return execute(message);
    });
    const sheet = await xlsxSheets.read(await hmipFile());
    const refused = await world.importer.commit({ sheet }, hmipRequest('retry'), manager).catch((error: unknown) => error);
    spy.mockRestore();
    expect(refused).toBeInstanceOf(ImportRefusedError);
    expect(refused).toMatchObject({
      problem: { row: sheetRowOf('2.3'), column: 'F', header: 'Progress Update', code: 'ACTION.SIGNED_OFF' },
    });
    const before = (refused as ImportRefusedError).stored;
    expect(before).toMatchObject({ CreatePlan: 1, AddGrouping: 25 });
    expect(before.RecordSignOffFromPaper).toBeUndefined();
    const finished = await world.importer.commit({ sheet }, hmipRequest('retry'), manager);
    const types = new Set([...Object.keys(before), ...Object.keys(finished.stored)]);
    const both = Object.fromEntries([...types].map((type) => [type, (before[type] ?? 0) + (finished.stored[type] ?? 0)]));
    expect(both).toEqual({
      CreatePlan: 1,
      AddGrouping: 25,
      RaiseAction: 65,
      UpdateProgress: hmip.rows.filter((row) => row.progress_update).length,
      LinkAction: finished.report.creates.links,
      RecordSignOffFromPaper: 45,
    });
  });
});
