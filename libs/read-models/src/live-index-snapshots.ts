import { createHash } from 'node:crypto';
import { deserialize, serialize } from 'node:v8';
import type { EventStore, RecordedEvent } from '@actionplans/event-store';
import type { IndexSnapshots } from './sql/index-snapshots';

/** Something kept current from every event of the global log. */
export interface LiveReader {
  apply(event: RecordedEvent): void;
}

/**
 * A reader whose state can be saved and read back, so that a process starting again reads only
 * the events since. Its state must be a function of the events applied alone (no clock, nothing
 * of the process), so a restored reader is the reader rebuilt from the log.
 */
export interface SnapshotReader extends LiveReader {
  /** Its name and the shape of its state: change the number with the shape, and older snapshots are no longer read. */
  readonly snapshotFormat: string;
  /** Its state as plain data, Maps and Sets (what `v8.serialize` keeps), taken between two events. */
  snapshot(): unknown;
  /** Takes the state a `snapshot()` gave back, before any event is applied. */
  restore(state: unknown): void;
}

export interface SnapshotLogger {
  log?(message: string): void;
  warn(message: string): void;
}

export const canSnapshot = (reader: LiveReader): reader is SnapshotReader =>
  typeof (reader as Partial<SnapshotReader>).snapshot === 'function' && typeof (reader as Partial<SnapshotReader>).restore === 'function';

/** When to save: after this many events once reading live, and after a start that read at least `atStart`. */
export interface SnapshotCadence {
  every: number;
  atStart: number;
}

export const DEFAULT_CADENCE: SnapshotCadence = { every: 50_000, atStart: 10_000 };

/**
 * Saves and restores one in-memory index's readers together, at the position of the last event
 * they have all applied. A snapshot of another log, of other readers or of an older format is
 * passed over, and the log is read from the start as before.
 */
export class SnapshotKeeper {
  readonly name: string;
  private readonly fingerprint: string;
  private position = 0;
  private eventId = '';
  private sinceSaved = 0;
  private live = false;
  private saving: Promise<void> | null = null;

  constructor(
    private readonly readers: SnapshotReader[],
    private readonly snapshots: IndexSnapshots,
    private readonly logger: SnapshotLogger,
    private readonly cadence: SnapshotCadence = DEFAULT_CADENCE,
    indexName = 'live-index',
  ) {
    this.name = `${indexName}:${readers.map((reader) => reader.snapshotFormat).join(',')}`;
    this.fingerprint = fingerprintOf(readers);
  }

  /** Restores the readers from the saved snapshot if it fits this log; the position to read on from (0: none fitted). */
  async restore(store: EventStore): Promise<number> {
    const started = Date.now();
    const stored = await this.snapshots.load(this.name).catch((error: Error) => {
      this.logger.warn(`${this.name}: its snapshot could not be read (${error.message}); reading the log from the start`);
      return null;
    });
    if (!stored) return 0;
    if (stored.fingerprint !== this.fingerprint) {
      this.logger.log?.(`${this.name}: its snapshot was taken by other code; reading the log from the start`);
      return 0;
    }
    // undefined: the log could not be read (the store restarting); null: it holds no event there.
    const event = await store.readAll(stored.position - 1, 1).then(
      ([found]) => found ?? null,
      (error: Error) =>
        void this.logger.warn(
          `${this.name}: the event log could not be read to check its snapshot (${error.message}); reading it from the start`,
        ),
    );
    if (event === undefined) return 0;
    if (event?.position !== stored.position || event.id !== stored.eventId) {
      this.logger.warn(
        `${this.name}: its snapshot at position ${stored.position} is not of this event log; reading the log from the start`,
      );
      return 0;
    }
    let states: unknown[];
    try {
      states = deserialize(stored.state) as unknown[];
    } catch (error) {
      this.logger.warn(`${this.name}: its snapshot cannot be read back (${(error as Error).message}); reading the log from the start`);
      return 0;
    }
    this.readers.forEach((reader, n) => reader.restore(states[n]));
    Object.assign(this, { position: stored.position, eventId: stored.eventId });
    this.logger.log?.(`${this.name}: restored at position ${stored.position} (${stored.state.length} bytes) in ${Date.now() - started} ms`);
    return stored.position;
  }

  /** Called once every reader has applied `event`. */
  applied(event: RecordedEvent): void {
    this.position = event.position;
    this.eventId = event.id;
    this.sinceSaved += 1;
    if (this.live && this.sinceSaved >= this.cadence.every) this.save();
  }

  /** Called once the index has read up to the head at start-up: saves if that was a long read. */
  caughtUp(): void {
    this.live = true;
    if (this.sinceSaved >= this.cadence.atStart) this.save();
  }

  /** Saves what has been read since the last snapshot, and waits for it (the process is stopping). */
  async saveNow(): Promise<void> {
    await this.saving;
    if (this.sinceSaved > 0) this.save();
    await this.saving;
  }

  /** Takes the state now (between two events), and writes it in the background: one write at a time. */
  private save(): void {
    if (this.saving || this.position === 0) return;
    const state = serialize(this.readers.map((reader) => reader.snapshot()));
    const snapshot = { position: this.position, eventId: this.eventId, fingerprint: this.fingerprint, state };
    this.sinceSaved = 0;
    this.saving = this.snapshots
      .save(this.name, snapshot)
      .catch((error: Error) =>
        this.logger.warn(`${this.name}: saving its snapshot failed (${error.message}); the next start reads more of the log`),
      )
      .finally(() => {
        this.saving = null;
        // Events that came while it was writing may be due a snapshot of their own.
        if (this.live && this.sinceSaved >= this.cadence.every) this.save();
      });
  }
}

/**
 * The readers' formats and their classes' code: a reader changed in how it applies events makes a
 * new fingerprint, so its older snapshots are passed over even if nobody remembered to change its
 * format. What a reader calls outside its class (the domain's `evolve`) is not covered: a change
 * there that alters a reader's state changes its `snapshotFormat`.
 */
function fingerprintOf(readers: SnapshotReader[]): string {
  const code = readers.map((reader) => `${reader.snapshotFormat}\n${String(reader.constructor)}`).join('\n');
  return createHash('sha256').update(code).digest('hex').slice(0, 32);
}
