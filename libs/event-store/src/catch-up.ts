import type { RecordedEvent, SubscribeOptions } from './event-store.port';

/**
 * Wakes waiting subscribers when something was appended. Each wake-up bumps a counter, so a
 * subscriber that read the log while an append landed does not sleep through it.
 */
export class AppendSignal {
  private counter = 0;
  private waiters = new Set<() => void>();

  get seen(): number {
    return this.counter;
  }

  notify(): void {
    this.counter += 1;
    for (const wake of this.waiters) wake();
    this.waiters.clear();
  }

  /** Resolves when notified after `seen`, after `timeoutMs` (a safety poll), or on abort. */
  wait(seen: number, timeoutMs: number, signal?: AbortSignal): Promise<void> {
    if (this.counter !== seen || signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      signal?.addEventListener('abort', done, { once: true });
      this.waiters.add(done);
    });
  }
}

export interface CatchUpSource {
  readAll(after: number, limit: number): Promise<RecordedEvent[]>;
  readonly appended: AppendSignal;
  /** How long to sleep without a notification before reading again (writers in other processes). */
  readonly pollIntervalMs: number;
}

/** Reads the global log page by page from `after`, then waits for appends and goes on. */
export async function* catchUp(source: CatchUpSource, after: number, options: SubscribeOptions = {}): AsyncGenerator<RecordedEvent> {
  const { signal, batchSize = 500 } = options;
  let position = after;
  while (!signal?.aborted) {
    const seen = source.appended.seen;
    const page = await source.readAll(position, batchSize);
    for (const event of page) {
      if (signal?.aborted) return;
      yield event;
      position = event.position;
    }
    if (page.length < batchSize) await source.appended.wait(seen, source.pollIntervalMs, signal);
  }
}
