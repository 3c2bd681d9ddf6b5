import { spawn, type ChildProcess } from 'node:child_process';
import { builtApp, freePort, tempDir } from '@actionplans/testing';
import { addAdmin, seed } from './http';
import { APP_NODE_OPTIONS, cpuSecondsOf, reportTablesReach } from './http-app';
import type { Figure } from './workload';

const POLL_MS = 25;
const LIMIT_MS = 600_000;

/** The built all-in-one app as `npm start` runs it, on `dataDir`, at a port of our choosing so it can be asked before it says it listens. */
async function spawnApp(dataDir: string): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const port = await freePort();
  const child = spawn(process.execPath, [builtApp('api')], {
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      DATA_DIR: dataDir,
      RATE_LIMIT: '0',
      NODE_OPTIONS: APP_NODE_OPTIONS,
      LOG_FORMAT: 'json',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors = (errors + chunk.toString()).slice(-4096)));
  return { child, url: `http://127.0.0.1:${port}`, output: () => errors };
}

/** Asks `path` until it answers 200 (a refused connection or any other answer is asked again), or the app dies. */
async function answered(url: string, path: string, child: ChildProcess, headers: Record<string, string> = {}): Promise<void> {
  const deadline = Date.now() + LIMIT_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app exited with ${child.exitCode} before answering ${path}`);
    const status = await fetch(`${url}${path}`, { headers }).then(
      (response) => response.arrayBuffer().then(() => response.status),
      () => 0,
    );
    if (status === 200) return;
    if (Date.now() > deadline) throw new Error(`${path} did not answer 200 within ${LIMIT_MS / 1000} s (last: ${status})`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

const stopped = (child: ChildProcess) =>
  new Promise<void>((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.once('exit', () => done());
    child.kill('SIGTERM');
  });

/**
 * Seconds from spawning the app until it has answered `GET /health` and an authenticated read of a
 * 75-action plan; and the CPU seconds it used until then, which a busy machine stretches less.
 */
async function firstAnswer(
  dataDir: string,
  token: string,
  planId: string,
): Promise<{ seconds: number; cpu: number; stop(): Promise<void> }> {
  const started = performance.now();
  const { child, url, output } = await spawnApp(dataDir);
  try {
    await answered(url, '/health', child);
    await answered(url, `/plans/${planId}`, child, { authorization: `Bearer ${token}` });
  } catch (error) {
    await stopped(child);
    throw new Error(`${(error as Error).message}\n${output()}`, { cause: error });
  }
  return { seconds: (performance.now() - started) / 1000, cpu: cpuSecondsOf(child.pid!), stop: () => stopped(child) };
}

/**
 * `--only startup`: the built all-in-one app on SQLite with 1,000,000 events (times `scale`)
 * stored. First started on them once, until its report tables have caught up, and stopped as an
 * operator would; then the figure: seconds from spawning it again until it has answered
 * `GET /health` and an authenticated `GET /plans/{id}`, the restart every deployment makes (and
 * the CPU seconds that took, to read beside it on a shared machine).
 */
export async function runStartup(scale: number, log: (message: string) => void): Promise<Figure[]> {
  const dir = tempDir('bench-startup');
  try {
    const token = addAdmin(dir.path);
    log(`startup: writing ${Math.round(1_000_000 * scale).toLocaleString('en-GB')} events…`);
    const head = await seed(dir.path, 1_000_000 * scale);
    log('startup: the first start, until the report tables have caught up…');
    const first = await firstAnswer(dir.path, token, 'plan-0');
    await reportTablesReach(dir.path, head);
    await first.stop();
    log(`startup: first answer after ${first.seconds.toFixed(1)} s (${first.cpu.toFixed(1)} s CPU); starting again…`);
    const again = await firstAnswer(dir.path, token, 'plan-0');
    await again.stop();
    return [
      { name: 'sqlite.startup.first-answer.1m', value: Number(again.seconds.toFixed(2)), unit: 's' },
      { name: 'sqlite.startup.first-answer.1m.cpu', value: Number(again.cpu.toFixed(2)), unit: 's CPU' },
      { name: 'sqlite.startup.first-start.1m', value: Number(first.seconds.toFixed(2)), unit: 's' },
    ];
  } finally {
    dir.remove();
  }
}
