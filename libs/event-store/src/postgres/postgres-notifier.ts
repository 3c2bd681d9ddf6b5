import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';

/**
 * Tells listeners in other processes that events were appended, after the commit and outside the
 * append's transaction: PostgreSQL serialises the commits of transactions that NOTIFY, which
 * would serialise appends. At most one notification is in flight; appends meanwhile are covered
 * by one more after it.
 */
export class AppendNotifier {
  private notifying = false;
  private notifyAgain = false;

  /** Sent as the payload, so the sending process can ignore its own notifications. */
  readonly sender = randomUUID();

  constructor(
    private readonly pool: Pool,
    private readonly channel: string,
  ) {}

  notify(): void {
    if (this.notifying) {
      this.notifyAgain = true;
      return;
    }
    this.notifying = true;
    this.pool
      .query('SELECT pg_notify($1, $2)', [this.channel, this.sender])
      .catch(() => undefined) // listeners fall back on their safety poll
      .finally(() => {
        this.notifying = false;
        if (this.notifyAgain) {
          this.notifyAgain = false;
          this.notify();
        }
      });
  }
}
