import { openReadModelDb, type ReadModelDb } from '@actionplans/read-models';
import { describeWithPostgres, dropSchemas, tempDir } from '@actionplans/testing';
import { openWebTables, type WebDb } from './web-tables';

export interface WebDbUnderTest {
  db: WebDb;
  readModels: ReadModelDb;
}

/**
 * Runs `body` against the pages' tables on SQLite (a temp folder) and on PostgreSQL (a schema of
 * its own, skipped loudly when PostgreSQL is not running), each opened fresh before every test.
 */
export function describeOnEachDatabase(name: string, body: (world: () => WebDbUnderTest) => void): void {
  describe(`${name} (SQLite)`, () => {
    let current: WebDbUnderTest;
    let dir: ReturnType<typeof tempDir>;
    beforeEach(async () => {
      dir = tempDir('web-db');
      const readModels = await openReadModelDb({ dialect: 'sqlite', dataDir: dir.path });
      current = { readModels, db: await openWebTables(readModels) };
    });
    afterEach(async () => {
      await current.readModels.close();
      dir.remove();
    });
    body(() => current);
  });
  describeWithPostgres(`${name} (PostgreSQL)`, (url) => {
    let current: WebDbUnderTest;
    const schema = `web_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    beforeEach(async () => {
      await dropSchemas(url, schema);
      const readModels = await openReadModelDb({ dialect: 'postgres', databaseUrl: url, schema });
      current = { readModels, db: await openWebTables(readModels) };
    });
    afterEach(() => current.readModels.close());
    afterAll(() => dropSchemas(url, schema));
    body(() => current);
  });
}
