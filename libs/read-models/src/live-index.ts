import { PositionTracker, SubscriberRunner, type EventStore, type Subscriber } from '@actionplans/event-store';
import { canSnapshot, SnapshotKeeper, type LiveReader, type SnapshotCadence, type SnapshotLogger } from './live-index-snapshots';
import type { IndexSnapshots } from './sql/index-snapshots';

export type LiveIndexLogger = SnapshotLogger;

export interface LiveIndexOptions {
  logger?: LiveIndexLogger;
  /** How long to wait before reading again after a failed read. */
  retryMs?: number;
  name?: string;
  /**
   * Where to keep snapshots of the readers, so a restart reads only the events since the last one;
   * left out (or with a reader that cannot be snapshot), the log is read from the start.
   */
  snapshots?: IndexSnapshots;
  cadence?: SnapshotCadence;
}

/**
 * Feeds readers held in memory (users, which actions belong to which plan) from the global log,
 * from the start or from their last snapshot, then live. It is a per-process read cache, not
 * shared state: every process that needs it builds its own at start-up. A failed read (the store
 * restarting) is retried from where it stopped, so nothing is skipped or applied twice.
 */
export class LiveIndex {
  readonly tracker = new PositionTracker();
  /** Its entry in the process's list of subscribers. */
  readonly subscriber: Subscriber;
  private runner: SubscriberRunner | null = null;
  private readonly logger: LiveIndexLogger;
  private readonly retryMs: number;
  private readonly keeper: SnapshotKeeper | null;
  private restored: Promise<void> | null = null;

  constructor(
    private readonly store: EventStore,
    readers: LiveReader[],
    options: LiveIndexOptions = {},
  ) {
    const name = options.name ?? 'live-index';
    this.logger = options.logger ?? console;
    this.retryMs = options.retryMs ?? 1_000;
    const snapshotable = readers.length > 0 && readers.every(canSnapshot);
    this.keeper =
      options.snapshots && snapshotable ? new SnapshotKeeper(readers, options.snapshots, this.logger, options.cadence, name) : null;
    const keeper = this.keeper;
    this.subscriber = {
      name,
      tracker: this.tracker,
      readyAtHead: true,
      maxBatch: 1,
      // Held in memory: restored once from the snapshot if there is one, and after a failed read resumed from where it got to.
      checkpoint: () => this.resumeFrom(),
      handle: (events) => {
        for (const event of events) {
          for (const reader of readers) reader.apply(event);
          keeper?.applied(event);
        }
      },
      start: () => keeper?.caughtUp(),
      stop: () => keeper?.saveNow(),
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

  private async resumeFrom(): Promise<number> {
    const keeper = this.keeper;
    if (keeper) this.restored ??= keeper.restore(this.store).then((position) => this.tracker.advance(position));
    await this.restored;
    return this.tracker.position;
  }
}
