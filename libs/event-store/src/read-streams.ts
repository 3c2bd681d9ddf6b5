import type { RecordedEvent } from './event-store.port';

/**
 * Events read for several streams in one query (sorted by stream, then version), handed back as
 * one array per stream in the order the streams were asked for; a stream with no events is empty.
 */
export function inAskedOrder(streams: readonly string[], events: RecordedEvent[]): RecordedEvent[][] {
  const byStream = new Map<string, RecordedEvent[]>(streams.map((stream) => [stream, []]));
  for (const event of events) byStream.get(event.stream)?.push(event);
  return streams.map((stream) => byStream.get(stream)!);
}
