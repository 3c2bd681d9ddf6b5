import type { EventStore, RecordedEvent } from '../event-store.port';
import { keepFollowing } from '../keep-following';
import { PositionTracker } from './position-tracker';
import type { Subscriber } from './subscriber';

export interface SubscriberRunnerOptions {
  logger?: { log?(message: string): void; warn(message: string): void };
  /** How long to wait before reading again after a failure (the store restarting). */
  retryMs?: number;
}

const IDLE = Symbol('idle');
const nextTurn = () => new Promise<typeof IDLE>((resolve) => setImmediate(() => resolve(IDLE)));
const TURN_EVERY = 1_000;
/** Long enough for any start-up catch-up; a failing read is retried meanwhile. */
const NO_LIMIT = 2 ** 31 - 1;

/**
 * Runs a process's list of subscribers, each from its own checkpoint, until stopped: a failure
 * (the store unavailable) is logged and the subscriber resumes from its checkpoint. They start
 * in the order of the list and stop in reverse.
 */
export class SubscriberRunner {
  private readonly trackers = new Map<string, PositionTracker>();
  private readonly abort = new AbortController();
  private readonly running: Array<Promise<void>> = [];
  private started: Subscriber[] = [];

  constructor(
    private readonly store: EventStore,
    readonly subscribers: readonly Subscriber[],
    private readonly options: SubscriberRunnerOptions = {},
  ) {
    for (const subscriber of subscribers) {
      if (this.trackers.has(subscriber.name)) throw new Error(`two subscribers are named "${subscriber.name}"`);
      this.trackers.set(subscriber.name, subscriber.tracker ?? new PositionTracker());
    }
  }

  /** How far each subscriber that reads the log has got, for read-your-writes. */
  readers(): PositionTracker[] {
    return this.subscribers.filter((subscriber) => subscriber.handle !== undefined).map((subscriber) => this.tracker(subscriber.name));
  }

  tracker(name: string): PositionTracker {
    const tracker = this.trackers.get(name);
    if (!tracker) throw new Error(`no subscriber is named "${name}"`);
    return tracker;
  }

  async start(): Promise<void> {
    for (const subscriber of this.subscribers) {
      if (subscriber.handle) await this.follow(subscriber);
      await subscriber.start?.();
      this.started.push(subscriber);
    }
  }

  async stop(): Promise<void> {
    for (const subscriber of [...this.started].reverse()) await subscriber.stop?.();
    this.started = [];
    this.abort.abort();
    await Promise.all(this.running);
  }

  private async follow(subscriber: Subscriber): Promise<void> {
    const tracker = this.tracker(subscriber.name);
    const began = Date.now();
    const head = subscriber.readyAtHead ? await this.store.headPosition() : 0;
    tracker.advance(await subscriber.checkpoint());
    this.running.push(
      keepFollowing(
        this.abort.signal,
        (signal) => this.read(subscriber, tracker, signal),
        (error) =>
          this.options.logger?.warn(`${subscriber.name}: reading the event log failed (${error.message}); resuming from the checkpoint`),
        this.options.retryMs,
      ),
    );
    if (!subscriber.readyAtHead) return;
    await tracker.waitFor(head, NO_LIMIT);
    this.options.logger?.log?.(`${subscriber.name}: read ${tracker.position} events in ${Date.now() - began} ms`);
  }

  private async read(subscriber: Subscriber, tracker: PositionTracker, signal: AbortSignal): Promise<void> {
    const maxBatch = subscriber.maxBatch ?? 1_000;
    if (maxBatch === 1) return this.readOneByOne(subscriber, tracker, signal);
    const events = this.store.subscribe(await subscriber.checkpoint(), { signal, batchSize: maxBatch })[Symbol.asyncIterator]();
    let pending = events.next();
    for (;;) {
      const first = await pending;
      if (first.done) return;
      const batch: RecordedEvent[] = [first.value];
      pending = events.next();
      const turn = nextTurn();
      while (batch.length < maxBatch) {
        // Take what is already there; the first event that would have to be waited for ends the batch.
        const next = await Promise.race([pending, turn]);
        if (next === IDLE || next.done) break;
        batch.push(next.value);
        pending = events.next();
      }
      await subscriber.handle!(batch);
      tracker.advance(batch.at(-1)!.position);
      // Reading a stored log and writing SQLite both settle in microtasks, so catching up would
      // otherwise hold the event loop to the end: no request answered, and a timer per event queued.
      await turn;
    }
  }

  /**
   * One event at a time, for a subscriber whose handling costs less than batching would (the
   * in-memory index: racing each event against the next turn made its start-up catch-up about
   * a fifth slower). It still lets the event loop turn every `TURN_EVERY` events.
   */
  private async readOneByOne(subscriber: Subscriber, tracker: PositionTracker, signal: AbortSignal): Promise<void> {
    let handled = 0;
    for await (const event of this.store.subscribe(await subscriber.checkpoint(), { signal })) {
      await subscriber.handle!([event]);
      tracker.advance(event.position);
      if (++handled % TURN_EVERY === 0) await nextTurn();
    }
  }
}
