import type { ExpectedVersion } from './event-store.port';

/** Base of every error the event store raises on purpose. */
export abstract class EventStoreError extends Error {
  abstract readonly code: string;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/**
 * The one concurrency error: the stream was not at the version the caller expected.
 * Mapped to HTTP 409 (or 412 when the expectation came from `If-Match`).
 */
export class WrongExpectedVersionError extends EventStoreError {
  readonly code = 'EVENT_STORE.WRONG_EXPECTED_VERSION';
  constructor(
    readonly stream: string,
    readonly expected: ExpectedVersion,
    readonly actual: number,
  ) {
    super(`stream ${stream} is at version ${actual}, expected ${describe(expected)}`);
  }
}

/** Bad input to the store; `field` names what is wrong. Nothing was appended. */
export class InvalidEventError extends EventStoreError {
  readonly code = 'EVENT_STORE.INVALID_EVENT';
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${field}: ${problem}`);
  }
}

/**
 * An event id supplied with an append is already stored somewhere that is not a retry of the
 * same append (another stream, another place in the stream, or only part of the batch).
 */
export class DuplicateEventIdError extends EventStoreError {
  readonly code = 'EVENT_STORE.DUPLICATE_EVENT_ID';
  constructor(
    readonly eventId: string,
    readonly stream: string,
  ) {
    super(`event id ${eventId} is already stored and this append to ${stream} is not a retry of the one that stored it`);
  }
}

/** The store cannot be reached or refused to work. */
export class StoreUnavailableError extends EventStoreError {
  readonly code = 'EVENT_STORE.UNAVAILABLE';
  constructor(
    message: string,
    /**
     * True when the store was lost after an append had been sent to it: the append may have been
     * stored or not. False: nothing was written.
     */
    readonly outcomeUnknown = false,
  ) {
    super(message);
  }
}

function describe(expected: ExpectedVersion): string {
  return typeof expected === 'number' ? `version ${expected}` : expected;
}
