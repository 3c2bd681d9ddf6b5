/**
 * How far an in-process reader of the global log has got, so a request can wait (bounded) until
 * the reader has seen the write it just made.
 */
export class PositionTracker {
  private reached = 0;
  private waiters: Array<{ position: number; wake: () => void }> = [];

  get position(): number {
    return this.reached;
  }

  advance(position: number): void {
    if (position <= this.reached) return;
    this.reached = position;
    const due = this.waiters.filter((waiter) => waiter.position <= position);
    this.waiters = this.waiters.filter((waiter) => waiter.position > position);
    for (const waiter of due) waiter.wake();
  }

  /** True once the reader has passed `position`; false if `timeoutMs` ran out first. */
  waitFor(position: number, timeoutMs: number): Promise<boolean> {
    if (position <= this.reached) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter = {
        position,
        wake: () => {
          clearTimeout(timer);
          resolve(true);
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((other) => other !== waiter);
        resolve(false);
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }
}
