import type { KurrentDBClient } from '@kurrent/kurrentdb-client';
import type { RecordedEvent, SubscribeOptions } from '../event-store.port';
import { applicationStreams, isApplicationEvent, readFrom, storeError, toEnvelope } from './kurrentdb-records';

/**
 * One server-side catch-up subscription to $all: it reads history, then goes live by itself, and
 * starts strictly after `after` (the server skips events at or before the given position).
 * `batchSize` bounds how many events wait in memory for a slow consumer.
 */
export async function* subscribeToApplicationEvents(
  client: KurrentDBClient,
  after: number,
  options: SubscribeOptions = {},
): AsyncGenerator<RecordedEvent> {
  const { signal, batchSize = 500 } = options;
  if (signal?.aborted) return;
  const subscription = client.subscribeToAll({ fromPosition: readFrom(after), filter: applicationStreams() }, { highWaterMark: batchSize });
  // Cancelling stops the server side; destroying ends a read that is waiting for the next event.
  const stop = () => {
    void subscription.unsubscribe().catch(() => undefined);
    subscription.destroy();
  };
  // Errors also reach the loop below; this listener only keeps one arriving after we stopped from crashing.
  subscription.on('error', () => undefined);
  signal?.addEventListener('abort', stop, { once: true });
  let last = after;
  try {
    for await (const resolved of subscription) {
      if (signal?.aborted) return;
      if (!resolved.event || !isApplicationEvent(resolved.event)) continue;
      const event = toEnvelope(resolved.event);
      if (event.position <= last) continue; // never hand out a position twice or out of order
      last = event.position;
      yield event;
    }
  } catch (error) {
    if (!signal?.aborted) throw storeError(error);
  } finally {
    signal?.removeEventListener('abort', stop);
    stop();
  }
}
