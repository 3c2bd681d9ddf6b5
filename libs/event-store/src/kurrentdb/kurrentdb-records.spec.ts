import { MaxAppendSizeExceededError, START, UnavailableError } from '@kurrent/kurrentdb-client';
import { InvalidEventError, StoreUnavailableError, WrongExpectedVersionError } from '../errors';
import { NO_STREAM } from '../event-store.port';
import { hashOf } from '../hash-chain';
import { EMPTY_HEAD, seal, validateAppend, type SealedEvent } from '../seal';
import { checkpointStream } from './kurrentdb-checkpoints';
import { isApplicationEvent, positionOf, readFrom, storeError, toEnvelope, toEventData, type StoredRecord } from './kurrentdb-records';

const actor = { id: 'u-1', role: 'action owner' };

/** An event as the client hands it back: JSON.stringify on the way in, JSON.parse of the bytes on the way out. */
function storedAs(sealed: SealedEvent, revision: number): StoredRecord {
  const { id, type, data, metadata } = toEventData(sealed);
  const position = 1000n + BigInt(revision);
  return {
    id,
    streamId: sealed.event.stream,
    type,
    revision: BigInt(revision),
    position: { commit: position, prepare: position },
    data: JSON.parse(JSON.stringify(data)),
    metadata: JSON.parse(JSON.stringify(metadata)),
  };
}

describe('KurrentDB records', () => {
  it('stores what the hash covers, so an event read back still verifies', () => {
    const data = { text: 'Ünïcødé — 🚀 "q" \\', n: [1, 2.5, -3e-7, null], big: Number.MAX_SAFE_INTEGER, '10': 'a', '2': 'b' };
    const sealed = seal(
      'plan-1',
      EMPTY_HEAD,
      [
        { type: 'ProgressUpdated', data, metadata: { actor, occurredAt: '2021-03-31T09:15:00Z', reason: 'late' } },
        { type: 'EvidenceAttached', data: 'plain string', metadata: { actor } },
      ],
      new Date('2024-01-02T03:04:05Z'),
    );
    const read = sealed.map((s, i) => toEnvelope(storedAs(s, i)));
    expect(read.map((e) => [e.version, e.position])).toEqual([
      [1, 1000],
      [2, 1001],
    ]);
    expect(read.map(({ position, ...rest }) => rest)).toEqual(sealed.map(({ event: { position, ...rest } }) => rest));
    for (const event of read) {
      const { hash, prevHash, ...hashed } = event.metadata;
      expect(hashOf(prevHash, { ...event, metadata: hashed })).toBe(hash);
    }
  });

  it('maps a position to the record it names, and back', () => {
    expect(readFrom(0)).toBe(START);
    expect(readFrom(123_456)).toEqual({ commit: 123_456n, prepare: 123_456n });
    const record = { id: 'e', streamId: 's', type: 'A', revision: 0n, data: {} };
    expect(positionOf({ ...record, position: { commit: 123_456n, prepare: 123_456n } })).toBe(123_456);
    expect(() => positionOf(record)).toThrow(StoreUnavailableError);
    // Older servers (before 22.6) report "no position" on stream reads as 2^64 - 1.
    expect(() => positionOf({ ...record, position: { commit: 2n ** 64n - 1n, prepare: 2n ** 64n - 1n } })).toThrow(StoreUnavailableError);
  });

  it('keeps system events and checkpoint streams out of the application log', () => {
    const record = (streamId: string, type: string) => ({ id: 'e', streamId, type, revision: 0n, data: {} });
    expect(isApplicationEvent(record('plan-1', 'PlanCreated'))).toBe(true);
    expect(isApplicationEvent(record('$projections-p-result', 'Result'))).toBe(false);
    expect(isApplicationEvent(record('plan-1', '$>'))).toBe(false);
    expect(isApplicationEvent(record(checkpointStream('worker'), 'CheckpointSaved'))).toBe(false);
    expect(() => validateAppend(checkpointStream('worker'), [{ type: 'A', data: {}, metadata: { actor } }], NO_STREAM)).toThrow(
      InvalidEventError,
    );
  });

  it('turns client errors into the port errors', () => {
    const conflict = new WrongExpectedVersionError('s', 1, 2);
    expect(storeError(conflict)).toBe(conflict);
    expect(storeError(new UnavailableError())).toBeInstanceOf(StoreUnavailableError);
    expect(storeError(Object.assign(new Error('14 UNAVAILABLE: No connection established'), { code: 14 }))).toBeInstanceOf(
      StoreUnavailableError,
    );
    expect(storeError(MaxAppendSizeExceededError.fromMaxAppendSize(16_777_216))).toMatchObject({ field: 'events' });
    const other = new Error('something else');
    expect(storeError(other)).toBe(other);
  });
});
