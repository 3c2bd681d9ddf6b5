import type { Pool } from 'pg';
import type { AppendSignal } from '../catch-up';
import type { RecordedEvent } from '../event-store.port';
import type { PostgresNames } from './postgres-schema';
import { selectEvents } from './postgres-rows';

const LOCK_NOT_AVAILABLE = '55P03';

/** A page being read ahead, with the safe mark that was current before its read began. */
interface ReadAhead {
  after: number;
  limit: number;
  safe: number;
  page: Promise<RecordedEvent[]>;
}

/**
 * Reads the global log so that no reader ever skips an event.
 *
 * Positions come from a sequence when a row is inserted, but transactions commit in any order,
 * so position 11 can become visible while 10 is still uncommitted; a reader that moved its
 * checkpoint to 11 would never see 10. Every append therefore holds a *shared* advisory lock (per
 * schema) for its whole transaction, taken before its position is drawn. Readers only read up to
 * a "safe" high-water mark, which they take while holding the *exclusive* form of that lock: at
 * that instant no append is in flight, so every position at or below the largest one then
 * visible is final (committed, or rolled back for good). Appends still run concurrently with each
 * other (and share fsyncs through group commit); they wait only for the brief moment a reader
 * takes the mark, and only when a reader has caught up with it.
 */
export class SafeLogReader {
  private safePosition = 0;
  private refreshing: Promise<number> | null = null;
  private readAhead: ReadAhead | null = null;

  constructor(
    private readonly pool: Pool,
    private readonly names: PostgresNames,
    private readonly appended: AppendSignal,
  ) {}

  /** An empty page means nothing is readable after `after` now (callers may stop at it). */
  async readAll(after: number, limit: number): Promise<RecordedEvent[]> {
    for (;;) {
      if (this.safePosition <= after) await this.refreshSafePosition();
      if (this.safePosition <= after) return [];
      const { page, safe } = await this.readPage(after, limit);
      const last = page[page.length - 1];
      if (!last || last.position <= safe) {
        // A full page means a reader walking the log: fetch its next page while it handles this one.
        if (last && page.length === limit) this.startReadAhead(last.position, limit);
        return page;
      }
      // The page ran past the mark: move the mark on and wake subscribers to read the rest at once.
      await this.refreshSafePosition();
      this.appended.notify();
      const kept = page.filter((event) => event.position <= safe);
      // Nothing at or below the old mark (rolled-back positions): read again under the new one,
      // unless a stuck writer keeps the mark where it was.
      if (kept.length > 0 || this.safePosition === safe) return kept;
    }
  }

  /**
   * The page after `after`, with the safe mark taken before its read began: only such a mark
   * guarantees the page holds every event at or below it.
   */
  private async readPage(after: number, limit: number): Promise<{ page: RecordedEvent[]; safe: number }> {
    const ahead = this.readAhead;
    this.readAhead = null;
    if (ahead && ahead.after === after && ahead.limit === limit) return { page: await ahead.page, safe: ahead.safe };
    const safe = this.safePosition;
    return { page: await this.selectPage(after, limit), safe };
  }

  private startReadAhead(after: number, limit: number): void {
    const page = this.selectPage(after, limit);
    page.catch(() => undefined); // an error reaches the reader only if it asks for this page
    this.readAhead = { after, limit, safe: this.safePosition, page };
  }

  /**
   * One page of the log. The bound is applied by the caller, not in SQL: with a bound in SQL and
   * stale statistics on a fast growing table, the planner sorts the whole range for every page.
   */
  private selectPage(after: number, limit: number): Promise<RecordedEvent[]> {
    return selectEvents(this.pool, this.names.events, 'WHERE position > $1 ORDER BY position LIMIT $2', [after, limit]);
  }

  /** Takes the safe high-water mark (see the class comment); concurrent callers share one query. */
  refreshSafePosition(): Promise<number> {
    this.refreshing ??= this.takeSafePosition()
      // A writer stuck in its transaction holds the mark back; the subscriber tries again on its next poll.
      .catch((error: Error & { code?: string }) => {
        if (error.code === LOCK_NOT_AVAILABLE) return this.safePosition;
        throw error;
      })
      .finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  private async takeSafePosition(): Promise<number> {
    const client = await this.pool.connect();
    try {
      // One round trip. The key is our own decimal number, so it is safe to write into the text.
      const results = (await client.query(
        `BEGIN; SET LOCAL lock_timeout = '10s'; SELECT pg_advisory_xact_lock(${BigInt(this.names.lockKey)});
         SELECT COALESCE(MAX(position), 0) AS max FROM ${this.names.events}; COMMIT`,
      )) as unknown as Array<{ rows: Array<{ max: string }> }>;
      this.safePosition = Math.max(this.safePosition, Number(results[3].rows[0].max));
      return this.safePosition;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}
