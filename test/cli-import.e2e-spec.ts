import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { actionStream } from '@actionplans/domain';
import { SqliteEventStore } from '@actionplans/event-store';
import { ImportIds } from '@actionplans/import';
import { runBuilt, tempDir } from '@actionplans/testing';
import { hmipImportOptions, hmipXlsx } from '../libs/import/src/hmip-sheet.fixture';

/** `actionplans import FILE`: the HMIP plan's xlsx file checked, committed with a progress bar, and a sheet with mistakes refused. */
describe('actionplans import', () => {
  const dir = tempDir('cli-import');
  const env = () => ({ DATA_DIR: dir.path });
  const options = hmipImportOptions('Rotherham YOT HMIP Inspection Action Plan (CLI)');
  const file = join(dir.path, 'hmip.xlsx');
  const optionsFile = join(dir.path, 'options.json');
  let managerId: string;

  beforeAll(async () => {
    writeFileSync(file, await hmipXlsx());
    writeFileSync(optionsFile, JSON.stringify(options));
    const added = runBuilt('cli', ['users', 'add', '--name', 'YOT Performance Manager', '--role', 'plan manager'], env());
    managerId = /as user (\S+)/.exec(added.stdout)![1];
  });
  afterAll(() => dir.remove());

  const head = async () => {
    const store = new SqliteEventStore({ file: join(dir.path, 'events.db') });
    try {
      return await store.headPosition();
    } finally {
      await store.close();
    }
  };

  it('dry-runs the file: what would be stored, how each lead was matched, nothing stored, exit 0', async () => {
    const before = await head();
    const { code, stdout } = runBuilt('cli', ['import', file, '--dry-run', '--options', optionsFile], env());
    expect(stdout).toContain('86 rows: 25 groupings, 65 actions, 19 links, 63 progress updates, 45 sign-offs from the paper');
    expect(stdout).toContain('lead "Chair of the YOT Management Board": named owner');
    expect(stdout).toMatch(/^row \d+, column [A-Z]: "Mar-21" → 31 March 2021 \(month\)$/m);
    expect(stdout).toMatch(/^dry run, nothing stored: would store 1 CreatePlan, 25 AddGrouping, 65 RaiseAction, /m);
    expect(code).toBe(0);
    expect(await head()).toBe(before);
  });

  it("commits it as the plan manager named, with a progress bar on stderr and the paper's ratings; the same file again stores nothing", async () => {
    const first = runBuilt('cli', ['import', file, '--options', optionsFile, '--as', managerId], env());
    expect(first.stderr).toMatch(/importing \[=+\] 100% \| 130\/130/);
    expect(first.stdout).toMatch(/import \S+ into plan \S+: stored 1 CreatePlan, .*65 RaiseAction.*45 RecordSignOffFromPaper/);
    expect(first.stdout).toContain('45 sign-off(s) from the paper are proposed: each completes its action once another plan manager');
    expect(first.code).toBe(0);
    const store = new SqliteEventStore({ file: join(dir.path, 'events.db') });
    const events = await store.readStream(actionStream(new ImportIds(options.plan.title).action('2.3'))).finally(() => store.close());
    expect(events.find((event) => event.type === 'ProgressUpdated')?.data).toMatchObject({ rating: 'on-track' });
    const again = runBuilt('cli', ['import', file, '--options', optionsFile, '--as', managerId], env());
    expect(again.stdout).toMatch(/: nothing to change$/m);
    expect(again.code).toBe(0);
    const dryAgain = runBuilt('cli', ['import', file, '--dry-run', '--options', optionsFile], env());
    expect(dryAgain.stdout).toMatch(/^dry run, nothing stored: nothing to change$/m);
  });

  it('names every problem by row, column, value and what is wrong, stores nothing and exits 1', async () => {
    const csv = join(dir.path, 'mistakes.csv');
    writeFileSync(
      csv,
      [
        'Ref,Action,Lead,Target,Status',
        '1.1,Fine,Pat Lee,Mar-21,on track',
        ',No ref,Pat Lee,Mar-21,',
        '1.2,Bad date,Pat Lee,31.4.14,',
      ].join('\n'),
    );
    const before = await head();
    const { code, stdout } = runBuilt(
      'cli',
      ['import', csv, '--mapping', '{"targetDate":"Target"}', '--key', 'mistakes', '--as', managerId],
      env(),
    );
    expect(stdout).toContain('2 problems, nothing imported:');
    expect(stdout).toContain('row 3, column A (Ref), the row holds "No ref": IMPORT.REFERENCE_MISSING: the row has no reference');
    expect(stdout).toContain('row 4, column D (Target), "31.4.14": IMPORT.DATE_UNREADABLE:');
    expect(code).toBe(1);
    expect(await head()).toBe(before);
  });

  it('refuses to commit without a plan manager or admin to record it as', () => {
    const { code, stderr } = runBuilt('cli', ['import', file, '--options', optionsFile], env());
    expect(stderr.trim()).toMatch(/^actionplans: IMPORT\.WHO: --as: name the plan manager or admin/);
    expect(code).toBe(1);
  });
});
