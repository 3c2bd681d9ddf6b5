import { StreamNotFoundError, type KurrentDBClient, type ReadStreamOptions as KurrentReadOptions } from '@kurrent/kurrentdb-client';
import type { StoredRecord } from './kurrentdb-records';

/**
 * Reads one stream; a stream that does not exist reads as empty. The append path reads from the
 * leader (`fromLeader`) so the head it seals on is never a follower's stale copy.
 */
export async function readRecords(
  client: KurrentDBClient,
  stream: string,
  options: KurrentReadOptions,
  fromLeader = false,
): Promise<StoredRecord[]> {
  const records: StoredRecord[] = [];
  try {
    for await (const resolved of client.readStream(stream, { ...options, requiresLeader: fromLeader })) {
      if (resolved.event) records.push(resolved.event);
    }
  } catch (error) {
    if (error instanceof StreamNotFoundError) return [];
    throw error;
  }
  return records;
}
