import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** This tool's version, from the package.json it was built from (the build keeps the source tree's layout below the root). */
export function toolVersion(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (pkg.name === 'actionplans' && pkg.version) return pkg.version;
  }
  return 'unknown';
}
