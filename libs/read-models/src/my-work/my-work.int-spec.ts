import { join } from 'node:path';
import { SqliteEventStore } from '@actionplans/event-store';
import { describeWithPostgres, dropSchemas, tempDir } from '@actionplans/testing';
import { PlanIndex } from '../plan-index';
import { openReadModelDb, type ReadModelDb, type ReadModelDbOptions } from '../sql/read-model-db';
import { replayReadModels } from '../sql/replay';
import { WorkIndex } from '../work-index';
import { dayFromToday, WORK, writeWorkFixture } from './my-work.fixture';
import { MyWorkQuery } from './my-work.query';
import { BOARD, SECOND, writeSecondOfficerFixture } from './my-work.second-officer.fixture';

function describeMyWork(name: string, options: (dir: string) => ReadModelDbOptions) {
  describe(`my work, from report tables on ${name}`, () => {
    const dir = tempDir('my-work');
    let readModels: ReadModelDb;
    let query: MyWorkQuery;
    const today = dayFromToday(0);
    const workOf = (userId: string, role: 'action owner' | 'plan manager' | 'panel member' | 'admin' = 'action owner') =>
      query.of({ userId, role }, today);

    beforeAll(async () => {
      const store = new SqliteEventStore({ file: join(dir.path, 'events.db') });
      await writeWorkFixture(store);
      await writeSecondOfficerFixture(store);
      readModels = await openReadModelDb(options(dir.path));
      await replayReadModels(store, readModels);
      const plans = new PlanIndex();
      const work = new WorkIndex();
      for (const event of await store.readAll(0, 10_000)) for (const reader of [plans, work]) reader.apply(event);
      await store.close();
      query = new MyWorkQuery(readModels, plans, work);
    });
    afterAll(async () => {
      await readModels?.close();
      dir.remove();
    });

    it("lists the owner's actions overdue first, then due soon, awaiting an update, sent back, in hand and done; by date, then plan", async () => {
      const { actions, counts } = await workOf(WORK.owner);
      expect(actions.map((line) => [line.actionId, line.category, line.asks.map((ask) => ask.kind)])).toEqual([
        ['wk-overdue', 'overdue', ['overdue', 'awaiting update']],
        ['wk-soon', 'due soon', ['due soon', 'awaiting update']],
        ['wk-update', 'awaiting update', ['awaiting update']],
        ['wk-back', 'sent back', ['sent back']],
        ['wk-draft-1', 'in hand', []],
        ['wk-hand', 'in hand', []],
        ['wk-submitted', 'in hand', []],
        ['wk-done', 'done', []],
      ]);
      expect(counts).toEqual({ overdue: 1, 'due soon': 1, 'awaiting update': 1, 'sent back': 1, 'in hand': 3, done: 1 });
    });

    it('says what is asked, with the dates, the computed status and the meeting an update is for', async () => {
      const [overdue, soon, update, back] = (await workOf(WORK.owner)).actions;
      expect(overdue).toMatchObject({
        planId: 'wk-plan',
        planTitle: 'YOT HMIP Inspection Action Plan',
        references: ['1.1'],
        ownedAs: 'lead',
        targetDate: { due: dayFromToday(-10) },
        originalTargetDate: { due: dayFromToday(-10) },
        status: { status: 'off track', reason: `past its target date of ${dayFromToday(-10)}` },
        rating: null,
      });
      expect(overdue.asks[0].says).toBe(
        `past its target date of ${dayFromToday(-10)} by 10 days: report progress, ask for a new date or submit it for sign-off`,
      );
      expect(soon.asks[0].says).toBe(`due ${dayFromToday(5)}, in 5 days: submit it for sign-off, or ask for a new date`);
      expect(update.updateRequestedFor).toEqual({ kind: 'panel', id: 'wk-next', date: dayFromToday(3) });
      expect(update.asks[0].says).toBe(`a progress update is asked for before the panel meeting on ${dayFromToday(3)}`);
      expect(back).toMatchObject({ challengePoints: ['Show the re-audit'], latestProgress: { commentary: 'Work progressing' } });
      expect(back.asks[0].says).toMatch(
        /^the panel decided "more evidence required" on \d{4}-\d\d-\d\d: answer its 1 challenge point and submit it again$/,
      );
    });

    it('knows a supporting owner, and no longer lists an action whose owners changed', async () => {
      const { actions } = await workOf(WORK.owner);
      expect(actions.find((line) => line.actionId === 'wk-hand')?.ownedAs).toBe('supporting');
      expect(actions.map((line) => line.actionId)).not.toContain('wk-moved');
      expect((await workOf(WORK.other)).actions.map((line) => line.actionId).sort()).toEqual(['wk-hand', 'wk-moved', 'wk-others']);
    });

    it('lists the meetings someone sits on, upcoming first, with how much is tabled', async () => {
      expect((await workOf(WORK.member, 'panel member')).panels).toEqual([
        expect.objectContaining({ panelId: 'wk-next', date: dayFromToday(3), seat: 'member', tabled: 1, undecided: 1, upcoming: true }),
        expect.objectContaining({ panelId: 'wk-past', date: dayFromToday(-20), seat: 'member', tabled: 2, undecided: 0, upcoming: false }),
      ]);
      expect((await workOf(WORK.chair, 'panel member')).panels.map((panel) => [panel.panelId, panel.seat])).toEqual([
        ['wk-next', 'chair'],
        ['wk-past', 'chair'],
      ]);
      expect((await workOf(WORK.owner)).panels).toEqual([]);
    });

    it("gives the plan's manager the revisions waiting for approval, and nobody else", async () => {
      const { revisions } = await workOf(WORK.manager, 'plan manager');
      expect(revisions).toEqual([
        expect.objectContaining({
          revisionId: 'wk-rev',
          actionId: 'wk-hand',
          planTitle: 'YOT HMIP Inspection Action Plan',
          targetDate: expect.objectContaining({ due: dayFromToday(100) }),
          proposed: expect.objectContaining({ due: dayFromToday(200) }),
          reason: 'Auditors booked late',
          requestedBy: WORK.owner,
        }),
      ]);
      expect((await workOf(WORK.owner)).revisions).toEqual([]);
      expect((await workOf(WORK.other, 'admin')).revisions).toEqual([]);
    });

    it('is empty, every count shown, for someone with no work', async () =>
      expect(await workOf('u-nobody')).toEqual({
        userId: 'u-nobody',
        today,
        actions: [],
        counts: { overdue: 0, 'due soon': 0, 'awaiting update': 0, 'sent back': 0, 'in hand': 0, done: 0 },
        panels: [],
        revisions: [],
        signOffsToConfirm: [],
        signOffsProposed: [],
        decisionEntries: [],
        approvalsToClose: [],
      }));

    describe('what waits for a second officer (ADR 33)', () => {
      const signOffs = (groups: Array<{ planId: string; count: number; signOffs: Array<{ actionId: string }> }>) =>
        groups.map((group) => [group.planId, group.count, group.signOffs.map((signOff) => signOff.actionId)]);

      it('asks a second plan manager or an admin to confirm sign-offs, by plan, never an owner or the submitter', async () => {
        expect(signOffs((await workOf(SECOND.admin, 'admin')).signOffsToConfirm)).toEqual([
          ['wk-plan', 4, ['so-paper', 'so-owned', 'so-submitted', 'so-by-deputy']],
        ]);
        // The deputy owns so-owned and submitted so-submitted, and proposed so-by-deputy.
        expect(signOffs((await workOf(SECOND.deputy, 'plan manager')).signOffsToConfirm)).toEqual([['wk-plan', 1, ['so-paper']]]);
        const [group] = (await workOf(WORK.manager, 'plan manager')).signOffsToConfirm;
        expect(group).toEqual({
          planId: 'wk-plan',
          planTitle: 'YOT HMIP Inspection Action Plan',
          count: 1,
          signOffs: [
            {
              actionId: 'so-by-deputy',
              references: ['2.6'],
              description: 'Action 2.6',
              kind: 'from paper',
              proposedBy: SECOND.deputy,
              proposedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
            },
          ],
        });
      });

      it('tells the proposer which of their proposals still wait, and asks nobody else who does not manage plans', async () => {
        const manager = await workOf(WORK.manager, 'plan manager');
        expect(signOffs(manager.signOffsProposed)).toEqual([['wk-plan', 3, ['so-paper', 'so-owned', 'so-submitted']]]);
        expect(manager.signOffsProposed[0].signOffs.map((signOff) => signOff.kind)).toEqual(['from paper', 'from paper', 'delegated body']);
        expect(signOffs((await workOf(SECOND.deputy, 'plan manager')).signOffsProposed)).toEqual([['wk-plan', 1, ['so-by-deputy']]]);
        for (const [userId, role] of [
          [SECOND.lead, 'action owner'],
          [WORK.chair, 'panel member'],
        ] as const)
          expect(await workOf(userId, role)).toMatchObject({ signOffsToConfirm: [], signOffsProposed: [] });
      });

      it('asks the member named as taking an entered decision, and plan managers but whoever entered it, to confirm it', async () => {
        const entries = async (userId: string, role: Parameters<typeof workOf>[1]) =>
          (await workOf(userId, role)).decisionEntries.map((entry) => [entry.actionId, entry.takenByYou]);
        expect(await entries(SECOND.minutesChair, 'panel member')).toEqual([
          ['en-entered', true],
          ['en-owned', true],
        ]);
        expect(await entries(SECOND.admin, 'admin')).toEqual([
          ['en-entered', false],
          ['en-owned', false],
        ]);
        // The deputy owns en-owned; the manager entered them; the other member was not named.
        expect(await entries(SECOND.deputy, 'plan manager')).toEqual([['en-entered', false]]);
        expect(await entries(WORK.manager, 'plan manager')).toEqual([]);
        expect(await entries(SECOND.minutesMember, 'panel member')).toEqual([]);
        expect(await entries(SECOND.lead, 'action owner')).toEqual([]);
        expect((await workOf(SECOND.minutesChair, 'panel member')).decisionEntries[0]).toMatchObject({
          panelId: 'wk-minutes',
          decisionId: 'en-entered-d',
          meetingTitle: 'Evidence challenge panel (minuted)',
          meetingDate: dayFromToday(-7),
          planId: 'wk-plan',
          references: ['3.1'],
          outcome: 'signed off',
          decidedBy: SECOND.minutesChair,
          enteredBy: WORK.manager,
        });
      });
    });

    it("gives the plan's managers the actions signed off and awaiting the board's approval to close, but none they own", async () => {
      const approvals = async (userId: string, role: Parameters<typeof workOf>[1]) =>
        (await workOf(userId, role)).approvalsToClose.map((plan) => [
          plan.planId,
          plan.body,
          plan.count,
          plan.actions.map((a) => a.actionId),
        ]);
      expect(await approvals(WORK.manager, 'plan manager')).toEqual([['wk-board', BOARD, 3, ['ap-paper', 'ap-panel', 'ap-owned']]]);
      // A deputy who recorded on the plan manages it too (ADR 32); an admin who never worked on it is not asked.
      expect(await approvals(SECOND.deputy, 'plan manager')).toEqual([['wk-board', BOARD, 2, ['ap-paper', 'ap-panel']]]);
      expect(await approvals(SECOND.admin, 'admin')).toEqual([]);
      expect(await approvals(SECOND.lead, 'action owner')).toEqual([]);
      const [plan] = (await workOf(WORK.manager, 'plan manager')).approvalsToClose;
      expect(plan).toMatchObject({
        planTitle: 'SEND Written Statement of Action',
        actions: [{ references: ['4.1'], description: 'Action 4.1' }, {}, {}],
      });
    });
  });
}

describeMyWork('SQLite', (dir) => ({ dialect: 'sqlite', dataDir: dir }));

describeWithPostgres('my work on PostgreSQL', (url) => {
  const schema = `my_work_${process.pid}`;
  afterAll(() => dropSchemas(url, schema));
  describeMyWork('PostgreSQL', () => ({ dialect: 'postgres', databaseUrl: url, schema }));
});
