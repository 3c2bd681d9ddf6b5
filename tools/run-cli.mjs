// `npm run cli`: runs the built CLI, building it first only when it is missing or older than its
// sources (apps/cli and libs), so a one-off `users add` does not wait for a build every time.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const main = join(root, 'dist', 'apps', 'cli', 'apps', 'cli', 'src', 'main.js');

/** Whether any TypeScript source under the folder changed after `since` (epoch ms). */
function changedSince(folder, since) {
  if (!existsSync(folder)) return false;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (
      entry.isDirectory()
        ? entry.name !== 'node_modules' && changedSince(path, since)
        : entry.name.endsWith('.ts') && !/[.-]spec\.ts$/.test(entry.name) && statSync(path).mtimeMs > since
    )
      return true;
  }
  return false;
}

const built = existsSync(main) ? statSync(main).mtimeMs : 0;
if (!built || changedSince(join(root, 'apps', 'cli', 'src'), built) || changedSince(join(root, 'libs'), built)) {
  process.stderr.write(
    built ? 'The CLI is older than its sources: building it (a minute or two)…\n' : 'Building the CLI the first time (a minute or two)…\n',
  );
  const build = spawnSync(process.execPath, [join(root, 'node_modules', '@nestjs', 'cli', 'bin', 'nest.js'), 'build', 'cli'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const run = spawnSync(process.execPath, [main, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(run.status ?? (run.signal ? 1 : 0));
