import { join } from 'node:path';
import { actionStream, panelStream, planStream, readTargetDate, type Owner } from '@actionplans/domain';
import { NO_STREAM, SqliteEventStore, type EventStore, type EventToAppend } from '@actionplans/event-store';
import { describeWithPostgres, dropSchemas, tempDir } from '@actionplans/testing';
import { planEvents } from '../my-work/my-work.fixture';
import { PlanIndex } from '../plan-index';
import { openReadModelDb, type ReadModelDb, type ReadModelDbOptions } from '../sql/read-model-db';
import { replayReadModels } from '../sql/replay';
import { PanelMeetingsQuery } from './panel-meetings.query';

const DAY = 86_400_000;
/** The meetings are dated around a fixed "today", so which are past does not depend on the clock. */
const TODAY = '2026-03-10';
const day = (n: number) => new Date(Date.parse(TODAY) + n * DAY).toISOString().slice(0, 10);

const manager = { actor: { id: 'u-manager', role: 'plan manager' } };
const owner = { actor: { id: 'u-owner', role: 'action owner' } };
const event = (type: string, data: unknown, metadata: EventToAppend['metadata'] = manager): EventToAppend => ({ type, data, metadata });
const person = (userId: string): Owner => ({ kind: 'person', name: userId, userId });

const raised = (planId: string, actionId: string, reference: string) =>
  event('ActionRaised', {
    actionId,
    planId,
    groupingId: `${planId}-g`,
    references: [reference],
    description: `Action ${reference}`,
    leadOwners: [person('u-owner')],
    supportingOwners: [],
    targetDate: readTargetDate('2026-06-30'),
    evidenceRequired: null,
  });
const submitted = event('SubmittedForSignOff', { evidenceIds: [], note: '', answers: {} }, owner);
/** The panel's decision as the panel process carries it to the action. */
const outcome = (panelId: string, result: string) =>
  event(
    'PanelOutcomeRecorded',
    { panelId, decisionId: `${panelId}-${result}`, outcome: result, rationale: 'Considered', challengePoints: [] },
    { actor: { id: 'evidence-panel', role: 'system' } },
  );

const scheduled = (panelId: string, planId: string, date: string, members: string[]) =>
  event('PanelScheduled', { panelId, planId, title: `Evidence challenge panel ${date}`, date, chair: 'u-chair', members });
const tabled = (actionId: string) => event('ActionTabled', { actionId, references: [], submittedVersion: 2 });
const attendance = (present: string[]) => event('AttendanceRecorded', { present });
const decided = (panelId: string, actionId: string, outcome: string) =>
  event('PanelDecisionRecorded', {
    decisionId: `${panelId}-${actionId}`,
    actionId,
    outcome,
    rationale: 'Considered',
    challengePoints: outcome === 'more evidence required' ? ['Show the re-audit'] : [],
    deferredTo: null,
    present: ['u-chair', 'u-member'],
    countedTowardsQuorum: ['u-chair', 'u-member'],
    evidenceConsidered: [],
    decidedBy: 'u-chair',
  });

/**
 * Two plans; five meetings of the first around today (one today, one with no agenda, one whose
 * attendance was recorded but nothing decided, one that decided all three ways), one of the
 * second, and one of a plan the index has never seen. The first plan's actions are open, waiting
 * for sign-off, deferred, signed off and sent back for more evidence.
 */
async function writeMeetings(store: EventStore): Promise<void> {
  await store.append(planStream('pm-plan'), planEvents('pm-plan', 'YOT HMIP Inspection Action Plan', true), NO_STREAM);
  await store.append(planStream('pm-other'), planEvents('pm-other', 'SEND Written Statement of Action', true), NO_STREAM);
  const actions: Array<[string, EventToAppend[]]> = [
    ['pm-open', [raised('pm-plan', 'pm-open', '1.1')]],
    ['pm-waiting-2', [raised('pm-plan', 'pm-waiting-2', '1.2'), submitted, outcome('pm-long-ago', 'deferred')]],
    ['pm-signed', [raised('pm-plan', 'pm-signed', '1.3'), submitted, outcome('pm-long-ago', 'signed off')]],
    ['pm-waiting-1', [raised('pm-plan', 'pm-waiting-1', '1.4'), submitted]],
    ['pm-back', [raised('pm-plan', 'pm-back', '1.5'), submitted, outcome('pm-long-ago', 'more evidence required')]],
    ['pm-elsewhere', [raised('pm-other', 'pm-elsewhere', '2.1'), submitted]],
  ];
  for (const [actionId, events] of actions) await store.append(actionStream(actionId), events, NO_STREAM);
  const meetings: Array<[string, EventToAppend[]]> = [
    ['pm-soon', [scheduled('pm-soon', 'pm-plan', day(7), ['u-member']), tabled('pm-waiting-1'), tabled('pm-waiting-2')]],
    ['pm-today', [scheduled('pm-today', 'pm-plan', TODAY, ['u-member']), tabled('pm-waiting-1')]],
    ['pm-empty', [scheduled('pm-empty', 'pm-plan', day(30), ['u-member', 'u-guest'])]],
    [
      'pm-long-ago',
      [
        scheduled('pm-long-ago', 'pm-plan', day(-60), ['u-member']),
        tabled('pm-signed'),
        tabled('pm-back'),
        tabled('pm-waiting-2'),
        attendance(['u-chair', 'u-member']),
        decided('pm-long-ago', 'pm-signed', 'signed off'),
        decided('pm-long-ago', 'pm-back', 'more evidence required'),
        decided('pm-long-ago', 'pm-waiting-2', 'deferred'),
      ],
    ],
    ['pm-yesterday', [scheduled('pm-yesterday', 'pm-plan', day(-1), ['u-member']), tabled('pm-waiting-1'), attendance(['u-chair'])]],
    ['pm-send', [scheduled('pm-send', 'pm-other', day(-5), ['u-member']), tabled('pm-elsewhere')]],
    ['pm-orphan', [scheduled('pm-orphan', 'pm-unknown', day(14), [])]],
  ];
  for (const [panelId, events] of meetings) await store.append(panelStream(panelId), events, NO_STREAM);
}

function describeMeetings(name: string, options: (dir: string) => ReadModelDbOptions) {
  describe(`panel meetings, from report tables on ${name}`, () => {
    const dir = tempDir('panel-meetings');
    let readModels: ReadModelDb;
    let query: PanelMeetingsQuery;

    beforeAll(async () => {
      const store = new SqliteEventStore({ file: join(dir.path, 'events.db') });
      await writeMeetings(store);
      readModels = await openReadModelDb(options(dir.path));
      await replayReadModels(store, readModels);
      const plans = new PlanIndex();
      for (const recorded of await store.readAll(0, 10_000)) plans.apply(recorded);
      await store.close();
      query = new PanelMeetingsQuery(readModels, plans);
    });
    afterAll(async () => {
      await readModels?.close();
      dir.remove();
    });

    it("lists meetings still to come, today's included, soonest first, and those held, latest first", async () => {
      const { upcoming, past } = await query.meetings(TODAY);
      expect(upcoming.map((line) => [line.panelId, line.date])).toEqual([
        ['pm-today', TODAY],
        ['pm-soon', day(7)],
        ['pm-orphan', day(14)],
        ['pm-empty', day(30)],
      ]);
      expect(past.map((line) => [line.panelId, line.date])).toEqual([
        ['pm-yesterday', day(-1)],
        ['pm-send', day(-5)],
        ['pm-long-ago', day(-60)],
      ]);
    });

    it('moves a meeting from upcoming to past on the day after it', async () => {
      const tomorrow = await query.meetings(day(1));
      expect(tomorrow.upcoming.map((line) => line.panelId)).not.toContain('pm-today');
      expect(tomorrow.past[0].panelId).toBe('pm-today');
    });

    it('counts the agenda of each meeting and how much of it has been decided, whatever the decision', async () => {
      const { upcoming, past } = await query.meetings(TODAY);
      const counts = Object.fromEntries([...upcoming, ...past].map((line) => [line.panelId, [line.tabled, line.decided]]));
      expect(counts).toEqual({
        'pm-today': [1, 0],
        'pm-soon': [2, 0],
        'pm-orphan': [0, 0],
        'pm-empty': [0, 0],
        // Attendance recorded is not a decision.
        'pm-yesterday': [1, 0],
        'pm-send': [1, 0],
        // Signed off, more evidence required and deferred each count as decided.
        'pm-long-ago': [3, 3],
      });
    });

    it("names each meeting's plan, title, chair and date; a plan the index does not know is named by its id", async () => {
      const { upcoming, past } = await query.meetings(TODAY);
      expect(past.find((line) => line.panelId === 'pm-send')).toEqual({
        panelId: 'pm-send',
        planId: 'pm-other',
        planTitle: 'SEND Written Statement of Action',
        title: `Evidence challenge panel ${day(-5)}`,
        date: day(-5),
        chair: 'u-chair',
        tabled: 1,
        decided: 0,
      });
      expect(upcoming.find((line) => line.panelId === 'pm-soon')?.planTitle).toBe('YOT HMIP Inspection Action Plan');
      expect(upcoming.find((line) => line.panelId === 'pm-orphan')).toMatchObject({ planId: 'pm-unknown', planTitle: 'pm-unknown' });
    });

    it("offers for an agenda only the plan's actions waiting for sign-off (a deferred one still waits), in the order raised", async () => {
      expect(await query.submittedActions('pm-plan')).toEqual([
        { actionId: 'pm-waiting-2', references: ['1.2'], description: 'Action 1.2' },
        { actionId: 'pm-waiting-1', references: ['1.4'], description: 'Action 1.4' },
      ]);
      expect(await query.submittedActions('pm-other')).toEqual([
        { actionId: 'pm-elsewhere', references: ['2.1'], description: 'Action 2.1' },
      ]);
      expect(await query.submittedActions('pm-unknown')).toEqual([]);
    });

    it('is empty when no meeting has been scheduled', async () => {
      const fresh = await openReadModelDb(options(join(dir.path, 'empty')));
      try {
        expect(await new PanelMeetingsQuery(fresh, new PlanIndex()).meetings(TODAY)).toEqual({ upcoming: [], past: [] });
      } finally {
        await fresh.close();
      }
    });
  });
}

describeMeetings('SQLite', (dir) => ({ dialect: 'sqlite', dataDir: dir }));

describeWithPostgres('panel meetings on PostgreSQL', (url) => {
  const schemas: string[] = [];
  afterAll(() => dropSchemas(url, ...schemas));
  describeMeetings('PostgreSQL', () => {
    const schema = `panel_meetings_${process.pid}_${schemas.length}`;
    schemas.push(schema);
    return { dialect: 'postgres', databaseUrl: url, schema };
  });
});
