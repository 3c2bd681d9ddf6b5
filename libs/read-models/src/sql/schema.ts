import { sql, type Kysely } from 'kysely';
import { KEYS, type ReadModelTables } from './tables';

type ColumnType = 'text' | 'integer' | 'bigint';
/** Each column's type; `?` marks a column that may be null. */
export type Columns = Record<string, `${ColumnType}${'' | '?'}`>;

const TABLES: { [T in keyof ReadModelTables]: { [C in keyof ReadModelTables[T]]: `${ColumnType}${'' | '?'}` } } = {
  plans: {
    plan_id: 'text',
    kind: 'text',
    title: 'text',
    source_body: 'text',
    source_date: 'text',
    source_judgement: 'text?',
    stage: 'text',
    status_labels: 'text',
    rating_scheme: 'text?',
    default_basis: 'text?',
    approval_to_close: 'text?',
    delegated_sign_off: 'text?',
    quorum: 'integer',
    warning_days: 'integer',
    submitted_to: 'text?',
    submitted_on: 'text?',
    approved_by: 'text?',
    approved_on: 'text?',
    version: 'integer',
  },
  groupings: { grouping_id: 'text', plan_id: 'text', parent_id: 'text?', kind: 'text', refs: 'text', title: 'text', seq: 'bigint' },
  actions: {
    action_id: 'text',
    plan_id: 'text',
    grouping_id: 'text',
    refs: 'text',
    description: 'text',
    lead_owners: 'text',
    supporting_owners: 'text',
    evidence_required: 'text?',
    raised_at_panel: 'text?',
    original_target: 'text',
    target: 'text',
    target_due: 'text?',
    start: 'text?',
    start_on: 'text?',
    stage: 'text',
    assessment: 'text?',
    progress_as_of: 'text?',
    progress_commentary: 'text?',
    rating: 'text?',
    rating_authority: 'text?',
    duplicate_of: 'text?',
    signed_off_panel: 'text?',
    signed_off_at: 'text?',
    signed_off_rationale: 'text?',
    signed_off_by_body: 'text?',
    approved_to_close_by: 'text?',
    approved_to_close_authority: 'text?',
    approved_to_close_at: 'text?',
    raised_at: 'text',
    seq: 'bigint',
    version: 'integer',
  },
  progress_updates: {
    action_id: 'text',
    version: 'integer',
    commentary: 'text',
    assessment: 'text',
    as_of: 'text',
    backdating_reason: 'text?',
    rating: 'text?',
    by_id: 'text',
    by_role: 'text',
    recorded_at: 'text',
  },
  evidence: {
    evidence_id: 'text',
    action_id: 'text',
    title: 'text',
    kind: 'text',
    link: 'text?',
    file_name: 'text?',
    file_sha256: 'text?',
    file_bytes: 'bigint?',
    restricted: 'integer',
    withdrawn: 'integer',
    attached_at: 'text',
  },
  target_date_revisions: {
    revision_id: 'text',
    action_id: 'text',
    proposed: 'text',
    proposed_due: 'text?',
    reason: 'text',
    state: 'text',
    requested_by: 'text',
    requested_at: 'text',
    decided_by: 'text?',
    decided_at: 'text?',
    rejection_reason: 'text?',
  },
  action_links: { action_id: 'text', kind: 'text', target_action_id: 'text', note: 'text?' },
  panels: {
    panel_id: 'text',
    plan_id: 'text',
    title: 'text',
    date: 'text',
    chair: 'text',
    members: 'text',
    present: 'text',
    version: 'integer',
    standing_panel_id: 'text?',
  },
  panel_agenda: {
    panel_id: 'text',
    action_id: 'text',
    refs: 'text',
    submitted_version: 'integer',
    decision_id: 'text?',
    outcome: 'text?',
    rationale: 'text?',
    challenge_points: 'text?',
    decided_by: 'text?',
    decided_at: 'text?',
  },
  standing_panels: {
    standing_panel_id: 'text',
    name: 'text',
    terms_of_reference: 'text',
    quorum: 'integer',
    members: 'text',
    plan_ids: 'text',
    version: 'integer',
  },
  projection_checkpoints: { name: 'text', position: 'bigint' },
};

const INDEXES: Array<[keyof ReadModelTables, string[]]> = [
  ['groupings', ['plan_id']],
  ['actions', ['plan_id']],
  ['evidence', ['action_id']],
  ['target_date_revisions', ['action_id']],
  ['panels', ['plan_id']],
  ['panels', ['standing_panel_id']],
  ['panel_agenda', ['action_id']],
];

/** Creates the report tables if they are missing, and adds the columns added since an existing table was made. */
export async function createTables(db: Kysely<ReadModelTables>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  for (const [table, columns] of Object.entries(TABLES) as Array<[keyof ReadModelTables, Columns]>) {
    await ensureTable(db, dialect, table, columns, KEYS[table]);
  }
  for (const [table, columns] of INDEXES) {
    await db.schema
      .createIndex(`${table}_by_${columns.join('_')}`)
      .ifNotExists()
      .on(table)
      .columns(columns)
      .execute();
  }
}

/**
 * Creates a table in the read-model database if it is missing, and adds the nullable columns added
 * since it was made. Other libraries keep tables of their own there (the pages' sessions) this way;
 * only the report tables listed here are dropped by `replay`.
 */
export async function ensureTable<DB>(db: Kysely<DB>, dialect: 'sqlite' | 'postgres', table: string, columns: Columns, key: string[]) {
  const schema = db as unknown as Kysely<ReadModelTables>;
  let create = schema.schema.createTable(table).ifNotExists();
  for (const [column, type] of Object.entries(columns)) {
    const [base, optional] = [type.replace('?', '') as ColumnType, type.endsWith('?')];
    create = create.addColumn(column, sql.raw(base), (definition) => (optional ? definition : definition.notNull()));
  }
  await create.addPrimaryKeyConstraint(`${table}_pk`, key as never).execute();
  await addMissingColumns(schema, dialect, table, columns);
}

/**
 * The migration: a table made by an earlier version lacks the columns added since (a rating, a
 * start date). They are added empty, which is right for rows projected before the events that
 * fill them existed; a missing required column cannot be filled, and asks for a replay instead.
 */
async function addMissingColumns(db: Kysely<ReadModelTables>, dialect: 'sqlite' | 'postgres', table: string, columns: Columns) {
  const existing = new Set((await columnsIn(db, dialect, table)).map((row) => row.name));
  for (const [column, type] of Object.entries(columns)) {
    if (existing.has(column)) continue;
    if (!type.endsWith('?'))
      throw new Error(`report table ${table} lacks required column ${column}: run \`actionplans replay\` to rebuild it`);
    // Two processes opening an older PostgreSQL schema at once would both add it: IF NOT EXISTS lets the second pass.
    const ifMissing = dialect === 'postgres' ? sql.raw('if not exists ') : sql.raw('');
    await sql`alter table ${sql.table(table)} add column ${ifMissing}${sql.ref(column)} ${sql.raw(type.replace('?', ''))}`.execute(db);
  }
}

async function columnsIn(db: Kysely<ReadModelTables>, dialect: 'sqlite' | 'postgres', table: string) {
  const query =
    dialect === 'sqlite'
      ? sql<{ name: string }>`select name from pragma_table_info(${table})`
      : sql<{
          name: string;
        }>`select column_name as name from information_schema.columns where table_schema = current_schema() and table_name = ${table}`;
  return (await query.execute(db)).rows;
}

/** Drops every report table: `replay` rebuilds them from the event log. */
export async function dropTables(db: Kysely<ReadModelTables>): Promise<void> {
  for (const table of Object.keys(TABLES)) await db.schema.dropTable(table).ifExists().execute();
}

/** The column names of a table, in a stable order. */
export const columnsOf = <T extends keyof ReadModelTables>(table: T) =>
  Object.keys(TABLES[table]) as Array<keyof ReadModelTables[T] & string>;
