import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startBuiltApi } from '@actionplans/testing';

/** The built all-in-one API as `npm start` runs it, in its own process. */
export interface RunningApp {
  url: string;
  pid: number;
  /** Milliseconds from spawning to "listening" (the in-memory index is read before it listens). */
  listeningAfterMs: number;
  stop(): Promise<void>;
}

/**
 * The app's Node options as README advises for a memory budget: without a heap limit V8 lets
 * garbage reach about twice the live heap before collecting it (490 MB resident at 1,000,000
 * events instead of 270). `BENCH_APP_NODE_OPTIONS` replaces them: empty to measure without a limit.
 */
export const APP_NODE_OPTIONS = process.env.BENCH_APP_NODE_OPTIONS ?? '--max-old-space-size=512';

/**
 * Options given to the app's Node on its command line: `BENCH_APP_NODE_ARGS='--cpu-prof
 * --cpu-prof-dir=/tmp/prof'` profiles it (Node 20 refuses `--cpu-prof` in NODE_OPTIONS; the
 * profile is written when the bench stops the app).
 */
const APP_NODE_ARGS = (process.env.BENCH_APP_NODE_ARGS ?? '').split(' ').filter(Boolean);

/** Starts the built API on `dataDir` with the rate limiter off. */
export async function startApp(dataDir: string, timeoutMs = 600_000): Promise<RunningApp> {
  const started = Date.now();
  const app = await startBuiltApi({ DATA_DIR: dataDir, RATE_LIMIT: '0', NODE_OPTIONS: APP_NODE_OPTIONS }, timeoutMs, APP_NODE_ARGS);
  return { url: app.url, pid: app.process.pid!, listeningAfterMs: Date.now() - started, stop: () => app.stop() };
}

/** Resident and peak resident memory of a process, in MB, from /proc/<pid>/status. */
export function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kB = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kB('VmRSS') / 1024, peak: kB('VmHWM') / 1024 };
}

/**
 * CPU time a process has used so far, all its threads, user and system, in seconds, from
 * /proc/<pid>/stat (fields 14 and 15, in the kernel's USER_HZ of 100 ticks a second).
 */
export function cpuSecondsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Starts the peak (VmHWM) again from the current resident size, so a phase's own peak can be read. */
export function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** Samples a process's resident memory every `everyMs`; `stop` gives the highest seen. */
export function sampleRss(pid: number, everyMs = 100): { stop(): number } {
  let highest = 0;
  const sample = () => {
    highest = Math.max(highest, memoryOf(pid).rss);
  };
  const timer = setInterval(sample, everyMs);
  sample();
  return { stop: () => (clearInterval(timer), sample(), highest) };
}

/** Waits until the app's report tables have caught up with `head`, reading their checkpoint as another process would. */
export async function reportTablesReach(dataDir: string, head: number, timeoutMs = 600_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let position = 0;
    try {
      const db = new Database(join(dataDir, 'read-models.db'), { readonly: true, fileMustExist: true });
      try {
        position = Number(db.prepare(`SELECT position FROM projection_checkpoints WHERE name = 'read-models'`).pluck().get() ?? 0);
      } finally {
        db.close();
      }
    } catch {
      // Not created yet: the app is still starting.
    }
    if (position >= head) return;
    if (Date.now() > deadline) throw new Error(`the report tables reached ${position} of ${head} events in ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
