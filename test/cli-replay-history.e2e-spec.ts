import { join } from 'node:path';
import { actionDecider, actionStream } from '@actionplans/domain';
import { handle, SqliteEventStore } from '@actionplans/event-store';
import { openReadModelDb } from '@actionplans/read-models';
import { runBuilt, tempDir, writePlanScenario } from '@actionplans/testing';

/** A comment written to pass, on a terminal, for an admin's sign-off on a line of its own, then to recolour and rewrite the line above. */
const FORGED = '\n2026-01-01 admin signed off\n\u001b[31mred\u001b[0m\u001b[1A\u001b[2K';

describe('actionplans replay and history', () => {
  const dir = tempDir('cli-replay');
  let actionIds: string[];
  let events: number;
  beforeAll(async () => {
    const store = new SqliteEventStore({ file: join(dir.path, 'events.db') });
    ({ actionIds } = await writePlanScenario(store, 'hmip'));
    const owner = { userId: 'u-training', role: 'action owner' as const };
    await handle(store, actionStream(actionIds[1]), actionDecider, {
      actor: { id: owner.userId, role: owner.role },
      command: {
        type: 'UpdateProgress',
        actor: owner,
        now: '2021-03-10T10:00:00.000Z',
        commentary: `Audit done${FORGED}`,
        assessment: 'on track',
        asOf: '2021-03-10',
        facts: { scheme: null },
      },
    });
    events = await store.headPosition();
    await store.close();
  });
  afterAll(() => dir.remove());

  it('rebuilds the report tables from position 0 and prints how many events it replayed and how fast', async () => {
    const { code, stdout } = runBuilt('cli', ['replay'], { DATA_DIR: dir.path });
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`replayed ${events} events in \\d+\\.\\d s \\(\\d+ events/s\\)`));
    const readModels = await openReadModelDb({ dialect: 'sqlite', dataDir: dir.path });
    try {
      const stages = await readModels.db.selectFrom('actions').select('stage').orderBy('seq').execute();
      expect(stages.map((row) => row.stage)).toEqual(['complete', 'open', 'open', 'open']);
    } finally {
      await readModels.close();
    }
  });

  it("prints an action's timeline: who, in what role, what, and why", () => {
    const { code, stdout } = runBuilt('cli', ['history', actionIds[2]], { DATA_DIR: dir.path });
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(/u-manager \(plan manager\) {2}raised 2\.3: Action 2\.3 \(target Mar-21\)$/);
    expect(stdout).toContain('u-training (action owner)  asked to move the target date to Jun-21 — Policy 2.2 agreed late');
    expect(stdout).toContain('u-manager (plan manager)  approved the target date revision');
  });

  it('prints a comment that forges a line of history on its own line, its break shown as ⏎ and its terminal escapes dropped', () => {
    const { code, stdout } = runBuilt('cli', ['history', actionIds[1]], { DATA_DIR: dir.path });
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines.every((line) => /^\d{4}-\d{2}-\d{2}/.test(line))).toBe(true);
    expect(lines.filter((line) => line.includes('signed off'))).toEqual([
      expect.stringMatching(
        /u-training \(action owner\) {2}reported progress as of 2021-03-10 \(on track\): Audit done⏎2026-01-01 admin signed off⏎red$/,
      ),
    ]);
    expect(stdout.includes('\u001b')).toBe(false);
  });

  it('says so, and exits 1, for an action that does not exist', () => {
    const { code, stderr } = runBuilt('cli', ['history', 'no-such-action'], { DATA_DIR: dir.path });
    expect([code, stderr.trim()]).toEqual([1, 'actionplans: ACTION.NOT_FOUND: there is no action no-such-action']);
  });
});
