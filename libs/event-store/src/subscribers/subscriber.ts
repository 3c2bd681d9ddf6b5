import type { RecordedEvent } from '../event-store.port';
import type { PositionTracker } from './position-tracker';

/**
 * One reader of the global log, declared in its process's list of subscribers and run by the
 * `SubscriberRunner`: what it handles, where its checkpoint lives, how it starts and stops.
 */
export interface Subscriber {
  /** Names it in logs and, where it keeps one, its stored checkpoint. */
  readonly name: string;
  /**
   * Where it stands: the position of the last event it has handled, read from where it keeps it
   * (the report tables' own database, the event store's checkpoints, or memory for an index
   * that is rebuilt at start-up). The runner resumes from here after a failure.
   */
  checkpoint(): Promise<number> | number;
  /**
   * Handles events in log order, at most `maxBatch` at a time: whatever has already arrived, so
   * a batch while catching up and one event when live. It saves its checkpoint itself, with
   * what it wrote where that matters (the report tables commit both in one transaction).
   * Left out: the subscriber reads no log of its own (reminders read the book the index keeps).
   */
  handle?(events: readonly RecordedEvent[]): Promise<void> | void;
  /** Most events per `handle` call; 1,000 when left out; 1 reads one event at a time, with no batching. */
  readonly maxBatch?: number;
  /** Starting waits until it has read the log up to the head as it was (an index serving requests). */
  readonly readyAtHead?: boolean;
  /** Its own tracker, when others hold it already; the runner makes one otherwise. */
  readonly tracker?: PositionTracker;
  /** Called once it is running (after reaching the head when `readyAtHead`). */
  start?(): Promise<void> | void;
  /** Called before its reading stops, in the reverse order of the list. */
  stop?(): Promise<void> | void;
}
