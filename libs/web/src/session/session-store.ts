import { createHash, randomBytes } from 'node:crypto';
import type { SessionRow, WebDb } from './web-tables';

/**
 * Where a session was signed in from: the request's address (Express's `request.ip`, so a proxy
 * trusted by TRUST_PROXY gives the client's) and the browser's User-Agent. Both are what the
 * browser and the network said, not proof; null for sessions begun before they were kept.
 */
export interface SessionClient {
  ip: string | null;
  userAgent: string | null;
}

/** A browser's session as the pages see it. `id` is the hash of the cookie's value, never the value. */
export interface WebSession {
  id: string;
  userId: string | null;
  csrfToken: string;
  createdAt: Date;
  lastSeenAt: Date;
  client: SessionClient;
  /** A form sent after an earlier session of this browser lapsed, waiting to be shown again. */
  keptForm?: KeptForm;
}

/**
 * What someone had typed into a form when their session lapsed: the page the form was on, its
 * fields (never a file, never the form's token), and whose session it was, so that only they get it back.
 */
export interface KeptForm {
  userId: string;
  page: string;
  fields: Record<string, string | string[]>;
  keptAt: number;
}

/** A kept form is offered back for as long as a sign-in link lasts, and a little more. */
export const KEPT_FORM_MS = 30 * 60_000;

export interface SessionLimits {
  /** Unused this long, a session ends. */
  idleMs: number;
  /** This long after it began (a sign-in begins a new one), a session ends however busy. */
  maxMs: number;
}

/** Seen again within this, a session's last-seen time is not rewritten: a page view is not a write. */
const TOUCH_EVERY_MS = 60_000;

/** Longer than any real browser's; a header made up to fill the table is cut short. */
const USER_AGENT_MAX = 512;
/** An IPv6 address with a zone is at most 46 characters; anything longer is not an address. */
const IP_MAX = 64;

export const sessionHash = (cookie: string) => createHash('sha256').update(cookie).digest('hex');
export const newSecret = () => randomBytes(32).toString('base64url');

/**
 * Sessions kept in the engine's database, so a restart keeps them and an admin can end them.
 * Time comes in as a value: the caller's clock decides when a session has lapsed.
 */
export class SessionStore {
  constructor(
    private readonly db: WebDb,
    private readonly limits: SessionLimits,
  ) {}

  /** A new session; returns the cookie's value (shown once) and the session. */
  async open(
    userId: string | null,
    now: Date,
    { csrfToken = newSecret(), client, keptForm }: { csrfToken?: string; client?: Partial<SessionClient>; keptForm?: KeptForm } = {},
  ): Promise<{ cookie: string; session: WebSession }> {
    const cookie = newSecret();
    const row = {
      session_hash: sessionHash(cookie),
      user_id: userId,
      csrf_token: csrfToken,
      created_ms: now.getTime(),
      seen_ms: now.getTime(),
      client_ip: client?.ip?.slice(0, IP_MAX) || null,
      user_agent: client?.userAgent?.slice(0, USER_AGENT_MAX) || null,
      kept_form: keptForm ? JSON.stringify(keptForm) : null,
    };
    await this.db.insertInto('web_sessions').values(row).execute();
    return { cookie, session: toSession(row) };
  }

  /** The live session a cookie names; a lapsed one is ended and not returned. */
  async find(cookie: string, now: Date): Promise<WebSession | undefined> {
    const found = await this.lookUp(cookie, now);
    return found && 'live' in found ? found.live : undefined;
  }

  /** The session a cookie names: live, or lapsed (and now ended), or none. */
  async lookUp(cookie: string, now: Date): Promise<{ live: WebSession } | { lapsed: WebSession } | undefined> {
    const row = await this.db.selectFrom('web_sessions').selectAll().where('session_hash', '=', sessionHash(cookie)).executeTakeFirst();
    if (!row) return undefined;
    const at = now.getTime();
    if (at - Number(row.seen_ms) > this.limits.idleMs || at - Number(row.created_ms) > this.limits.maxMs) {
      await this.end(row.session_hash);
      return { lapsed: toSession(row) };
    }
    if (at - Number(row.seen_ms) > TOUCH_EVERY_MS) {
      await this.db.updateTable('web_sessions').set({ seen_ms: at }).where('session_hash', '=', row.session_hash).execute();
      row.seen_ms = at;
    }
    return { live: toSession(row) };
  }

  /** Forgets a session's kept form, once its page has shown it again. */
  async dropKeptForm(sessionId: string): Promise<void> {
    await this.db.updateTable('web_sessions').set({ kept_form: null }).where('session_hash', '=', sessionId).execute();
  }

  /** Ends one session (sign-out, or an admin ending it by its id). */
  async end(sessionId: string): Promise<void> {
    await this.db.deleteFrom('web_sessions').where('session_hash', '=', sessionId).execute();
  }

  /** Ends every session of a user (an admin disabling them, or signing them out everywhere); returns how many. */
  async endSessions(userId: string): Promise<number> {
    const result = await this.db.deleteFrom('web_sessions').where('user_id', '=', userId).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Ends every session of a user but the one named (signing out of their other browsers); returns how many. */
  async endOtherSessions(userId: string, keep: string): Promise<number> {
    const result = await this.db
      .deleteFrom('web_sessions')
      .where('user_id', '=', userId)
      .where('session_hash', '!=', keep)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** The signed-in sessions still live (only the user's, when one is named), most recently used first. */
  async list(now: Date, userId?: string): Promise<WebSession[]> {
    const at = now.getTime();
    let query = this.db
      .selectFrom('web_sessions')
      .selectAll()
      .where('user_id', 'is not', null)
      .where('seen_ms', '>=', at - this.limits.idleMs)
      .where('created_ms', '>=', at - this.limits.maxMs);
    if (userId !== undefined) query = query.where('user_id', '=', userId);
    const rows = await query.orderBy('seen_ms', 'desc').orderBy('created_ms', 'desc').execute();
    return rows.map(toSession);
  }

  /**
   * When each user last began a session (signed in), as far as the sessions kept show it: those
   * ended by signing out or by an admin are gone, so a user may have signed in since.
   */
  async lastSignIns(): Promise<Map<string, Date>> {
    const rows = await this.db
      .selectFrom('web_sessions')
      .select((query) => ['user_id', query.fn.max('created_ms').as('latest')])
      .where('user_id', 'is not', null)
      .groupBy('user_id')
      .execute();
    return new Map(rows.map((row) => [row.user_id!, new Date(Number(row.latest))]));
  }

  /** Removes lapsed sessions; whoever held them has to sign in again either way. */
  async purge(now: Date): Promise<number> {
    const at = now.getTime();
    const result = await this.db
      .deleteFrom('web_sessions')
      .where((row) => row.or([row('seen_ms', '<', at - this.limits.idleMs), row('created_ms', '<', at - this.limits.maxMs)]))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

function toSession(row: SessionRow): WebSession {
  return {
    id: row.session_hash,
    userId: row.user_id,
    csrfToken: row.csrf_token,
    createdAt: new Date(Number(row.created_ms)),
    lastSeenAt: new Date(Number(row.seen_ms)),
    client: { ip: row.client_ip ?? null, userAgent: row.user_agent ?? null },
    keptForm: row.kept_form ? keptFormOf(row.kept_form) : undefined,
  };
}

function keptFormOf(json: string): KeptForm | undefined {
  try {
    return JSON.parse(json) as KeptForm;
  } catch {
    return undefined;
  }
}
