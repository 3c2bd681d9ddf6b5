import type { Transaction } from 'kysely';
import { columnsOf } from './schema';
import { KEYS, type ReadModelTables } from './tables';

type Table = keyof ReadModelTables;
type Row<T extends Table> = ReadModelTables[T];

const ROWS_PER_STATEMENT = 200;

const keyOf = <T extends Table>(table: T, row: Partial<Row<T>>) => KEYS[table].map((column) => String(row[column])).join('\u0000');

/**
 * The rows one batch of events changes, kept in memory and written at the end of the batch in a
 * few multi-row upserts: a statement per event would cap a replay at a few thousand events a
 * second.
 */
export class Staging {
  private readonly dirty = new Map<Table, Map<string, object>>();
  private readonly removed: Array<{ table: Table; row: object }> = [];

  constructor(private readonly trx: Transaction<ReadModelTables>) {}

  /** Puts a new or changed row to be written. */
  put<T extends Table>(table: T, row: Row<T>): Row<T> {
    const rows = this.dirty.get(table) ?? new Map<string, object>();
    this.dirty.set(table, rows);
    rows.set(keyOf(table, row), row);
    return row;
  }

  /** A row by its key: changed in this batch, else as stored, else undefined. */
  async get<T extends Table>(table: T, key: Partial<Row<T>>): Promise<Row<T> | undefined> {
    const staged = this.dirty.get(table)?.get(keyOf(table, key)) as Row<T> | undefined;
    if (staged) return staged;
    // Widened to every table on purpose: Kysely cannot resolve `where` on a query over a generic table.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
    let query = this.trx.selectFrom(table as Table).selectAll();
    for (const column of KEYS[table]) query = query.where(column as never, '=', key[column] as never);
    const stored = (await query.executeTakeFirst()) as Row<T> | undefined;
    return stored ? this.put(table, { ...stored }) : undefined;
  }

  /** Loads many rows of one table at once, so most lookups of a batch are served from memory. */
  async preload<T extends 'plans' | 'actions' | 'panels' | 'standing_panels'>(table: T, ids: string[]): Promise<void> {
    const column = KEYS[table][0];
    for (let at = 0; at < ids.length; at += 500) {
      const rows = await this.trx
        .selectFrom(table as Table)
        .selectAll()
        .where(column as never, 'in', ids.slice(at, at + 500) as never)
        .execute();
      for (const row of rows) this.put(table, { ...(row as Row<T>) });
    }
  }

  remove<T extends Table>(table: T, row: Row<T>): void {
    this.dirty.get(table)?.delete(keyOf(table, row));
    this.removed.push({ table, row });
  }

  /** Writes every change of the batch. */
  async flush(): Promise<void> {
    for (const { table, row } of this.removed) {
      let query = this.trx.deleteFrom(table);
      for (const column of KEYS[table]) query = query.where(column as never, '=', (row as Record<string, never>)[column]);
      await query.execute();
    }
    for (const [table, rows] of this.dirty) await this.upsert(table, [...rows.values()]);
  }

  private async upsert(table: Table, rows: object[]): Promise<void> {
    const keys = KEYS[table] as string[];
    const updated = (columnsOf(table) as string[]).filter((column) => !keys.includes(column));
    for (let at = 0; at < rows.length; at += ROWS_PER_STATEMENT) {
      await this.trx
        .insertInto(table)
        .values(rows.slice(at, at + ROWS_PER_STATEMENT))
        .onConflict((conflict) =>
          conflict
            .columns(keys as never)
            .doUpdateSet((excluded) => Object.fromEntries(updated.map((column) => [column, excluded.ref(`excluded.${column}` as never)]))),
        )
        .execute();
    }
  }
}
