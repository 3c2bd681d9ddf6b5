import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { COMMAND_LINE } from '@actionplans/auth';
import { acting, addUser, CommandRunner } from '@actionplans/commands';
import {
  actionDecider,
  actionStream,
  defaultStatusLabels,
  evolvePlan,
  initialPlanState,
  type ActionCommand,
  type Actor,
  type CommandWithFacts,
  type PlanEvent,
} from '@actionplans/domain';
import { SqliteEventStore } from '@actionplans/event-store';
import { tempDir } from '@actionplans/testing';
import { HTTP_LOAD, load, type Owned } from './http';
import { APP_NODE_OPTIONS, cpuSecondsOf, memoryOf, resetPeak, sampleRss } from './http-app';
import type { Figure } from './workload';

export type Platform = 'express' | 'fastify';

interface BenchApp {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

const MANAGER: Actor = { userId: 'bench-plan-manager', role: 'plan manager' };

/** 10 owners with API tokens and `count` actions raised through the write layer's runner, each led by one of them. */
async function seed(dataDir: string, count: number): Promise<Owned[]> {
  const store = new SqliteEventStore({ file: join(dataDir, 'events.db') });
  const runner = new CommandRunner(store);
  try {
    const owners = await Promise.all(
      Array.from({ length: HTTP_LOAD.owners }, (_, n) =>
        addUser(
          runner,
          { name: `Head of Service ${n + 1}`, email: `owner${n + 1}@council.example`, role: 'action owner' },
          acting(COMMAND_LINE),
        ),
      ),
    );
    const planId = uuidv7();
    // The plan as the handler would read it; only the actions are stored, as the bench measures them alone.
    const plan = (
      [
        {
          type: 'PlanCreated',
          data: {
            planId,
            kind: 'statutory plan',
            title: 'SEND',
            source: { body: 'Ofsted', date: '2026-01-01', judgement: null },
            statusLabels: defaultStatusLabels(),
            quorum: 2,
            warningDays: 14,
          },
        },
        { type: 'GroupingAdded', data: { groupingId: 'area-1', parentId: null, kind: 'area', references: ['1'], title: 'Area 1' } },
      ] satisfies PlanEvent[]
    ).reduce(evolvePlan, initialPlanState);
    return await Promise.all(
      Array.from({ length: count }, async (_, a) => {
        const owner = owners[a % owners.length];
        const actionId = uuidv7();
        const command: CommandWithFacts<ActionCommand> = {
          type: 'RaiseAction',
          actionId,
          planId,
          groupingId: 'area-1',
          references: [`1.${a + 1}`],
          targetDate: 'Mar-27',
          description: 'Develop and publish a graduated approach to SEND support across early years settings',
          leadOwners: [{ kind: 'person', name: 'Head of Service', userId: owner.userId }],
          evidenceRequired: 'Published guidance and training records',
          facts: { plan, unknownUsers: [] },
        };
        await runner.run(actionId, actionStream(actionId), actionDecider, acting(MANAGER), () => command);
        return { actionId, token: owner.token };
      }),
    );
  } finally {
    await store.close();
  }
}

/** The bench-only app on one platform, in its own process, compiled by swc (see swc-register.cjs). */
function startBenchApp(platform: Platform, dataDir: string, timeoutMs = 60_000): Promise<BenchApp> {
  const child = spawn(process.execPath, ['--require', join(__dirname, 'swc-register.cjs'), join(__dirname, 'platforms-app.ts')], {
    env: { PATH: process.env.PATH, PLATFORM: platform, DATA_DIR: dataDir, NODE_OPTIONS: APP_NODE_OPTIONS },
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the ${platform} app did not start within ${timeoutMs / 1000} s:\n${output}`)),
      timeoutMs,
    );
    child.stderr.on('data', (chunk) => (output += chunk));
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (!url) return;
      clearTimeout(timer);
      child.stdout.removeAllListeners('data');
      const stop = () =>
        new Promise<void>((done) => {
          if (child.exitCode !== null || child.signalCode !== null) return done();
          child.once('exit', () => done());
          child.kill('SIGTERM');
        });
      resolve({ url, pid: child.pid!, stop });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the ${platform} app exited with ${code}:\n${output}`));
    });
  });
}

/** `load` after a warm-up, and the app's CPU time (all threads) per answer while it ran, in µs. */
async function measuredLoad(app: BenchApp, actions: Owned[], log: (message: string) => void, prefix = '') {
  const { connections, seconds, warmUpSeconds } = HTTP_LOAD;
  await load(app.url, actions, warmUpSeconds, connections, log, prefix);
  const cpuBefore = cpuSecondsOf(app.pid);
  const peakReset = resetPeak(app.pid);
  const sampling = sampleRss(app.pid);
  const measured = await load(app.url, actions, seconds, connections, log, prefix);
  const peak = Math.max(sampling.stop(), peakReset ? memoryOf(app.pid).peak : 0);
  const cpu = cpuSecondsOf(app.pid) - cpuBefore;
  return {
    ...measured,
    peak,
    cpuPerAnswer: Math.round((cpu * 1e6) / measured.result['2xx']),
    busy: Math.round((cpu / measured.result.duration) * 100),
  };
}

/** One platform: update-progress, with the app's peak resident size meanwhile; then the no-op route. */
async function measure(platform: Platform, log: (message: string) => void): Promise<Figure[]> {
  const dir = tempDir(`bench-${platform}`);
  let app: BenchApp | null = null;
  try {
    const actions = await seed(dir.path, HTTP_LOAD.actions);
    app = await startBenchApp(platform, dir.path);
    const { connections, seconds } = HTTP_LOAD;
    log(
      `platforms: ${platform}: warming up, then ${seconds} s of update-progress over ${actions.length} actions from ${connections} connections…`,
    );
    const commands = await measuredLoad(app, actions, log);
    log(`platforms: ${platform}: warming up, then ${seconds} s of the no-op route…`);
    const noop = await measuredLoad(app, actions, log, '/noop');
    const at = `platforms.${platform}`;
    return [
      { name: `${at}.commands`, value: commands.commandsPerSecond, unit: 'commands/s' },
      { name: `${at}.p50`, value: commands.result.latency.p50, unit: 'ms' },
      { name: `${at}.p99`, value: commands.result.latency.p99, unit: 'ms' },
      { name: `${at}.errors`, value: commands.errors, unit: 'answers not 2xx' },
      { name: `${at}.cpu`, value: commands.cpuPerAnswer, unit: 'µs CPU per command' },
      { name: `${at}.busy`, value: commands.busy, unit: '% of a core' },
      { name: `${at}.rss`, value: Math.round(commands.peak), unit: 'MB' },
      { name: `${at}.noop.requests`, value: noop.commandsPerSecond, unit: 'requests/s' },
      { name: `${at}.noop.p50`, value: noop.result.latency.p50, unit: 'ms' },
      { name: `${at}.noop.p99`, value: noop.result.latency.p99, unit: 'ms' },
      { name: `${at}.noop.errors`, value: noop.errors, unit: 'answers not 2xx' },
      { name: `${at}.noop.cpu`, value: noop.cpuPerAnswer, unit: 'µs CPU per request' },
    ];
  } finally {
    await app?.stop();
    dir.remove();
  }
}

const valueOf = (figures: Figure[], name: string) => figures.find((f) => f.name === name)!.value;
const gain = (figures: Figure[], of: string) =>
  Number(((valueOf(figures, `platforms.fastify.${of}`) / valueOf(figures, `platforms.express.${of}`) - 1) * 100).toFixed(1));

/**
 * The same update-progress path on Express and on Fastify, one after the other in this run (the
 * first platform alternating between runs, so neither always gets the cooler machine), and
 * Fastify's gain over Express within the run: a paired figure, steadier than comparing medians.
 */
export async function runPlatforms(run: number, log: (message: string) => void): Promise<Figure[]> {
  const order: Platform[] = run % 2 === 1 ? ['express', 'fastify'] : ['fastify', 'express'];
  const figures: Figure[] = [];
  for (const platform of order) figures.push(...(await measure(platform, log)));
  return [
    ...figures,
    { name: 'platforms.fastify.gain.commands', value: gain(figures, 'commands'), unit: '% over express' },
    { name: 'platforms.fastify.gain.noop', value: gain(figures, 'noop.requests'), unit: '% over express' },
    {
      name: 'platforms.fastify.saves.cpu',
      value: valueOf(figures, 'platforms.express.cpu') - valueOf(figures, 'platforms.fastify.cpu'),
      unit: 'µs CPU per command',
    },
  ];
}
