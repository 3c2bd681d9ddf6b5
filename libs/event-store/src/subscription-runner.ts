import type { CheckpointStore, EventStore, RecordedEvent } from './event-store.port';

export interface SubscriptionRunnerOptions {
  store: EventStore;
  checkpoints: CheckpointStore;
  /** Names the subscriber; its checkpoint is kept under this name. */
  subscriber: string;
  handle(this: void, event: RecordedEvent): Promise<void> | void;
  signal: AbortSignal;
  batchSize?: number;
}

/**
 * Runs a named subscriber from its stored checkpoint, live, until the signal aborts. The
 * checkpoint is saved after each handled event, so a stopped subscriber resumes with the next
 * event: none skipped, and none handled twice unless the process dies between handling an event
 * and saving its position (handlers are idempotent for that window).
 */
export async function runSubscription(options: SubscriptionRunnerOptions): Promise<void> {
  const { store, checkpoints, subscriber, handle, signal, batchSize } = options;
  const from = await checkpoints.load(subscriber);
  for await (const event of store.subscribe(from, { signal, batchSize })) {
    await handle(event);
    await checkpoints.save(subscriber, event.position);
  }
}
