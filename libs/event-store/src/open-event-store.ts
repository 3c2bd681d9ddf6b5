import { ConfigurationError, type AppConfig } from '@actionplans/config';
import type { CheckpointStore, EventStore } from './event-store.port';
import { PostgresEventStore } from './postgres/postgres-event-store';
import { SqliteEventStore } from './sqlite/sqlite-event-store';
import { join } from 'node:path';

export type ConfiguredEventStore = EventStore & CheckpointStore;

/**
 * Opens the event store the configuration names and proves it answers, so a wrong URL or an
 * unwritable folder stops the process at start-up with the variable to fix.
 */
export async function openEventStore(config: AppConfig): Promise<ConfiguredEventStore> {
  switch (config.eventStore) {
    case 'sqlite':
      return attempt('DATA_DIR', async () => new SqliteEventStore({ file: join(config.dataDir, 'events.db') }));
    case 'postgres':
      return attempt('DATABASE_URL', () => PostgresEventStore.open({ connectionString: config.databaseUrl! }));
    case 'kurrentdb':
      return attempt('KURRENTDB_URL', async () => {
        // Loaded only when chosen: its gRPC client added 10-20 MB to the resident size of an app on SQLite.
        const { KurrentDbEventStore } = await import('./kurrentdb/kurrentdb-event-store');
        const store = new KurrentDbEventStore({ connectionString: config.kurrentDbUrl! });
        const health = await store.health();
        if (health.status === 'up') return store;
        await store.close();
        throw new Error(`cannot use KurrentDB: ${health.detail || 'the server does not answer'}`);
      });
  }
}

async function attempt(variable: string, open: () => Promise<ConfiguredEventStore>): Promise<ConfiguredEventStore> {
  try {
    return await open();
  } catch (error) {
    const reason = (error as Error).message || String(error);
    throw new ConfigurationError(variable, reason.replace(/\s+/g, ' '));
  }
}
