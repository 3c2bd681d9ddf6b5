import { ensureTable, type ReadModelDb } from '@actionplans/read-models';
import type { Kysely } from 'kysely';

/** A browser's session; the cookie holds a random id and only its SHA-256 is kept. */
export interface SessionRow {
  session_hash: string;
  /** Null until someone signs in: a visitor filling in the sign-in form has a session for its CSRF token. */
  user_id: string | null;
  csrf_token: string;
  created_ms: number;
  seen_ms: number;
  /** Where it was signed in from (`request.ip`), and the browser's User-Agent; null in sessions older than these columns. */
  client_ip: string | null;
  user_agent: string | null;
  /**
   * A form its user sent after their session had lapsed, kept (as JSON) on the session that asks them
   * to sign in again and carried to the one they sign in with, until the form's page shows it again.
   */
  kept_form: string | null;
}

/** A one-time sign-in link; only the SHA-256 of its token is kept, and when it was used. */
export interface SignInLinkRow {
  token_hash: string;
  user_id: string;
  return_to: string | null;
  created_ms: number;
  expires_ms: number;
  used_ms: number | null;
}

export interface WebTables {
  web_sessions: SessionRow;
  sign_in_links: SignInLinkRow;
}

export type WebDb = Kysely<WebTables>;

/**
 * The pages' tables live in the read-model database beside the report tables, but are not report
 * tables: they are not derived from events, so `replay` leaves them alone.
 */
export async function openWebTables(readModels: ReadModelDb): Promise<WebDb> {
  const db = readModels.db as unknown as WebDb;
  await ensureTable(
    db,
    readModels.dialect,
    'web_sessions',
    // The last three came later: ensureTable adds them to a database made before, empty for the sessions in it.
    {
      session_hash: 'text',
      user_id: 'text?',
      csrf_token: 'text',
      created_ms: 'bigint',
      seen_ms: 'bigint',
      client_ip: 'text?',
      user_agent: 'text?',
      kept_form: 'text?',
    },
    ['session_hash'],
  );
  await ensureTable(
    db,
    readModels.dialect,
    'sign_in_links',
    { token_hash: 'text', user_id: 'text', return_to: 'text?', created_ms: 'bigint', expires_ms: 'bigint', used_ms: 'bigint?' },
    ['token_hash'],
  );
  await db.schema.createIndex('web_sessions_by_user_id').ifNotExists().on('web_sessions').column('user_id').execute();
  await db.schema.createIndex('sign_in_links_by_user_id').ifNotExists().on('sign_in_links').column('user_id').execute();
  return db;
}
