import autocannon from 'autocannon';
import { join } from 'node:path';
import { SqliteEventStore } from '@actionplans/event-store';
import { runBuilt, tempDir } from '@actionplans/testing';
import { APP_NODE_OPTIONS, cpuSecondsOf, memoryOf, reportTablesReach, resetPeak, type RunningApp, sampleRss, startApp } from './http-app';
import { fill } from './read-side';
import type { Figure } from './workload';

/** The load: update-progress on 1,000 actions of 14 plans, by 10 owners, from 16 connections at once. */
export const HTTP_LOAD = { actions: 1000, actionsPerPlan: 75, owners: 10, connections: 16, seconds: 10, warmUpSeconds: 3, hotSeconds: 5 };

/** What owners write, at the length they write it (from the WSOA and HMIP plans' updates). */
const COMMENTARY = [
  'The multi-agency working group met on Tuesday and agreed the draft graduated approach. Consultation with early years settings opens next week; feedback will be reported to the SEND board.',
  'Audit tool drafted and tested on 12 case files. Two team managers have been trained to use it; the first full audit round starts on the first of next month.',
  'Recruitment to the two new educational psychologist posts is delayed: the first round did not appoint. Posts re-advertised with a market supplement agreed by HR.',
  'Training delivered to 48 practitioners across three sessions. Attendance records and evaluation forms are attached to the evidence log; the next cohort is booked.',
];
const ASSESSMENTS = ['on track', 'on track', 'at risk', 'off track'];

export interface Owned {
  actionId: string;
  token: string;
}

interface Created {
  id: string;
  createdId?: string;
  token?: string;
  userId?: string;
}

/** JSON over fetch that fails loudly on anything but the status expected. */
async function call(url: string, token: string, path: string, body: unknown, expected = 201): Promise<Created> {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as Created;
  if (response.status !== expected) throw new Error(`POST ${path} answered ${response.status}: ${JSON.stringify(answer)}`);
  return answer;
}

/** Through the API, as people would: a plan manager and owners, then plans of 75 actions raised and activated. */
async function setUpActions(url: string, adminToken: string, count: number): Promise<Owned[]> {
  const manager = (await call(url, adminToken, '/users', { name: 'SEND Improvement Manager', role: 'plan manager' })).token!;
  const owners = await Promise.all(
    Array.from({ length: HTTP_LOAD.owners }, (_, n) =>
      call(url, adminToken, '/users', { name: `Head of Service ${n + 1}`, role: 'action owner', email: `owner${n + 1}@council.example` }),
    ),
  );
  const owned: Owned[] = [];
  for (let p = 0; owned.length < count; p += 1) {
    const planId = (
      await call(url, manager, '/plans', {
        kind: 'statutory plan',
        title: `Written Statement of Action ${p + 1}`,
        source: { body: 'Ofsted/CQC', date: '2025-11-19', judgement: null },
        quorum: 2,
      })
    ).id;
    const groupingId = (
      await call(url, manager, `/plans/${planId}/groupings`, { kind: 'area', references: ['1'], title: 'Identification and assessment' })
    ).createdId!;
    await call(url, manager, `/plans/${planId}/activation`, { submittedTo: 'Ofsted', submittedOn: '2026-01-12' });
    const inPlan = Math.min(HTTP_LOAD.actionsPerPlan, count - owned.length);
    owned.push(
      ...(await Promise.all(
        Array.from({ length: inPlan }, async (_, a) => {
          const owner = owners[(owned.length + a) % owners.length];
          const { id } = await call(url, manager, `/plans/${planId}/actions`, {
            groupingId,
            references: [`1.${a + 1}`],
            description: 'Develop and publish a graduated approach to SEND support across early years settings',
            targetDate: 'Mar-27',
            leadOwners: [{ kind: 'person', name: 'Head of Service', userId: owner.userId }],
            evidenceRequired: 'Published guidance and training records',
          });
          return { actionId: id, token: owner.token! };
        }),
      )),
    );
  }
  return owned;
}

/**
 * Update-progress round robin over `actions` from `connections` clients (at `prefix` + the API's
 * path); every answer that is not 2xx is counted and its first few shown.
 */
export async function load(
  url: string,
  actions: Owned[],
  seconds: number,
  connections: number,
  log: (message: string) => void,
  prefix = '',
) {
  let next = 0;
  const asOf = new Date().toISOString().slice(0, 10);
  const shown: string[] = [];
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const n = next++;
          const { actionId, token } = actions[n % actions.length];
          const body = { commentary: COMMENTARY[n % COMMENTARY.length], assessment: ASSESSMENTS[n % ASSESSMENTS.length], asOf };
          return {
            ...request,
            path: `${prefix}/actions/${actionId}/progress`,
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify(body),
          };
        },
        onResponse: (status, body) => {
          if ((status < 200 || status > 299) && shown.length < 3) shown.push(`${status} ${body.slice(0, 300)}`);
        },
      },
    ],
  });
  for (const answer of shown) log(`http: refused: ${answer}`);
  return { result, errors: result.non2xx + result.errors, commandsPerSecond: Math.round(result['2xx'] / result.duration) };
}

/** Seeds `events` with the store's own append (group-committed), with the admin the CLI added already in the log. */
export async function seed(dataDir: string, events: number): Promise<number> {
  const store = new SqliteEventStore({ file: join(dataDir, 'events.db') });
  try {
    await fill(store, events);
    return await store.headPosition();
  } finally {
    await store.close();
  }
}

/** Adds an admin with the built CLI, as an operator (and the e2e tests) would; answers their token. */
export function addAdmin(dataDir: string): string {
  const added = runBuilt('cli', ['users', 'add', '--name', 'Ada Admin', '--role', 'admin'], { DATA_DIR: dataDir });
  const token = /token \(shown once, keep it safe\): (\S+)/.exec(added.stdout)?.[1];
  if (added.code !== 0 || !token) throw new Error(`actionplans users add failed: ${added.stderr}${added.stdout}`);
  return token;
}

/** Starts the app on the seeded folder and waits for its report tables; the peak resident size until then. */
async function startCaughtUp(dataDir: string, head: number) {
  const started = Date.now();
  const app = await startApp(dataDir);
  const sampling = sampleRss(app.pid);
  try {
    await reportTablesReach(dataDir, head);
  } catch (error) {
    await app.stop();
    throw error;
  }
  return { app, caughtUpMs: Date.now() - started, peak: Math.max(sampling.stop(), memoryOf(app.pid).peak) };
}

/** The measured load after a warm-up: spread over the actions, then one action; the peak resident size meanwhile. */
async function measuredLoad(app: RunningApp, actions: Owned[], log: (message: string) => void) {
  log(
    `http: warming up, then ${HTTP_LOAD.seconds} s of update-progress over ${actions.length} actions from ${HTTP_LOAD.connections} connections…`,
  );
  await load(app.url, actions, HTTP_LOAD.warmUpSeconds, HTTP_LOAD.connections, log);
  const peakReset = resetPeak(app.pid);
  const sampling = sampleRss(app.pid);
  const cpuBefore = cpuSecondsOf(app.pid);
  const spread = await load(app.url, actions, HTTP_LOAD.seconds, HTTP_LOAD.connections, log);
  const cpu = cpuSecondsOf(app.pid) - cpuBefore;
  log(`http: ${HTTP_LOAD.hotSeconds} s on one action from one connection…`);
  const hot = await load(app.url, actions.slice(0, 1), HTTP_LOAD.hotSeconds, 1, log);
  return {
    spread,
    hot,
    cpuPerCommand: Math.round((cpu * 1e6) / spread.result['2xx']),
    peak: Math.max(sampling.stop(), peakReset ? memoryOf(app.pid).peak : 0),
  };
}

/**
 * update-progress over HTTP against the built all-in-one app on SQLite, with 1,000,000 events
 * (times `scale`) already stored: throughput and latency spread over 1,000 actions and on one hot
 * action, and the app's peak resident memory while it catches up and under load.
 */
export async function runHttp(scale: number, log: (message: string) => void): Promise<Figure[]> {
  const dir = tempDir('bench-http');
  let app: RunningApp | null = null;
  try {
    const adminToken = addAdmin(dir.path);
    log(`http: writing ${Math.round(1_000_000 * scale).toLocaleString('en-GB')} events…`);
    const head = await seed(dir.path, 1_000_000 * scale);
    log(`http: starting the built API (NODE_OPTIONS=${APP_NODE_OPTIONS}) and waiting for its report tables to catch up…`);
    const startup = await startCaughtUp(dir.path, head);
    app = startup.app;
    const actions = await setUpActions(app.url, adminToken, Math.max(100, Math.round(HTTP_LOAD.actions * Math.min(1, scale * 10))));
    const { spread, hot, cpuPerCommand, peak } = await measuredLoad(app, actions, log);
    return [
      { name: 'http.progress.commands', value: spread.commandsPerSecond, unit: 'commands/s' },
      { name: 'http.progress.p50', value: spread.result.latency.p50, unit: 'ms' },
      { name: 'http.progress.p99', value: spread.result.latency.p99, unit: 'ms' },
      { name: 'http.progress.errors', value: spread.errors, unit: 'answers not 2xx' },
      // All the app's threads, so comparable with the platforms benchmark's figure (`--only platforms`).
      { name: 'http.progress.cpu', value: cpuPerCommand, unit: 'µs CPU per command' },
      { name: 'http.progress.hot1.commands', value: hot.commandsPerSecond, unit: 'commands/s' },
      { name: 'http.progress.hot1.p99', value: hot.result.latency.p99, unit: 'ms' },
      { name: 'http.progress.hot1.errors', value: hot.errors, unit: 'answers not 2xx' },
      { name: 'http.startup.caughtup', value: Number((startup.caughtUpMs / 1000).toFixed(1)), unit: 's' },
      { name: 'http.rss.catchup', value: Math.round(startup.peak), unit: 'MB' },
      { name: 'http.rss.load', value: Math.round(peak), unit: 'MB' },
      { name: 'http.rss.peak', value: Math.round(Math.max(startup.peak, peak)), unit: 'MB' },
    ];
  } finally {
    await app?.stop();
    dir.remove();
  }
}
