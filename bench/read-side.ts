import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { NO_STREAM, SqliteEventStore, type EventStore, type EventToAppend } from '@actionplans/event-store';
import { openReadModelDb, planAsAt, replayReadModels } from '@actionplans/read-models';
import { actionStream, planStream, readTargetDate } from '@actionplans/domain';
import { tempDir } from '@actionplans/testing';
import { addMyWork, measureMyWork } from './my-work';
import type { Figure } from './workload';

/**
 * The shape of every generated plan: 75 actions (the WSOA's size) with 42 events each, three years of
 * monthly reporting, every event dated by when it happened (`occurredAt`) as an adopted plan's history is.
 */
const ACTIONS_PER_PLAN = 75;
const PROGRESS_PER_ACTION = 36;
export const EVENTS_PER_PLAN = 6 + ACTIONS_PER_PLAN * (1 + PROGRESS_PER_ACTION + 5);
const manager = { id: 'bench-manager', role: 'plan manager' };
const owner = { id: 'bench-owner', role: 'action owner' };

const month = (n: number): string => `${2021 + Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}-28`;

export function planEvents(planId: string): EventToAppend[] {
  const areas = [1, 2, 3, 4].map((n): EventToAppend => ({
    type: 'GroupingAdded',
    data: { groupingId: `${planId}-a${n}`, parentId: null, kind: 'area', references: [String(n)], title: `Priority area ${n}` },
    metadata: { actor: manager },
  }));
  const labels = {
    'not started': 'Not due to start',
    'on track': 'On track',
    'at risk': 'Some concerns',
    'off track': 'Significant risk',
    'awaiting sign-off': 'Awaiting sign-off',
    complete: 'Complete',
    duplicate: 'Duplicate',
    withdrawn: 'Withdrawn',
  };
  return [
    {
      type: 'PlanCreated',
      data: {
        planId,
        kind: 'statutory plan',
        title: 'SEND Written Statement of Action',
        source: { body: 'Ofsted/CQC', date: '2020-11-19', judgement: null },
        statusLabels: labels,
        quorum: 2,
        warningDays: 14,
      },
      metadata: { actor: manager, occurredAt: '2021-01-04T09:00:00.000Z' },
    },
    ...areas.map((event) => ({ ...event, metadata: { actor: manager, occurredAt: '2021-01-04T09:00:00.000Z' } })),
    {
      type: 'PlanActivated',
      data: { submittedTo: 'Ofsted', submittedOn: '2021-01-11' },
      metadata: { actor: manager, occurredAt: '2021-01-11T09:00:00.000Z' },
    },
  ];
}

export function actionEvents(planId: string, actionId: string, n: number): EventToAppend[] {
  const at = (monthNo: number) => ({ occurredAt: `${month(monthNo)}T09:00:00.000Z` });
  const progress = Array.from({ length: PROGRESS_PER_ACTION }, (_, m): EventToAppend => ({
    type: 'ProgressUpdated',
    metadata: { actor: owner, ...at(m + 1) },
    data: {
      commentary: 'Work progressing: the multi-agency group met and agreed the next steps for the pathway.',
      assessment: m % 5 === 4 ? 'at risk' : 'on track',
      asOf: month(m + 1),
      backdatingReason: null,
    },
  }));
  const evidence = (k: number): EventToAppend => ({
    type: 'EvidenceAttached',
    metadata: { actor: owner, ...at(35) },
    data: {
      evidenceId: `${actionId}-e${k}`,
      title: 'Minutes of the SEND board',
      kind: 'minutes',
      link: `https://example.org/${actionId}/${k}`,
      file: null,
      restricted: false,
    },
  });
  return [
    {
      type: 'ActionRaised',
      metadata: { actor: manager, ...at(0) },
      data: {
        actionId,
        planId,
        groupingId: `${planId}-a${(n % 4) + 1}`,
        references: [`${(n % 4) + 1}.${n}`],
        description: 'Develop and publish a graduated approach to SEND support across early years settings',
        leadOwners: [{ kind: 'role', name: 'Head of SEND', userId: owner.id }],
        supportingOwners: [],
        targetDate: readTargetDate('Mar-24'),
        evidenceRequired: 'Published guidance and training records',
      },
    },
    ...progress,
    evidence(1),
    evidence(2),
    {
      type: 'TargetDateRevisionRequested',
      metadata: { actor: owner, ...at(30) },
      data: { revisionId: `${actionId}-r`, proposed: readTargetDate('Sep-24'), reason: 'Consultation extended' },
    },
    { type: 'TargetDateRevisionApproved', metadata: { actor: manager, ...at(30) }, data: { revisionId: `${actionId}-r` } },
    {
      type: 'SubmittedForSignOff',
      metadata: { actor: owner, ...at(36) },
      data: { evidenceIds: [`${actionId}-e1`, `${actionId}-e2`], note: '', answers: {} },
    },
  ];
}

/**
 * Writes plans of 75 actions until about `events` are stored, through the store's own append (ids,
 * versions, hash chains as it writes them). A plan's 76 streams are appended in one turn of the
 * event loop, so the store commits them together with one fsync instead of 76.
 */
export async function fill(store: EventStore, events: number): Promise<string[]> {
  const plans = Math.ceil(events / EVENTS_PER_PLAN);
  const planIds: string[] = [];
  for (let p = 0; p < plans; p += 1) {
    const planId = `plan-${p}`;
    planIds.push(planId);
    await Promise.all([
      store.append(planStream(planId), planEvents(planId), NO_STREAM),
      ...Array.from({ length: ACTIONS_PER_PLAN }, (_, a) =>
        store.append(actionStream(`${planId}-${a}`), actionEvents(planId, `${planId}-${a}`, a), NO_STREAM),
      ),
    ]);
  }
  return planIds;
}

/**
 * The read side on SQLite at 1,000,000 events (times `scale`): replaying the whole log into the
 * report tables, reconstructing one 75-action plan as at a date from the event log, and an
 * owner's work list from the tables.
 */
export async function runReadSide(scale: number, log: (message: string) => void): Promise<Figure[]> {
  const dir = tempDir('bench-read-side');
  const store = new SqliteEventStore({ file: join(dir.path, 'events.db') });
  try {
    log(`read side: writing ${Math.round(1_000_000 * scale).toLocaleString('en-GB')} events…`);
    const planIds = await fill(store, 1_000_000 * scale);
    await addMyWork(store, planIds);
    const readModels = await openReadModelDb({ dialect: 'sqlite', dataDir: dir.path });
    log('read side: replaying into the report tables…');
    const { events, seconds } = await replayReadModels(store, readModels);
    log("read side: an owner's work list…");
    const myWork = await measureMyWork(store, readModels).finally(() => readModels.close());
    log('read side: reconstructing plans as at a date…');
    const timings: number[] = [];
    for (let i = 0; i < 200; i += 1) {
      const planId = planIds[(i * 7919) % planIds.length];
      const started = performance.now();
      // As the API reads them: the plan's and its actions' streams in one query.
      const [planEvents, ...actionStreams] = await store.readStreams([
        planStream(planId),
        ...Array.from({ length: ACTIONS_PER_PLAN }, (_, a) => actionStream(`${planId}-${a}`)),
      ]);
      // Half the questions are about the middle of the plan's life, half about its last months.
      const past = planAsAt({ planEvents, actionStreams, asAt: i % 2 === 0 ? '2022-09-30' : '2023-12-31', basis: 'effective' });
      timings.push(performance.now() - started);
      if (past?.summary.counted !== ACTIONS_PER_PLAN) throw new Error('the reconstructed plan does not count its 75 actions');
    }
    timings.sort((a, b) => a - b);
    return [
      { name: 'sqlite.readmodels.replay', value: Math.round(events / seconds), unit: 'events/s' },
      { name: 'sqlite.asat.plan75.3y.p95', value: Number(timings[Math.floor(timings.length * 0.95)].toFixed(1)), unit: 'ms' },
      myWork,
    ];
  } finally {
    await store.close();
    dir.remove();
  }
}
