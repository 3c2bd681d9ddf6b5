import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Figure } from './workload';

/**
 * `--only import`: a 1,000-action sheet's dry run (target within 2 s) and commit (within 5 s) on
 * SQLite and on PostgreSQL, each in a process of its own (`import-app.ts`, compiled by swc).
 */
export function runImport(scale: number, databaseUrl: string, log: (message: string) => void): Figure[] {
  const count = Math.max(10, Math.round(1_000 * scale));
  return (['sqlite', 'postgres'] as const).flatMap((store) => {
    log(`  ${count} actions on ${store}…`);
    const child = spawnSync(process.execPath, ['--require', join(__dirname, 'swc-register.cjs'), join(__dirname, 'import-app.ts')], {
      env: { PATH: process.env.PATH, STORE: store, COUNT: String(count), DATABASE_URL: databaseUrl },
      encoding: 'utf8',
      timeout: 300_000,
    });
    if (child.status !== 0) throw new Error(`the import bench on ${store} failed (${child.status}):\n${child.stderr}`);
    return child.stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Figure);
  });
}
