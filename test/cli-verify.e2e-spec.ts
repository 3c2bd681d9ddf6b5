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
    // An impact measure whose figure was restated, and the plan's register of packs issued.
    const figure = { period: 'Q1', periodEnd: '2021-03-31', value: 61.2, provisional: true, note: null };
    await store.append(
      'measure-m1',
      [
        { type: 'MeasureDefined', data: { measureId: 'm1', planId: 'p1', unit: '%' }, metadata: { actor } },
        { type: 'ActualRecorded', data: figure, metadata: { actor } },
        { type: 'ActualRestated', data: { ...figure, value: 58, reason: 're-run', replaces: figure }, metadata: { actor } },
      ],
      NO_STREAM,
    );
    await store.append('packs-p1', [{ type: 'PackIssued', data: { packId: 'k1', hash: 'ab'.repeat(32) }, metadata: { actor } }], NO_STREAM);
    await store.close();
  });

  it('prints what it verified and exits 0 on an untouched log', () => {
    const { code, stdout } = runBuilt('cli', ['verify'], { DATA_DIR: dir.path });
    expect(stdout.trim()).toBe('verified 10 events in 5 streams');
    expect(code).toBe(0);
  });

  it.each([
    ['a restated figure of a measure', 'measure-m1', 3, 'value', 61.2, 9],
    ['the hash of an issued pack', 'packs-p1', 1, 'hash', 'f'.repeat(64), 10],
  ])('names the stream after %s is edited, and passes again once it is put back', (_, stream, version, field, value, position) => {
    const raw = new Database(join(dir.path, 'events.db'));
    const { data } = raw.prepare(`SELECT data FROM events WHERE stream = ? AND version = ?`).get(stream, version) as { data: string };
    raw.prepare(`UPDATE events SET data = json_set(data, ?, ?) WHERE stream = ? AND version = ?`).run(`$.${field}`, value, stream, version);
    const tampered = runBuilt('cli', ['verify'], { DATA_DIR: dir.path });
    raw.prepare(`UPDATE events SET data = ? WHERE stream = ? AND version = ?`).run(data, stream, version);
    raw.close();
    expect(tampered.stdout.trim()).toBe(
      `tampering found at stream ${stream} version ${version} (position ${position}): the event does not match its hash: its content was altered`,
    );
    expect(tampered.code).toBe(1);
    expect(runBuilt('cli', ['verify'], { DATA_DIR: dir.path }).code).toBe(0);
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
