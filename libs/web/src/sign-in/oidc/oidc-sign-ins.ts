import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { ensureTable, type ReadModelDb } from '@actionplans/read-models';
import type { Kysely } from 'kysely';
import type { AuthorizationChecks } from './oidc-client';

/** A sign-in sent to the provider and not yet back, by the browser session that started it. */
interface PendingRow {
  session_hash: string;
  state: string;
  nonce: string;
  code_verifier: string;
  return_to: string;
  created_ms: number;
}

/** The ID token of a session begun through the provider, sealed with a key only that session's cookie gives. */
interface IdTokenRow {
  session_hash: string;
  id_token_sealed: string;
  created_ms: number;
}

interface OidcTables {
  oidc_pending_sign_ins: PendingRow;
  oidc_session_tokens: IdTokenRow;
}

/** A sign-in not back from the provider within this is refused (as a state mismatch: start again). */
export const PENDING_FOR_MS = 10 * 60_000;

/**
 * What the provider sign-in keeps between requests, beside the sessions in the engine's database:
 * the checks of a sign-in in flight (state, nonce, PKCE verifier, returnTo), bound to the browser's
 * session and used once; and, for sign-out at the provider, the ID token of each session it began.
 * The token is sealed (AES-GCM) under a key derived from the session's cookie, which the database
 * never holds, so reading the table gives no token to present anywhere.
 */
export class OidcSignIns {
  private constructor(
    private readonly db: Kysely<OidcTables>,
    private readonly keepTokensMs: number,
  ) {}

  static async open(readModels: ReadModelDb, keepTokensMs: number): Promise<OidcSignIns> {
    const db = readModels.db as unknown as Kysely<OidcTables>;
    const pending = {
      session_hash: 'text',
      state: 'text',
      nonce: 'text',
      code_verifier: 'text',
      return_to: 'text',
      created_ms: 'bigint',
    } as const;
    await ensureTable(db, readModels.dialect, 'oidc_pending_sign_ins', pending, ['session_hash']);
    await ensureTable(
      db,
      readModels.dialect,
      'oidc_session_tokens',
      { session_hash: 'text', id_token_sealed: 'text', created_ms: 'bigint' },
      ['session_hash'],
    );
    return new OidcSignIns(db, keepTokensMs);
  }

  /** Remembers a sign-in's checks for the session that starts it; a newer start replaces an older one. */
  async begin(sessionId: string, checks: AuthorizationChecks, returnTo: string, now: Date): Promise<void> {
    await this.db.deleteFrom('oidc_pending_sign_ins').where('session_hash', '=', sessionId).execute();
    await this.db
      .deleteFrom('oidc_pending_sign_ins')
      .where('created_ms', '<', now.getTime() - PENDING_FOR_MS)
      .execute();
    const row = { session_hash: sessionId, ...rowOf(checks), return_to: returnTo, created_ms: now.getTime() };
    await this.db.insertInto('oidc_pending_sign_ins').values(row).execute();
  }

  /** The session's sign-in in flight, removed as it is read (a callback is good once); undefined if none or too old. */
  async take(sessionId: string, now: Date): Promise<(AuthorizationChecks & { returnTo: string }) | undefined> {
    const row = await this.db.selectFrom('oidc_pending_sign_ins').selectAll().where('session_hash', '=', sessionId).executeTakeFirst();
    if (!row) return undefined;
    await this.db.deleteFrom('oidc_pending_sign_ins').where('session_hash', '=', sessionId).execute();
    if (now.getTime() - Number(row.created_ms) > PENDING_FOR_MS) return undefined;
    return { state: row.state, nonce: row.nonce, codeVerifier: row.code_verifier, returnTo: row.return_to };
  }

  /** Keeps the ID token of a session just begun through the provider, for sign-out there. */
  async remember(sessionId: string, cookie: string, idToken: string, now: Date): Promise<void> {
    await this.db
      .deleteFrom('oidc_session_tokens')
      .where('created_ms', '<', now.getTime() - this.keepTokensMs)
      .execute();
    await this.db
      .insertInto('oidc_session_tokens')
      .values({ session_hash: sessionId, id_token_sealed: seal(cookie, idToken), created_ms: now.getTime() })
      .execute();
  }

  /** The session's ID token, forgotten as it is read (sign-out); undefined for a session not begun through the provider. */
  async forget(sessionId: string, cookie: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('oidc_session_tokens').selectAll().where('session_hash', '=', sessionId).executeTakeFirst();
    if (!row) return undefined;
    await this.db.deleteFrom('oidc_session_tokens').where('session_hash', '=', sessionId).execute();
    return unseal(cookie, row.id_token_sealed);
  }
}

const rowOf = (checks: AuthorizationChecks) => ({ state: checks.state, nonce: checks.nonce, code_verifier: checks.codeVerifier });

const keyOf = (cookie: string) => createHash('sha256').update(`oidc-id-token\n${cookie}`).digest();

function seal(cookie: string, text: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(cookie), iv);
  const sealed = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
}

function unseal(cookie: string, value: string): string | undefined {
  const bytes = Buffer.from(value, 'base64url');
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyOf(cookie), bytes.subarray(0, 12));
    decipher.setAuthTag(bytes.subarray(12, 28));
    return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    // Another cookie than the one it was sealed under: nothing to sign out of at the provider.
    return undefined;
  }
}
