import type { EventStore } from '@actionplans/event-store';
import { ReadModelProjection } from './projection';
import type { ReadModelDb } from './read-model-db';
import { createTables, dropTables } from './schema';

export interface ReplayProgress {
  events: number;
  position: number;
  head: number;
}

/**
 * Rebuilds every report table from position 0: drops them, creates them empty, and writes the
 * whole log through the same projection the live runner uses.
 */
export async function replayReadModels(
  store: EventStore,
  readModels: ReadModelDb,
  onProgress: (progress: ReplayProgress) => void = () => {},
  batchSize = 2_000,
): Promise<{ events: number; seconds: number }> {
  const started = process.hrtime.bigint();
  await dropTables(readModels.db);
  await createTables(readModels.db, readModels.dialect);
  const projection = new ReadModelProjection(readModels);
  const head = await store.headPosition();
  let position = 0;
  let events = 0;
  for (;;) {
    const page = await store.readAll(position, batchSize);
    if (page.length === 0) break;
    await projection.apply(page);
    events += page.length;
    position = page.at(-1)!.position;
    onProgress({ events, position, head });
  }
  return { events, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}
