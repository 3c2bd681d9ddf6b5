import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './free-port';
import { tempDir } from './temp-dir';

/**
 * The folder holding `initdb`, `pg_ctl` and `postgres`: the newest of the Debian and Ubuntu
 * packages' `/usr/lib/postgresql/<version>/bin`, else the folder on PATH that has them.
 */
export function findPostgresBin(): string | null {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const packaged = versions.map((version) => join(root, version, 'bin')).find((bin) => existsSync(join(bin, 'initdb')));
  if (packaged) return packaged;
  const onPath = (process.env.PATH ?? '')
    .split(':')
    .find((dir) => dir && existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
  return onPath ?? null;
}

export interface OwnPostgres {
  /** `postgres://postgres@127.0.0.1:<port>/postgres`, trust authentication. */
  url: string;
  /** Stops the server the way a crash does (`pg_ctl stop -m immediate`): no checkpoint, recovery on the next start. */
  crash(): void;
  /** Starts it again on the same port and data, and waits until it takes connections. */
  start(): void;
  /** Stops it and removes its folder. */
  remove(): void;
}

/**
 * A PostgreSQL cluster of the test's own, in a temporary folder on a free port (unix socket in
 * that folder too), so a test can crash and restart it without disturbing the machine's server
 * that other tests use. `initdb` refuses to run as root (CI runs as root): then every command
 * runs as the `postgres` user through `runuser`, and the folder is handed to that user.
 * Throws, with PostgreSQL's own output, when the cluster cannot be made or started.
 */
export async function startOwnPostgres(bin = findPostgresBin()): Promise<OwnPostgres> {
  if (!bin) throw new Error('no PostgreSQL binaries (initdb, pg_ctl) under /usr/lib/postgresql/*/bin or on PATH');
  const dir = tempDir('pg');
  const data = join(dir.path, 'data');
  const log = join(dir.path, 'postgres.log');
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  if (asRoot) handTo('postgres', dir.path);
  const spawnTool = (tool: string, args: string[]) => {
    const command = asRoot ? ['runuser', '-u', 'postgres', '--', join(bin, tool), ...args] : [join(bin, tool), ...args];
    return { command, result: spawnSync(command[0], command.slice(1), { encoding: 'utf8', timeout: 60_000 }) };
  };
  const run = (tool: string, args: string[]) => {
    const { command, result } = spawnTool(tool, args);
    if (result.status === 0) return;
    const logged = existsSync(log) ? readFileSync(log, 'utf8').split('\n').slice(-15).join('\n') : '';
    throw new Error(
      `${command.join(' ')} failed (${result.error?.message ?? `exit ${result.status}`}):\n${result.stderr}${result.stdout}\n${logged}`,
    );
  };
  const options = `-p ${port} -k ${dir.path} -c listen_addresses=127.0.0.1 -c shared_buffers=16MB -c max_connections=60`;
  let running = false;
  const cluster: OwnPostgres = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    crash() {
      run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      running = false;
    },
    start() {
      run('pg_ctl', ['-D', data, '-l', log, '-w', '-t', '60', '-o', options, 'start']);
      running = true;
    },
    remove() {
      try {
        if (running) cluster.crash();
      } finally {
        dir.remove();
      }
    },
  };
  try {
    run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-locale', '--no-sync']);
    cluster.start();
  } catch (error) {
    // A server that started but was not seen ready in time must not outlive the test; its own failure to stop adds nothing to `error`.
    spawnTool('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
    dir.remove();
    throw error;
  }
  return cluster;
}

function handTo(user: string, path: string): void {
  const id = (flag: string) => {
    const result = spawnSync('id', [flag, user], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`running as root, PostgreSQL needs a "${user}" user to run as: ${result.stderr.trim()}`);
    return Number(result.stdout.trim());
  };
  chownSync(path, id('-u'), id('-g'));
}

/**
 * `describe` for a suite that runs a PostgreSQL of its own (startOwnPostgres). Skipped with a loud
 * message only when no PostgreSQL is installed and CI is not set; under CI=true it always runs,
 * so a cluster that cannot be made or started fails it.
 */
export function describeWithOwnPostgres(name: string, body: () => void): void {
  if (findPostgresBin() || process.env.CI === 'true') {
    describe(name, body);
    return;
  }
  console.warn(
    `\n*** SKIPPED "${name}": no PostgreSQL binaries (initdb, pg_ctl) under /usr/lib/postgresql/*/bin or on PATH. Install PostgreSQL. ***\n`,
  );
  describe.skip(name, body);
}
