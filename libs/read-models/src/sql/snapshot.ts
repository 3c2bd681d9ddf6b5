import type { ReadModelDb } from './read-model-db';
import { columnsOf } from './schema';
import { KEYS, type ReadModelTables } from './tables';

/**
 * Every row of every report table, in key order: what "the same tables" means when live tables
 * are compared with a replay of the log.
 */
export async function snapshotTables({ db }: ReadModelDb): Promise<Record<keyof ReadModelTables, unknown[]>> {
  const tables = {} as Record<keyof ReadModelTables, unknown[]>;
  for (const table of Object.keys(KEYS) as Array<keyof ReadModelTables>) {
    let query = db.selectFrom(table).select(columnsOf(table) as never);
    for (const key of KEYS[table]) query = query.orderBy(key as never);
    tables[table] = await query.execute();
  }
  return tables;
}
