import { keepFollowing, type EventStore, type RecordedEvent } from '@actionplans/event-store';
import { PositionTracker } from '../position-tracker';
import type { ReadModelProjection } from './projection';

export interface ProjectionRunnerOptions {
  /** Most events written in one transaction. */
  maxBatch?: number;
  logger?: { warn(message: string): void };
  retryMs?: number;
}

const IDLE = Symbol('idle');
const nextTurn = () => new Promise<typeof IDLE>((resolve) => setImmediate(() => resolve(IDLE)));

/**
 * Keeps the report tables following the global log from their checkpoint: whatever has arrived
 * is written together (a batch while catching up, one event when live), and a failure (the
 * database restarting) resumes from the checkpoint.
 */
export class ProjectionRunner {
  readonly tracker = new PositionTracker();
  private readonly abort = new AbortController();
  private running: Promise<void> | null = null;

  constructor(
    private readonly store: EventStore,
    private readonly projection: ReadModelProjection,
    private readonly options: ProjectionRunnerOptions = {},
  ) {}

  async start(): Promise<void> {
    this.tracker.advance(await this.projection.checkpoint());
    this.running = this.supervise();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.running;
  }

  private supervise(): Promise<void> {
    return keepFollowing(this.abort.signal, (signal) => this.follow(signal),
      (error) => this.options.logger?.warn(`read models: ${error.message}; resuming from the checkpoint`), this.options.retryMs);
  }

  private async follow(signal: AbortSignal): Promise<void> {
    const maxBatch = this.options.maxBatch ?? 1_000;
    const events = this.store.subscribe(await this.projection.checkpoint(), { signal, batchSize: maxBatch })[Symbol.asyncIterator]();
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
      await this.projection.apply(batch);
      this.tracker.advance(batch.at(-1)!.position);
      // Reading a stored log and writing SQLite both settle in microtasks, so catching up would
      // otherwise hold the event loop to the end: no request answered, and a timer per event queued.
      await turn;
    }
  }
}
