import { newSecret, sessionHash } from '../session/session-store';
import type { WebDb } from '../session/web-tables';

/** How long an emailed sign-in link works. */
export const LINK_LIFETIME_MS = 15 * 60_000;
/** Links asked for one person within a link's lifetime beyond this are not sent: a mailbox is not flooded. */
export const LINKS_PER_PERSON = 3;

export type LinkRefusal = 'unknown' | 'used' | 'expired';

export type Redeemed = { ok: true; userId: string; returnTo: string | null } | { ok: false; why: LinkRefusal; returnTo: string | null };

/** The path of a sign-in link; the token is the last segment, which the request log redacts. */
export const SIGN_IN_LINK_PATH = '/sign-in/link/';

/**
 * One-time sign-in links: a random token in the link, its SHA-256 in the database with when it
 * lapses and when it was used. A link works once, within 15 minutes.
 */
export class SignInLinks {
  constructor(
    private readonly db: WebDb,
    private readonly publicUrl: string,
  ) {}

  /** A new link for a user; `returnTo` is where they land after signing in (a same-site path). */
  async issue(userId: string, returnTo: string | null, now: Date): Promise<{ token: string; url: string; expiresAt: Date }> {
    const token = newSecret();
    const expires = now.getTime() + LINK_LIFETIME_MS;
    await this.db
      .insertInto('sign_in_links')
      .values({
        token_hash: sessionHash(token),
        user_id: userId,
        return_to: returnTo,
        created_ms: now.getTime(),
        expires_ms: expires,
        used_ms: null,
      })
      .execute();
    return { token, url: `${this.publicUrl}${SIGN_IN_LINK_PATH}${token}`, expiresAt: new Date(expires) };
  }

  /** How many links were asked for this user while the newest could still be live. */
  async recentFor(userId: string, now: Date): Promise<number> {
    const row = await this.db
      .selectFrom('sign_in_links')
      .select((query) => query.fn.countAll<number>().as('count'))
      .where('user_id', '=', userId)
      .where('created_ms', '>', now.getTime() - LINK_LIFETIME_MS)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  /**
   * Uses a link: the first redemption within its lifetime wins, atomically (two tabs, or a mail
   * scanner racing the person, cannot both sign in with it); any other says why not.
   */
  async redeem(token: string, now: Date): Promise<Redeemed> {
    const hash = sessionHash(token);
    const used = await this.db
      .updateTable('sign_in_links')
      .set({ used_ms: now.getTime() })
      .where('token_hash', '=', hash)
      .where('used_ms', 'is', null)
      .where('expires_ms', '>', now.getTime())
      .executeTakeFirst();
    const row = await this.db.selectFrom('sign_in_links').selectAll().where('token_hash', '=', hash).executeTakeFirst();
    if (!row) return { ok: false, why: 'unknown', returnTo: null };
    if (Number(used.numUpdatedRows) === 1) return { ok: true, userId: row.user_id, returnTo: row.return_to };
    return { ok: false, why: row.used_ms !== null ? 'used' : 'expired', returnTo: row.return_to };
  }

  /** Forgets links that lapsed over a day ago. */
  async purge(now: Date): Promise<void> {
    await this.db
      .deleteFrom('sign_in_links')
      .where('expires_ms', '<', now.getTime() - 86_400_000)
      .execute();
  }
}
