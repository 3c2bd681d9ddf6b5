import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { describeWithPostgres, dropSchemas } from '../../testing/src/services';
import { tempDir } from '../../testing/src/temp-dir';
import type { EventStore } from './event-store.port';
import { PostgresEventStore } from './postgres/postgres-event-store';
import { SqliteEventStore } from './sqlite/sqlite-event-store';
import { verifyLog } from './verify';

const WRITER = join(__dirname, '..', '..', 'testing', 'src', 'crash-writer.ts');

/** Runs the crash writer until it has acknowledged `acks` events, then kills it with SIGKILL. */
function killAfter(args: string[], acks: number): Promise<string[]> {
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', WRITER, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  return new Promise((resolve, reject) => {
    child.stderr.on('data', (chunk) => (err += chunk));
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (out.split('\n').length > acks) child.kill('SIGKILL');
    });
    child.once('exit', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`the writer exited with ${code} before it was killed: ${err}`));
      // Only whole lines: a line cut off by the kill was not fully reported.
      else resolve(out.split('\n').slice(0, -1));
    });
  });
}

async function expectAllAcknowledged(store: EventStore, acknowledged: string[]): Promise<void> {
  const stored = new Set<string>();
  for (let page = await store.readAll(0, 1000); page.length > 0; page = await store.readAll(page[page.length - 1].position, 1000)) {
    for (const event of page) stored.add(event.id);
  }
  expect(acknowledged.length).toBeGreaterThan(200);
  expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
  expect(await verifyLog(store)).toMatchObject({ ok: true });
}

describe('an append acknowledged by SQLite', () => {
  const dir = tempDir('crash');
  afterAll(() => dir.remove());

  it('is in the log after the writer is killed with SIGKILL mid-stream, and the chain verifies', async () => {
    const file = join(dir.path, 'events.db');
    const acknowledged = await killAfter(['sqlite', file], 500);
    const store = new SqliteEventStore({ file });
    await expectAllAcknowledged(store, acknowledged);
    await store.close();
  });
});

describeWithPostgres('an append acknowledged by PostgreSQL', (url) => {
  const schema = `crash_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  afterAll(() => dropSchemas(url, schema));

  it('is in the log after the writer is killed with SIGKILL mid-stream, and the chain verifies', async () => {
    const acknowledged = await killAfter(['postgres', url, schema], 500);
    const store = await PostgresEventStore.open({ connectionString: url, schema });
    await expectAllAcknowledged(store, acknowledged);
    await store.close();
  });
});
