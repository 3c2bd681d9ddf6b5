import { sql } from 'kysely';
import { describeWithPostgres, dropSchemas, tempDir } from '@actionplans/testing';
import { openReadModelDb, type ReadModelDbOptions } from './read-model-db';

/** Columns added since the first release: a report database made before them gains them, empty, when next opened. */
const ADDED = [
  ['plans', 'rating_scheme'],
  ['plans', 'default_basis'],
  ['actions', 'start'],
  ['actions', 'start_on'],
  ['actions', 'rating'],
  ['actions', 'rating_authority'],
  ['progress_updates', 'rating'],
] as const;

function describeMigration(name: string, options: (dir: string) => ReadModelDbOptions) {
  it(`adds the rating and start date columns to report tables made before them, on ${name}`, async () => {
    const dir = tempDir(`schema-${name}`);
    try {
      const older = await openReadModelDb(options(dir.path));
      // As an earlier version left it: the tables without the columns added since, and a row in one.
      for (const [table, column] of ADDED) await sql`alter table ${sql.table(table)} drop column ${sql.ref(column)}`.execute(older.db);
      await sql`insert into plans (plan_id, kind, title, source_body, source_date, stage, status_labels, quorum, warning_days, version)
        values ('p-old', 'inspection', 'Old plan', 'HMIP', '2020-12-17', 'active', '{}', 2, 14, 3)`.execute(older.db);
      await older.close();

      const reopened = await openReadModelDb(options(dir.path));
      try {
        const plan = await reopened.db.selectFrom('plans').selectAll().where('plan_id', '=', 'p-old').executeTakeFirstOrThrow();
        expect(plan).toMatchObject({ title: 'Old plan', rating_scheme: null, default_basis: null });
        for (const [table] of ADDED) await reopened.db.selectFrom(table).selectAll().execute();
        await reopened.db
          .insertInto('progress_updates')
          .values({
            action_id: 'a',
            version: 2,
            commentary: 'c',
            assessment: 'on track',
            as_of: '2023-01-31',
            backdating_reason: null,
            rating: 'on-track',
            by_id: 'u',
            by_role: 'action owner',
            recorded_at: '2023-01-31T00:00:00.000Z',
          })
          .execute();
      } finally {
        await reopened.close();
      }
    } finally {
      dir.remove();
    }
  });
}

describe('report table migrations', () => {
  describeMigration('SQLite', (dir) => ({ dialect: 'sqlite', dataDir: dir }));
});

describeWithPostgres('report table migrations on PostgreSQL', (url) => {
  const schema = `rm_migration_${process.pid}`;
  afterAll(() => dropSchemas(url, schema));
  describeMigration('PostgreSQL', () => ({ dialect: 'postgres', databaseUrl: url, schema }));
});
