import { BACKWARDS, END, jsonEvent, type KurrentDBClient } from '@kurrent/kurrentdb-client';
import type { CheckpointStore } from '../event-store.port';
import { readRecords } from './kurrentdb-reads';
import { storeError } from './kurrentdb-records';

const CHECKPOINT_TYPE = 'CheckpointSaved';

/**
 * Starts with `_`, which no application stream name can (validateAppend), so a checkpoint stream
 * never collides with one and is left out of readAll and subscriptions.
 */
export const checkpointStream = (subscriber: string): string => `_checkpoint-${subscriber}`;

/** Each subscriber's checkpoint is the one event of its own capped stream. */
export class KurrentDbCheckpoints implements CheckpointStore {
  /** Streams already capped by this process, so saving stays one write. */
  private readonly capped = new Set<string>();

  constructor(private readonly client: KurrentDBClient) {}

  async load(subscriber: string): Promise<number> {
    try {
      const [last] = await readRecords(
        this.client,
        checkpointStream(subscriber),
        { direction: BACKWARDS, fromRevision: END, maxCount: 1 },
        true,
      );
      const position = (last?.data as { position?: unknown } | undefined)?.position;
      return typeof position === 'number' ? position : 0;
    } catch (error) {
      throw storeError(error);
    }
  }

  async save(subscriber: string, position: number): Promise<void> {
    const stream = checkpointStream(subscriber);
    try {
      await this.keepOnlyLatest(stream);
      await this.client.appendToStream(stream, jsonEvent({ type: CHECKPOINT_TYPE, data: { position } }));
    } catch (error) {
      throw storeError(error);
    }
  }

  /** maxCount 1 hides older checkpoints at once; a scavenge then reclaims their space. */
  private async keepOnlyLatest(stream: string): Promise<void> {
    if (this.capped.has(stream)) return;
    const { metadata } = await this.client.getStreamMetadata(stream);
    if (metadata?.maxCount !== 1) await this.client.setStreamMetadata(stream, { ...metadata, maxCount: 1 });
    this.capped.add(stream);
  }
}
