import Database from 'better-sqlite3';
import { join } from 'node:path';
import { COMMAND_LINE } from '@actionplans/auth';
import { acting, addUser, CommandRunner } from '@actionplans/commands';
import { NO_STREAM, SqliteEventStore } from '@actionplans/event-store';
import { tempDir, writePlanScenario } from '@actionplans/testing';
import { parseBundle, type AuditBundle } from './audit-bundle';
import { PlanIndex } from '../plan-index';
import { auditBundleFile } from './plan-audit';
import { exportKnownPlanAudit, exportPlanAudit } from './plan-audit-export';
import { compareWithStore, describeBundleCheck, describeStoreComparison, verifyBundle } from './verify-bundle';

const exportedBy = { tool: 'actionplans', version: 'test' };

describe("a plan's audit bundle, from a SQLite store", () => {
  const dir = tempDir('audit-export');
  let store: SqliteEventStore;
  let bundle: AuditBundle;
  const people = ['u-manager', 'u-training', 'u-chair', 'u-ian', 'u-lead', 'u-measure', 'u-unmailed'];
  const manager = { actor: { id: 'u-manager', role: 'plan manager' } };

  beforeAll(async () => {
    store = new SqliteEventStore({ file: join(dir.path, 'events.db') });
    for (const userId of [...people, 'u-bystander'])
      await addUser(new CommandRunner(store), { name: userId, role: 'action owner' }, acting(COMMAND_LINE), userId);
    await writePlanScenario(store, 'hmip');
    await writePlanScenario(store, 'send');
    // An action whose lead owner never acts on it: named only by being its owner.
    const owned = {
      actionId: 'hmip-2.5',
      planId: 'hmip',
      leadOwners: [{ kind: 'person', name: 'Lead', userId: 'u-lead' }],
      supportingOwners: [],
    };
    await store.append('action-hmip-2.5', [{ type: 'ActionRaised', data: owned, metadata: manager }], NO_STREAM);
    await writeMeasuresAndPacks(store, manager);
    await writeStandingPanelMeetings(store, manager);
    bundle = (await exportPlanAudit(store, 'hmip', { exportedAt: new Date('2021-04-01T00:00:00Z'), exportedBy, pageSize: 7 }))!;
  });
  afterAll(async () => {
    await store.close();
    dir.remove();
  });

  it('holds the plan, its actions, panel, measure and pack register, and the people who acted or are named, not another plan or a bystander', () => {
    const listed = Object.entries(bundle.manifest.streams).map(([stream, { kind }]) => `${kind} ${stream}`);
    expect(listed).toEqual([
      'plan plan-hmip',
      'action action-hmip-2.1',
      'action action-hmip-2.2',
      'action action-hmip-2.3',
      'action action-hmip-2.4',
      'action action-hmip-2.5',
      'panel panel-hmip-panel',
      // A standing panel's meetings, scheduled under send, that tabled hmip's actions; not the one that tabled only send's.
      'panel panel-standing-june',
      'panel panel-standing-july',
      'measure measure-hmip-m1',
      'pack register packs-hmip',
      // u-measure owns the measure, and a scheduled pack could not reach u-unmailed: each is named nowhere else.
      ...['u-manager', 'u-training', 'u-chair', 'u-ian', 'u-lead', 'u-measure', 'u-unmailed'].map((id) => `user user-${id}`),
    ]);
    // The plan's notification channels hold sealed webhook addresses: they stay out.
    expect(bundle.events.some((event) => event.stream.startsWith('notification-channels-'))).toBe(false);
    expect(bundle.events.filter((event) => event.stream === 'measure-hmip-m1').map((event) => event.type)).toEqual([
      'MeasureDefined',
      'ActualRecorded',
      'ActualRestated',
    ]);
    // Every event of the register, whatever its type, and only this plan's.
    expect(bundle.events.filter((event) => event.stream === 'packs-hmip').map((event) => event.data)).toEqual([
      expect.objectContaining({ packId: 'pack-1' }),
      expect.objectContaining({ packId: 'pack-3', scheduled: { daysBefore: 7 } }),
      expect.objectContaining({ packId: 'pack-3', notReached: [{ userId: 'u-unmailed', why: 'no email address' }] }),
    ]);
    // The panel process acts as a system actor with no user stream: said so rather than left unexplained.
    expect(bundle.manifest.userIdsWithoutStream).toEqual(['evidence-panel', 'pack-schedule']);
    expect(bundle.manifest).toMatchObject({
      plan: { id: 'hmip', title: 'YOT HMIP Inspection Action Plan' },
      exportedAt: '2021-04-01T00:00:00.000Z',
      exportedBy,
    });
  });

  it("holds a standing panel's meeting from before it tabled the plan's action, as the plan index counts it", () => {
    expect(bundle.events.filter((event) => event.stream === 'panel-standing-june').map((event) => event.type)).toEqual([
      'PanelScheduled',
      'ActionTabled',
      'ActionTabled',
    ]);
  });

  it('holds every event of those streams, with full metadata, in position order, counted and anchored in the manifest', async () => {
    for (const [stream, anchor] of Object.entries(bundle.manifest.streams)) {
      const stored = await store.readStream(stream);
      expect(bundle.events.filter((event) => event.stream === stream)).toEqual(stored);
      expect(anchor).toMatchObject({ events: stored.length, headHash: stored.at(-1)!.metadata.hash });
    }
    const positions = bundle.events.map((event) => event.position);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(bundle.manifest.eventCount).toBe(bundle.events.length);
    expect(bundle.manifest.source).toEqual({ eventStore: 'sqlite', upToPosition: await store.headPosition() });
  });

  it('verifies as written to a file and read back', () => {
    const check = verifyBundle(parseBundle(JSON.stringify(bundle, null, 2)));
    expect(describeBundleCheck(check)).toBe(`ok: ${bundle.events.length} events in 18 streams, head hashes match the manifest`);
  });

  it('is nothing for a plan that does not exist', async () => {
    expect(await exportPlanAudit(store, 'no-such-plan', { exportedAt: new Date(), exportedBy })).toBeNull();
  });

  it('is the same bundle read stream by stream, from what an in-memory index knows of the plan', async () => {
    const plans = new PlanIndex();
    for (const event of await store.readAll(0, 100_000)) plans.apply(event);
    const { actionIds, panelIds, measureIds } = plans.entry('hmip')!;
    const known = { upToPosition: await store.headPosition(), actionIds, panelIds, measureIds };
    const options = { exportedAt: new Date('2021-04-01T00:00:00Z'), exportedBy };
    expect(await exportKnownPlanAudit(store, 'hmip', known, options)).toEqual(bundle);
    expect(
      await exportKnownPlanAudit(
        store,
        'no-such-plan',
        { upToPosition: known.upToPosition, actionIds: [], panelIds: [], measureIds: [] },
        options,
      ),
    ).toBeNull();
  });

  it('is written as pretty-printed JSON, named for its plan and when it was exported', () => {
    const file = auditBundleFile(bundle);
    expect(file.fileName).toBe('plan-hmip-audit-20210401T000000Z.json');
    expect(file.text).toBe(`${JSON.stringify(bundle, null, 2)}\n`);
  });

  it('matches the store it came from, which may have grown since', async () => {
    await store.append(
      'action-hmip-2.3',
      [
        {
          type: 'ProgressUpdated',
          data: { commentary: 'Workshops held' },
          metadata: { actor: { id: 'u-training', role: 'action owner' } },
        },
      ],
      'any',
    );
    expect(describeStoreComparison(await compareWithStore(bundle, store))).toBe(
      'the store holds the same history for all 18 streams; 1 of them has events recorded since the export (action-hmip-2.3)',
    );
  });

  it("shows when the store's history no longer matches the bundle's", async () => {
    const other = new SqliteEventStore({ file: join(dir.path, 'other.db') });
    await other.append('plan-hmip', [{ type: 'PlanCreated', data: { planId: 'hmip' }, metadata: manager }], NO_STREAM);
    expect(describeStoreComparison(await compareWithStore(bundle, other))).toMatch(
      /^the store does not match the bundle at stream plan-hmip version \d+: the store holds 1 events, the bundle \d+: events were removed from the store since the export$/,
    );
    await other.close();

    const raw = new Database(join(dir.path, 'events.db'));
    raw.prepare(`UPDATE events SET data = '{"commentary":"Action completed"}' WHERE stream = 'action-hmip-2.2' AND version = 2`).run();
    raw.close();
    expect(describeStoreComparison(await compareWithStore(bundle, store))).toMatch(
      /^the store does not match the bundle at stream action-hmip-2\.2 version 2 \(position \d+\): in the store: the event does not match its hash/,
    );
  });
});

/**
 * An impact measure of each plan, one of hmip's figures recorded provisionally and restated; two
 * packs issued of hmip and one of send; and hmip's notification channel, its address sealed.
 */
async function writeMeasuresAndPacks(store: SqliteEventStore, manager: { actor: { id: string; role: string } }) {
  const defined = (measureId: string, planId: string, owner: object) => ({
    measureId,
    planId,
    name: 'EHC plans audited rated good or better',
    unit: '%',
    direction: 'higher',
    baseline: { value: 52.5, date: '2021-06-01' },
    targets: [{ value: 75, by: '2023-06-30' }],
    tolerance: { amberWithin: 5 },
    frequency: 'quarterly',
    source: 'EHCP audit',
    owner,
    groupingIds: [],
    actionIds: [],
  });
  const figure = { period: '2023-03', periodEnd: '2023-03-31', value: 61.2, provisional: true, note: null };
  const restated = { period: '2023-03', value: 58, provisional: false, note: null, reason: 're-run retrospectively', replaces: figure };
  const owner = { kind: 'person', name: 'Measure owner', userId: 'u-measure' };
  await store.append(
    'measure-hmip-m1',
    [
      { type: 'MeasureDefined', data: defined('hmip-m1', 'hmip', owner), metadata: manager },
      { type: 'ActualRecorded', data: figure, metadata: manager },
      { type: 'ActualRestated', data: restated, metadata: manager },
    ],
    NO_STREAM,
  );
  const other = defined('send-m1', 'send', { kind: 'team', name: 'SEND' });
  await store.append('measure-send-m1', [{ type: 'MeasureDefined', data: other, metadata: manager }], NO_STREAM);
  const meeting = { name: 'Improvement Board', date: '2022-06-14' };
  const issued = (packId: string, planId: string, scheduled?: object) => ({
    type: 'PackIssued',
    data: {
      packId,
      planId,
      inputs: { asAt: '2022-06-10', basis: 'computed', compareWith: null, exceptionsOnly: false, meeting, upTo: 1 },
      hash: 'ab'.repeat(32),
      meeting: { panelId: null, board: meeting.name, date: meeting.date },
      ...(scheduled ? { scheduled } : {}),
    },
    metadata: manager,
  });
  await store.append('packs-hmip', [issued('pack-1', 'hmip')], NO_STREAM);
  await store.append('packs-send', [issued('pack-2', 'send')], NO_STREAM);
  // A scheduled pack, made and mailed by the engine (ADR 37).
  const engine = { actor: { id: 'pack-schedule', role: 'system' } };
  const sent = {
    packId: 'pack-3',
    to: [{ userId: 'u-manager', email: 'u-manager@council.example' }],
    notReached: [{ userId: 'u-unmailed', why: 'no email address' }],
    pdf: false,
  };
  await store.append(
    'packs-hmip',
    [
      { ...issued('pack-3', 'hmip', { daysBefore: 7 }), metadata: engine },
      { type: 'ScheduledPackSent', data: sent, metadata: engine },
    ],
    'any',
  );
  const sealed = { keyId: 'abcd1234', iv: 'aXY=', tag: 'dGFn', ciphertext: 'c2VjcmV0' };
  const channel = {
    channelId: 'c1',
    planId: 'hmip',
    kind: 'teams',
    name: 'Board',
    triggers: ['pack issued'],
    address: sealed,
    signingSecret: null,
  };
  await store.append('notification-channels-hmip', [{ type: 'NotificationChannelAdded', data: channel, metadata: manager }], NO_STREAM);
}

/**
 * Three meetings of a standing panel serving hmip and send, each scheduled under send: June tables
 * a send action, then an hmip one; July tables an hmip action in an event written before
 * ActionTabled named its plan; August tables only send's.
 */
async function writeStandingPanelMeetings(store: SqliteEventStore, manager: { actor: { id: string; role: string } }) {
  const scheduled = (panelId: string, date: string) => ({
    type: 'PanelScheduled',
    data: {
      panelId,
      planId: 'send',
      standingPanelId: 'sp-children',
      title: 'Standing evidence panel',
      date,
      chair: 'u-chair',
      members: ['u-ian'],
    },
    metadata: manager,
  });
  const tabled = (actionId: string, planId?: string) => ({
    type: 'ActionTabled',
    data: { actionId, references: [], submittedVersion: 4, ...(planId ? { planId } : {}) },
    metadata: manager,
  });
  await store.append(
    'panel-standing-june',
    [scheduled('standing-june', '2021-06-14'), tabled('send-2.1', 'send'), tabled('hmip-2.3', 'hmip')],
    NO_STREAM,
  );
  await store.append('panel-standing-july', [scheduled('standing-july', '2021-07-12'), tabled('hmip-2.4')], NO_STREAM);
  await store.append('panel-standing-august', [scheduled('standing-august', '2021-08-09'), tabled('send-2.2', 'send')], NO_STREAM);
}
