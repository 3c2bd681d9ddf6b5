import { keepFollowing, type EventStore, type RecordedEvent } from '@actionplans/event-store';
import { PositionTracker } from './position-tracker';

/** Something kept current from every event of the global log. */
export interface LiveReader {
  apply(event: RecordedEvent): void;
}

export interface LiveIndexLogger {
  warn(message: string): void;
}

/**
 * Feeds readers held in memory (users, which actions belong to which plan) from the global log,
 * from the start, then live. A failed read (the store restarting) is retried from where it
 * stopped, so nothing is skipped or applied twice.
 */
export class LiveIndex {
  readonly tracker = new PositionTracker();
  private readonly abort = new AbortController();
  private running: Promise<void> | null = null;

  constructor(
    private readonly store: EventStore,
    private readonly readers: LiveReader[],
    private readonly logger: LiveIndexLogger = console,
    private readonly retryMs = 1_000,
  ) {}

  /** Reads up to the current head before resolving, then keeps following in the background. */
  async start(): Promise<void> {
    const head = await this.store.headPosition();
    this.running = this.follow();
    await this.tracker.waitFor(head, 2 ** 31 - 1);
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.running;
  }

  /** Resolves true once every event up to `position` has been applied. */
  waitFor(position: number, timeoutMs: number): Promise<boolean> {
    return this.tracker.waitFor(position, timeoutMs);
  }

  /** Waits until the index has applied everything stored now (e.g. a user just added by the CLI). */
  async catchUpToHead(timeoutMs: number): Promise<boolean> {
    return this.waitFor(await this.store.headPosition(), timeoutMs);
  }

  private follow(): Promise<void> {
    return keepFollowing(this.abort.signal, async (signal) => {
      for await (const event of this.store.subscribe(this.tracker.position, { signal })) {
        for (const reader of this.readers) reader.apply(event);
        this.tracker.advance(event.position);
      }
    }, (error) => this.logger.warn(`live index: reading the event log failed (${error.message}); retrying`), this.retryMs);
  }
}
