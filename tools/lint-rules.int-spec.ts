import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Each rule `npm run lint` holds is shown to fail on a deliberate violation, and to let the allowed
 * form through: small probe files are written where the rule applies, the real configurations are run
 * on them alone (ESLint with type information, dependency-cruiser, Prettier), and the probes are
 * removed. Nothing here depends on the rest of the tree being formatted or clean.
 */
const ROOT = join(__dirname, '..');
const id = `${process.pid}-${Date.now()}`;
const probe = (folder: string, name: string) => `${folder}/lint-probe-${name}-${id}.ts`;

const PROBES: Record<string, { path: string; source: string }> = {
  switch: {
    path: probe('libs/domain/src', 'switch'),
    source: `import type { ActionEvent } from './action/action.events';

export function probe(event: ActionEvent): string {
  switch (event.type) {
    case 'ActionRaised':
      return 'raised';
    default:
      return 'something else';
  }
}
`,
  },
  floating: {
    path: probe('libs/read-models/src', 'floating'),
    source: `export function probe(work: () => Promise<void>): void {
  work();
}
`,
  },
  misused: {
    path: probe('libs/read-models/src', 'misused'),
    source: `export function probe(ready: Promise<boolean>): number {
  return ready ? 1 : 0;
}
`,
  },
  handleInApp: {
    path: probe('apps/api/src', 'handle'),
    source: `import { handle } from '@actionplans/event-store';

export const probe = handle;
`,
  },
  handleByFile: {
    path: probe('libs/read-models/src', 'handle-file'),
    source: `import { handle } from '../../event-store/src/handle';

export const probe = handle;
`,
  },
  handleInWriteLayer: {
    path: probe('libs/commands/src', 'handle'),
    source: `import { handle } from '../../event-store/src/handle';

export const probe = handle;
`,
  },
  domainImportsLibrary: {
    path: probe('libs/domain/src', 'imports'),
    source: `import { readFileSync } from 'node:fs';
import { NO_STREAM } from '@actionplans/event-store';

export const probe = [readFileSync, NO_STREAM];
`,
  },
  libraryImportsApp: {
    path: probe('libs/read-models/src', 'app'),
    source: `import { problem } from '../../../apps/api/src/http/problem';

export const probe = problem;
`,
  },
  benchDeep: {
    path: probe('bench', 'deep'),
    source: `import { tempDir } from '../libs/testing/src/temp-dir';

export const probe = tempDir;
`,
  },
  benchPublic: {
    path: probe('bench', 'public'),
    source: `import { tempDir } from '@actionplans/testing';

export const probe = tempDir;
`,
  },
  cycleA: {
    path: probe('libs/read-models/src', 'cycle-a'),
    source: `import { b } from './lint-probe-cycle-b-${id}';

export const a = (): number => b() + 1;
`,
  },
  cycleB: {
    path: probe('libs/read-models/src', 'cycle-b'),
    source: `import { a } from './lint-probe-cycle-a-${id}';

export const b = (): number => a() - 1;
`,
  },
  unformatted: {
    path: probe('libs/read-models/src', 'unformatted'),
    source: `export const probe = { "double": "quotes" , missing: 'semicolon' }
`,
  },
};

interface EslintResult {
  filePath: string;
  messages: { ruleId: string | null; message: string; line: number }[];
}
interface DepcruiseViolation {
  from: string;
  to: string;
  rule: { name: string };
  cycle?: { name: string }[];
}

let eslint: EslintResult[] = [];
let violations: DepcruiseViolation[] = [];
let prettier: { status: number | null; output: string } = { status: null, output: '' };

function run(tool: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(join(ROOT, 'node_modules/.bin', tool), args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  return result;
}

const rulesOf = (probeName: string) => {
  const file = join(ROOT, PROBES[probeName].path);
  return (eslint.find((result) => result.filePath === file)?.messages ?? []).map((message) => message.ruleId);
};
const brokenBy = (probeName: string) =>
  violations.filter((violation) => violation.from === PROBES[probeName].path).map((violation) => violation.rule.name);

beforeAll(() => {
  const madeCommands = !existsSync(join(ROOT, 'libs/commands/src'));
  const written = Object.values(PROBES).map(({ path, source }) => {
    mkdirSync(dirname(join(ROOT, path)), { recursive: true });
    writeFileSync(join(ROOT, path), source);
    return path;
  });
  try {
    const ts = written.filter((path) => path !== PROBES.unformatted.path);
    const linted = run('eslint', ['--format', 'json', ...ts]);
    eslint = JSON.parse(linted.stdout) as EslintResult[];
    const cruised = run('depcruise', ['--output-type', 'json', ...ts]);
    violations = (JSON.parse(cruised.stdout) as { summary: { violations: DepcruiseViolation[] } }).summary.violations;
    const checked = run('prettier', ['--check', PROBES.unformatted.path, PROBES.switch.path]);
    prettier = { status: checked.status, output: checked.stdout + checked.stderr };
  } finally {
    for (const path of written) rmSync(join(ROOT, path), { force: true });
    if (madeCommands) rmSync(join(ROOT, 'libs/commands'), { recursive: true, force: true });
  }
}, 300_000);

describe('ESLint', () => {
  it('refuses a switch over a union that leaves members to its default', () => {
    expect(rulesOf('switch')).toEqual(['@typescript-eslint/switch-exhaustiveness-check']);
  });

  it('refuses a promise nobody awaits, and one used as a condition', () => {
    expect(rulesOf('floating')).toEqual(['@typescript-eslint/no-floating-promises']);
    expect(rulesOf('misused')).toEqual(['@typescript-eslint/no-misused-promises']);
  });

  it('lets only the write layer import handle, by the alias or by a path to its file', () => {
    expect(rulesOf('handleInApp')).toEqual(['@typescript-eslint/no-restricted-imports']);
    expect(rulesOf('handleByFile')).toEqual(['@typescript-eslint/no-restricted-imports']);
    expect(rulesOf('handleInWriteLayer')).toEqual([]);
  });
});

describe('dependency rules', () => {
  it('keep libs/domain from importing a library or a Node builtin', () => {
    expect(violations.filter((v) => v.from === PROBES.domainImportsLibrary.path).map((v) => [v.rule.name, v.to])).toEqual(
      expect.arrayContaining([
        ['domain-imports-nothing-outside-itself', 'fs'],
        ['domain-imports-nothing-outside-itself', 'libs/event-store/src/index.ts'],
      ]),
    );
  });

  it('keep libraries from importing apps', () => {
    expect(brokenBy('libraryImportsApp')).toEqual(['libraries-never-import-apps']);
  });

  it('keep the benchmark on public entry points', () => {
    expect(brokenBy('benchDeep')).toEqual(['bench-uses-public-entry-points']);
    expect(brokenBy('benchPublic')).toEqual([]);
  });

  it('refuse a deep import of handle outside the write layer', () => {
    expect(brokenBy('handleByFile')).toEqual(['only-the-event-store-imports-handle-by-its-file']);
    expect(brokenBy('handleInWriteLayer')).toEqual([]);
  });

  it('refuse a cycle of modules', () => {
    expect(brokenBy('cycleA')).toEqual(['no-circular']);
  });
});

describe('Prettier', () => {
  it('fails the check on a file not in the house format, naming only that file', () => {
    expect(prettier.status).toBe(1);
    expect(prettier.output).toContain(PROBES.unformatted.path);
    expect(prettier.output).not.toContain(PROBES.switch.path);
  });
});
