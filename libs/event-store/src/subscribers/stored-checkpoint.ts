/** Every 10 ms: a command's wait costs a few small reads, and its answer comes soon after the worker's write. */
const POLL_MS = 10;

/**
 * How far a subscriber running in another process (the worker) has got, read from where it
 * stores its checkpoint. Checkpoints only move forward, so a position once seen is not read again.
 */
export class StoredCheckpoint {
  private reached = 0;

  constructor(
    /** Names it in messages. */
    readonly name: string,
    private readonly load: () => Promise<number>,
    private readonly pollMs = POLL_MS,
  ) {}

  /** True once the stored checkpoint has passed `position`; false if `timeoutMs` ran out first. A failed read counts as not yet. */
  async waitFor(position: number, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.reached >= position) return true;
      this.reached = Math.max(this.reached, await this.load().catch(() => this.reached));
      if (this.reached >= position) return true;
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, Math.min(this.pollMs, Math.max(0, deadline - Date.now()))));
    }
  }
}
