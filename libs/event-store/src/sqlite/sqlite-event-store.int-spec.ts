import { join } from 'node:path';
import { tempDir } from '../../../testing/src/temp-dir';
import { describeEventStoreContract } from '../contract/event-store.contract';
import { SqliteEventStore } from './sqlite-event-store';

const dir = tempDir('sqlite-contract');
afterAll(() => dir.remove());

describeEventStoreContract('sqlite', {
  open: async () => new SqliteEventStore({ file: join(dir.path, 'events.db'), pollIntervalMs: 50 }),
});
