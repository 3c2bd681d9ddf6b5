import Database from 'better-sqlite3';
import { join } from 'node:path';
import { NO_STREAM, SqliteEventStore } from '@actionplans/event-store';
import { runBuilt, tempDir } from '@actionplans/testing';

describe('actionplans verify', () => {
  const dir = tempDir('cli-verify');
  afterAll(() => dir.remove());
  const actor = { id: 'user-2', role: 'action owner' };

  beforeAll(async () => {
    const store = new SqliteEventStore({ file: join(dir.path, 'events.db') });
    for (const action of ['2.1', '2.2', '2.3']) {
      await store.append(
        `action-${action}`,
        [
          { type: 'ActionRaised', data: { reference: action }, metadata: { actor } },
          { type: 'ProgressUpdated', data: { commentary: 'Policy drafted' }, metadata: { actor } },
        ],
        NO_STREAM,
      );
    }
    await store.close();
  });

  it('prints what it verified and exits 0 on an untouched log', () => {
    const { code, stdout } = runBuilt('cli', ['verify'], { DATA_DIR: dir.path });
    expect(stdout.trim()).toBe('verified 6 events in 3 streams');
    expect(code).toBe(0);
  });

  it('names the first broken stream and version and exits 1 after a payload is edited', () => {
    const raw = new Database(join(dir.path, 'events.db'));
    raw.prepare(`UPDATE events SET data = '{"commentary":"Action completed"}' WHERE stream = 'action-2.2' AND version = 2`).run();
    raw.close();
    const { code, stdout } = runBuilt('cli', ['verify'], { DATA_DIR: dir.path });
    expect(stdout.trim()).toMatch(/^tampering found at stream action-2\.2 version 2 \(position 4\): .*content was altered$/);
    expect(code).toBe(1);
  });

  it('explains a bad configuration in one line', () => {
    const { code, stderr } = runBuilt('cli', ['verify'], { EVENT_STORE: 'mongo' });
    expect(stderr.trim()).toBe('actionplans: EVENT_STORE: must be one of sqlite, postgres, kurrentdb (got "mongo")');
    expect(code).toBe(1);
  });
});
