import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

/** The built entry point of an app, as `npm start` and the `actionplans` command run it. */
export function builtApp(app: 'api' | 'worker' | 'cli'): string {
  const main = join(ROOT, 'dist', 'apps', app, 'apps', app, 'src', 'main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: run \`npm run build\` (npm test does it first)`);
  return main;
}

/** Runs a built app to completion with only the given environment on top of PATH, in `cwd` if given. */
export function runBuilt(app: 'api' | 'cli', args: string[], env: Record<string, string>, cwd?: string) {
  const result = spawnSync(process.execPath, [builtApp(app), ...args], {
    env: { PATH: process.env.PATH, ...env },
    encoding: 'utf8',
    timeout: 30_000,
    cwd,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Starts the built API and resolves with its URL once it says it is listening (within `timeoutMs`);
 * `nodeArgs` go to Node itself, for the options NODE_OPTIONS refuses (`--cpu-prof`).
 */
export function startBuiltApi(
  env: Record<string, string>,
  timeoutMs = 30_000,
  nodeArgs: string[] = [],
  /** Each line the app writes once it listens (a browser spec's journal keeps the newest). */
  onLine?: (line: string) => void,
): Promise<{ url: string; process: ChildProcess; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [...nodeArgs, builtApp('api')], { env: { PATH: process.env.PATH, PORT: '0', ...env } });
  let output = '';
  const listening = () => output.includes('listening on');
  const lines = (chunk: Buffer) => {
    if (onLine && listening()) for (const line of chunk.toString('utf8').split('\n')) if (line.trim() !== '') onLine(line);
  };
  child.stderr.on('data', lines);
  child.stdout.on('data', lines);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the API did not start within ${timeoutMs / 1000} s:\n${output}`)), timeoutMs);
    child.stderr.on('data', (chunk) => (output += chunk));
    child.stdout.on('data', (chunk) => {
      // Once it listens, what it logs is no longer kept: a long run would pile it up.
      if (listening()) return;
      output += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      const url = match[1].replace('[::1]', '127.0.0.1').replace('[::]', '127.0.0.1');
      const stop = () =>
        new Promise<void>((done) => {
          if (child.exitCode !== null || child.signalCode !== null) return done();
          child.once('exit', () => done());
          child.kill('SIGTERM');
        });
      resolve({ url, process: child, stop });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the API exited with ${code}:\n${output}`));
    });
  });
}

/** Starts the built worker and resolves once it says it has started (within `timeoutMs`). */
export function startBuiltWorker(
  env: Record<string, string>,
  timeoutMs = 30_000,
): Promise<{ process: ChildProcess; output: () => string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [builtApp('worker')], { env: { PATH: process.env.PATH, ...env } });
  let output = '';
  // Kept to the first 64 KiB: enough to tell why it failed, without piling up a long run's logs.
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(0, 65_536));
  child.stderr.on('data', keep);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the worker did not start within ${timeoutMs / 1000} s:\n${output}`)), timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      keep(chunk);
      if (!output.includes('actionplans worker started')) return;
      clearTimeout(timer);
      const stop = () =>
        new Promise<void>((done) => {
          if (child.exitCode !== null || child.signalCode !== null) return done();
          child.once('exit', () => done());
          child.kill('SIGTERM');
        });
      resolve({ process: child, output: () => output, stop });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the worker exited with ${code}:\n${output}`));
    });
  });
}
