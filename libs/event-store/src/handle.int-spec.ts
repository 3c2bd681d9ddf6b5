import { join } from 'node:path';
import { eventDecoder } from '@actionplans/domain';
import { tempDir } from '@actionplans/testing';
import { WrongExpectedVersionError } from './errors';
import { CommandRefusedError, handle, IdempotencyKeyReusedError, PreconditionFailedError, type StreamDecider } from './handle';
import { SqliteEventStore } from './sqlite/sqlite-event-store';

/** A counter that refuses to go past a limit: enough of a decider to test the command path. */
type Add = { by: number; limit: number };
type Added = { type: 'Added'; data: { by: number } };
const counter: StreamDecider<Add, Added, number, string> = {
  initialState: 0,
  decide: ({ by, limit }, total) => (by === 0 ? [] : total + by > limit ? `would pass ${limit}` : [{ type: 'Added', data: { by } }]),
  evolve: (total, event) => total + event.data.by,
  decode: eventDecoder<Added>('counter', { Added: true }),
};
const actor = { id: 'u-owner', role: 'action owner' };

describe("handle: one command's path through a real store", () => {
  const dir = tempDir('handle');
  const store = new SqliteEventStore({ file: join(dir.path, 'events.db') });
  afterAll(async () => {
    await store.close();
    dir.remove();
  });
  const add = (stream: string, by: number, options: Partial<Parameters<typeof handle>[3]> = {}) =>
    handle(store, stream, counter, { actor, command: { by, limit: 10 }, ...options });

  it('decides on the folded stream and appends with the actor and correlation in the metadata', async () => {
    await add('counter-a', 4);
    const result = await add('counter-a', 5, { correlationId: 'req-1' });
    expect(result).toMatchObject({ version: 2, state: 9, replayed: false, events: [{ type: 'Added', version: 2 }] });
    const [, second] = await store.readStream('counter-a');
    expect(second.metadata).toMatchObject({ actor, correlationId: 'req-1' });
  });

  it('appends nothing when the decider refuses, and hands back its refusal', async () => {
    await add('counter-b', 8);
    await expect(add('counter-b', 5)).rejects.toEqual(new CommandRefusedError('would pass 10'));
    expect(await store.readStream('counter-b')).toHaveLength(1);
  });

  it('appends nothing and says so when there is nothing to record', async () => {
    await add('counter-c', 1);
    expect(await add('counter-c', 0)).toMatchObject({ version: 1, events: [] });
  });

  it('refuses a stale If-Match and honours a current one', async () => {
    await add('counter-d', 1);
    await expect(add('counter-d', 1, { ifMatch: 0 })).rejects.toBeInstanceOf(PreconditionFailedError);
    expect(await add('counter-d', 1, { ifMatch: 1 })).toMatchObject({ version: 2 });
  });

  it('lets only one of two commands decided on the same version append', async () => {
    const slow = handle(store, 'counter-e', counter, { actor, command: async () => ({ by: 1, limit: 10 }) });
    const fast = add('counter-e', 2);
    const results = await Promise.allSettled([slow, fast]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((result) => result.status === 'rejected')).toMatchObject({ reason: expect.any(WrongExpectedVersionError) });
    expect(await store.readStream('counter-e')).toHaveLength(1);
  });

  it('answers a retry with the same idempotency key with the first result, appending nothing', async () => {
    const idempotency = { key: 'k-1', request: 'POST /counters/f {"by":3}' };
    const first = await add('counter-f', 3, { idempotency });
    await add('counter-f', 1);
    const retry = await add('counter-f', 3, { idempotency });
    expect(retry).toMatchObject({ replayed: true, version: first.version, position: first.position, events: first.events });
    expect(await store.readStream('counter-f')).toHaveLength(2);
  });

  it('refuses an idempotency key reused for a different request', async () => {
    await add('counter-g', 3, { idempotency: { key: 'k-2', request: 'one' } });
    await expect(add('counter-g', 4, { idempotency: { key: 'k-2', request: 'another' } })).rejects.toBeInstanceOf(
      IdempotencyKeyReusedError,
    );
  });

  it('decides on a history the caller already read, and refuses to append if the stream has moved on since', async () => {
    await add('counter-h', 2);
    const read = await store.readStream('counter-h');
    expect(await add('counter-h', 3, { history: read })).toMatchObject({ version: 2, state: 5 });
    await expect(add('counter-h', 1, { history: read })).rejects.toBeInstanceOf(WrongExpectedVersionError);
    expect((await store.readStream('counter-h')).map((event) => event.data)).toEqual([{ by: 2 }, { by: 3 }]);
  });
});
