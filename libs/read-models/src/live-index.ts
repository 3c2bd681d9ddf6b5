import { PositionTracker, SubscriberRunner, type EventStore, type RecordedEvent, type Subscriber } from '@actionplans/event-store';

/** Something kept current from every event of the global log. */
export interface LiveReader {
  apply(event: RecordedEvent): void;
}

export interface LiveIndexLogger {
  log?(message: string): void;
  warn(message: string): void;
}

/**
 * Feeds readers held in memory (users, which actions belong to which plan) from the global log,
 * from the start, then live. It is a per-process read cache, not shared state: every process
 * that needs it builds its own at start-up. A failed read (the store restarting) is retried from
 * where it stopped, so nothing is skipped or applied twice.
 */
export class LiveIndex {
  readonly tracker = new PositionTracker();
  /** Its entry in the process's list of subscribers. */
  readonly subscriber: Subscriber;
  private runner: SubscriberRunner | null = null;

  constructor(
    private readonly store: EventStore,
    readers: LiveReader[],
    private readonly logger: LiveIndexLogger = console,
    private readonly retryMs = 1_000,
    name = 'live-index',
  ) {
    this.subscriber = {
      name,
      tracker: this.tracker,
      readyAtHead: true,
      maxBatch: 1,
      // Held in memory: it starts from 0 in each process, and after a failed read resumes from where it got to.
      checkpoint: () => this.tracker.position,
      handle: (events) => {
        for (const event of events) for (const reader of readers) reader.apply(event);
      },
    };
  }

  /** Runs the index on its own (where no list of subscribers runs it): reads up to the head, then follows. */
  async start(): Promise<void> {
    this.runner = new SubscriberRunner(this.store, [this.subscriber], { logger: this.logger, retryMs: this.retryMs });
    await this.runner.start();
  }

  async stop(): Promise<void> {
    await this.runner?.stop();
  }

  /** Resolves true once every event up to `position` has been applied. */
  waitFor(position: number, timeoutMs: number): Promise<boolean> {
    return this.tracker.waitFor(position, timeoutMs);
  }

  /** Waits until the index has applied everything stored now (e.g. a user just added by the CLI). */
  async catchUpToHead(timeoutMs: number): Promise<boolean> {
    return this.waitFor(await this.store.headPosition(), timeoutMs);
  }
}
