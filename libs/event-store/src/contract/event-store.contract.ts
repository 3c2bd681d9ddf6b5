import { randomUUID } from 'node:crypto';
import { DuplicateEventIdError, InvalidEventError, WrongExpectedVersionError } from '../errors';
import type { CheckpointStore, EventStore, EventToAppend, RecordedEvent } from '../event-store.port';
import { ANY, NO_STREAM } from '../event-store.port';
import { hashOf } from '../hash-chain';
import { runSubscription } from '../subscription-runner';

export type ContractStore = EventStore & CheckpointStore;

export interface ContractTarget {
  /** Opens an instance on the same backing data each time: a second connection, or a restart. */
  open(): Promise<ContractStore>;
  /**
   * Whether the store can refuse an event id already used in another stream. KurrentDB keeps
   * event ids unique only per stream (it has no lookup by id across streams), so it says false
   * and that one test is reported as skipped, with the reason, instead of passing quietly.
   */
  refusesEventIdsUsedInOtherStreams?: boolean;
}

const actor = { id: 'user-contract', role: 'action owner' };
export const event = (type: string, data: unknown, metadata: Record<string, unknown> = {}): EventToAppend => ({
  type,
  data,
  metadata: { actor, ...metadata },
});
const ownStream = (label: string) => `contract-${label}-${randomUUID()}`;

/** The one suite every event store adapter must pass. */
export function describeEventStoreContract(name: string, target: ContractTarget): void {
  describe(`${name} event store contract`, () => {
    const opened: ContractStore[] = [];
    let store: ContractStore;
    const open = async () => {
      const instance = await target.open();
      opened.push(instance);
      return instance;
    };
    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      for (const instance of opened) await instance.close().catch(() => undefined);
    });

    describeRoundTrip(() => store);
    describeExpectedVersions(() => store, open);
    describeIdempotency(() => store, target.refusesEventIdsUsedInOtherStreams ?? true);
    describeBadInput(() => store);
    describeGlobalLog(() => store);
    describeSubscription(() => store, open);
  });
}

function describeRoundTrip(store: () => ContractStore): void {
  it('round-trips data and metadata, unicode included, with recordedAt and the hash chain', async () => {
    const stream = ownStream('roundtrip');
    const data = {
      text: 'Ünïcødé — 评估 — تقييم — 🚀👩🏽‍⚖️ — e\u0301 — "quoted" \\ \n\t',
      nested: { list: [1, 2.5, -3e-7, true, null, 'x'], empty: {}, deep: { a: { b: { c: [[]] } } } },
      largest: Number.MAX_SAFE_INTEGER,
    };
    const metadata = {
      occurredAt: '2021-03-31T09:15:00.000Z',
      correlationId: randomUUID(),
      causationId: randomUUID(),
      reason: 'Backdated: agreed at the panel on 31 March — ✔',
    };
    const before = Date.now();
    const result = await store().append(stream, [event('ProgressUpdated', data, metadata), event('EvidenceAttached', { n: 2 })], NO_STREAM);
    const [first, second] = await store().readStream(stream);

    expect(first.data).toEqual(data);
    expect(first.metadata).toMatchObject({ ...metadata, actor });
    expect(Date.parse(first.metadata.recordedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(first.metadata.recordedAt)).toBeLessThanOrEqual(Date.now() + 1000);
    expect(second.metadata.occurredAt).toBe(second.metadata.recordedAt);
    expect(second.metadata.correlationId).toBe(first.id);
    expect([first.version, second.version]).toEqual([1, 2]);
    expect(first.metadata.prevHash).toBeNull();
    expect(second.metadata.prevHash).toBe(first.metadata.hash);
    expect(first.metadata.hash).toMatch(/^[0-9a-f]{64}$/);
    for (const stored of [first, second]) {
      const { hash, prevHash, ...hashed } = stored.metadata;
      expect(hashOf(prevHash, { ...stored, metadata: hashed })).toBe(hash);
    }
    expect(result.events).toEqual([first, second]);
    expect(result).toMatchObject({ stream, version: 2, position: second.position });
  });

  it('round-trips a 1 MB payload', async () => {
    const stream = ownStream('large');
    const paragraph = 'Evidence: minutes of the partnership board, 12 January 2022, item 7 — “all 46 actions complete”. ';
    const data = { minutes: paragraph.repeat(Math.ceil(1_000_000 / paragraph.length)).slice(0, 1_000_000) };
    await store().append(stream, [event('EvidenceAttached', data)], NO_STREAM);
    const [stored] = await store().readStream(stream);
    expect((stored.data as typeof data).minutes).toHaveLength(1_000_000);
    expect(stored.data).toEqual(data);
  });
}

function describeExpectedVersions(store: () => ContractStore, open: () => Promise<ContractStore>): void {
  it('appends only at the expected version: no stream, exact version, or any', async () => {
    const stream = ownStream('expected');
    await store().append(stream, [event('PlanCreated', {})], NO_STREAM);
    await expect(store().append(stream, [event('PlanCreated', {})], NO_STREAM)).rejects.toMatchObject({
      constructor: WrongExpectedVersionError,
      stream,
      expected: NO_STREAM,
      actual: 1,
    });
    await expect(store().append(stream, [event('PlanAmended', {})], 0)).rejects.toBeInstanceOf(WrongExpectedVersionError);
    await expect(store().append(stream, [event('PlanAmended', {})], 2)).rejects.toMatchObject({ actual: 1 });
    expect((await store().append(stream, [event('PlanAmended', {}), event('PlanAmended', {})], 1)).version).toBe(3);
    expect((await store().append(stream, [event('PlanActivated', {})], ANY)).version).toBe(4);
    expect((await store().append(ownStream('any-new'), [event('PlanCreated', {})], ANY)).version).toBe(1);
    expect((await store().readStream(stream)).map((e) => e.type)).toEqual(['PlanCreated', 'PlanAmended', 'PlanAmended', 'PlanActivated']);
  });

  it('lets exactly one of several concurrent appends at the same expected version win', async () => {
    const stream = ownStream('race');
    await store().append(stream, [event('ActionRaised', {})], NO_STREAM);
    const writers = await Promise.all(Array.from({ length: 4 }, () => open()));
    const attempts = await Promise.allSettled(
      writers.flatMap((writer, w) => [0, 1, 2].map((i) => writer.append(stream, [event('ProgressUpdated', { w, i })], 1))),
    );
    const won = attempts.filter((a) => a.status === 'fulfilled');
    const lost = attempts.filter((a): a is PromiseRejectedResult => a.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(11);
    for (const { reason } of lost) expect(reason).toMatchObject({ constructor: WrongExpectedVersionError, actual: 2 });
    expect((await store().readStream(stream)).map((e) => e.version)).toEqual([1, 2]);
  });

  it('keeps versions contiguous while competing writers retry on conflict', async () => {
    const stream = ownStream('contiguous');
    const writers = await Promise.all(Array.from({ length: 4 }, () => open()));
    let appended = 0;
    await Promise.all(
      writers.map(async (writer) => {
        for (let done = 0; done < 10;) {
          const version = (await writer.readStream(stream)).length;
          try {
            await writer.append(stream, [event('ProgressUpdated', { done })], version === 0 ? NO_STREAM : version);
            done += 1;
            appended += 1;
          } catch (error) {
            if (!(error instanceof WrongExpectedVersionError)) throw error;
          }
        }
      }),
    );
    const versions = (await store().readStream(stream)).map((e) => e.version);
    expect(versions).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(appended).toBe(40);
  });
}

function describeIdempotency(store: () => ContractStore, refusesReuse: boolean): void {
  it('does not duplicate a retried append with the same event ids', async () => {
    const stream = ownStream('retry');
    const batch = [event('ActionRaised', { ref: '2.1' }), event('OwnerAssigned', { owner: 'YOT' })].map((e) => ({
      ...e,
      id: randomUUID(),
    }));
    const first = await store().append(stream, batch, NO_STREAM);
    expect(await store().append(stream, batch, NO_STREAM)).toEqual(first);
    expect(await store().append(stream, batch, ANY)).toEqual(first);
    await store().append(stream, [event('ProgressUpdated', {})], 2);
    expect(await store().append(stream, batch, NO_STREAM)).toEqual(first);
    expect((await store().readStream(stream)).map((e) => e.type)).toEqual(['ActionRaised', 'OwnerAssigned', 'ProgressUpdated']);
  });

  (refusesReuse ? it : it.skip)(
    `refuses an event id that another stream stored${refusesReuse ? '' : ' (not supported by this store)'}`,
    async () => {
      const id = randomUUID();
      await store().append(ownStream('id-a'), [{ ...event('ActionRaised', {}), id }], NO_STREAM);
      const other = ownStream('id-b');
      await expect(store().append(other, [{ ...event('ActionRaised', {}), id }], NO_STREAM)).rejects.toBeInstanceOf(DuplicateEventIdError);
      expect(await store().readStream(other)).toEqual([]);
    },
  );
}

function describeBadInput(store: () => ContractStore): void {
  const cases: Array<[string, string, () => [string, EventToAppend[], unknown]]> = [
    ['an empty stream name', 'stream', () => ['', [event('A', {})], NO_STREAM]],
    ['no events', 'events', () => [ownStream('bad'), [], NO_STREAM]],
    ['a missing type', 'events[0].type', () => [ownStream('bad'), [{ data: {}, metadata: { actor } } as never], NO_STREAM]],
    [
      'no actor',
      'events[1].metadata.actor',
      () => [ownStream('bad'), [event('A', {}), { type: 'B', data: {}, metadata: {} } as never], NO_STREAM],
    ],
    [
      'a bad occurredAt',
      'events[0].metadata.occurredAt',
      () => [ownStream('bad'), [event('A', {}, { occurredAt: 'yesterday' })], NO_STREAM],
    ],
    ['a NUL character', 'events[0].data', () => [ownStream('bad'), [event('A', { text: 'a\u0000b' })], NO_STREAM]],
    ['a bad event id', 'events[0].id', () => [ownStream('bad'), [{ ...event('A', {}), id: 'not-a-uuid' }], NO_STREAM]],
    ['a negative expected version', 'expectedVersion', () => [ownStream('bad'), [event('A', {})], -1]],
  ];
  it.each(cases)('rejects %s, naming the field, and appends nothing', async (_, field, args) => {
    const [stream, events, expected] = args();
    const error = await store()
      .append(stream, events, expected as never)
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(InvalidEventError);
    expect(error).toMatchObject({ field });
    if (stream) expect(await store().readStream(stream)).toEqual([]);
  });
}

function describeGlobalLog(store: () => ContractStore): void {
  it('orders the global log totally, and pages through it', async () => {
    const start = await store().headPosition();
    const streams = [ownStream('log-a'), ownStream('log-b'), ownStream('log-c')];
    const appended: RecordedEvent[] = [];
    for (let i = 0; i < 30; i += 1) {
      const stream = streams[i % 3];
      const result = await store().append(stream, [event('ProgressUpdated', { i }), event('ProgressUpdated', { i, half: 2 })], ANY);
      appended.push(...result.events);
    }
    const ours = new Set(streams);
    const whole = (await store().readAll(start, 100_000)).filter((e) => ours.has(e.stream));
    expect(whole).toEqual(appended);
    const positions = whole.map((e) => e.position);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(new Set(positions).size).toBe(positions.length);

    const end = appended[appended.length - 1].position;
    const paged: RecordedEvent[] = [];
    for (let after = start; after < end;) {
      const page = await store().readAll(after, 7);
      expect(page.length).toBeLessThanOrEqual(7);
      expect(page.length).toBeGreaterThan(0);
      paged.push(...page);
      after = page[page.length - 1].position;
    }
    expect(paged.filter((e) => ours.has(e.stream))).toEqual(whole);
  });

  it('reads one stream forwards from a version', async () => {
    const stream = ownStream('from');
    await store().append(
      stream,
      [1, 2, 3, 4, 5].map((n) => event('ProgressUpdated', { n })),
      NO_STREAM,
    );
    expect((await store().readStream(stream, { fromVersion: 3 })).map((e) => e.data)).toEqual([{ n: 3 }, { n: 4 }, { n: 5 }]);
    expect((await store().readStream(stream, { fromVersion: 2, limit: 2 })).map((e) => e.version)).toEqual([2, 3]);
    expect(await store().readStream(ownStream('missing'))).toEqual([]);
  });

  it('reads several streams in one call, each whole and in the order asked', async () => {
    const [first, second, missing] = [ownStream('many-a'), ownStream('many-b'), ownStream('many-missing')];
    await store().append(
      first,
      [1, 2, 3].map((n) => event('ProgressUpdated', { n })),
      NO_STREAM,
    );
    await store().append(
      second,
      [4, 5].map((n) => event('ProgressUpdated', { n })),
      NO_STREAM,
    );
    await store().append(first, [event('ProgressUpdated', { n: 6 })], 3);
    const read = await store().readStreams([second, missing, first]);
    expect(read.map((events) => events.map((e) => e.data))).toEqual([[{ n: 4 }, { n: 5 }], [], [{ n: 1 }, { n: 2 }, { n: 3 }, { n: 6 }]]);
    expect(read[2]).toEqual(await store().readStream(first));
    expect(await store().readStreams([])).toEqual([]);
  });
}

function describeSubscription(store: () => ContractStore, open: () => Promise<ContractStore>): void {
  it('delivers every event exactly once, in order, across a subscriber restart, while 8 writers append', async () => {
    const prefix = ownStream('sub');
    const subscriber = `contract-${randomUUID()}`;
    await store().save(subscriber, await store().headPosition());
    const writers = await Promise.all(Array.from({ length: 8 }, () => open()));
    const appendedIds = new Set<string>();
    const writing = Promise.all(
      writers.map(async (writer, w) => {
        const versions = [0, 0, 0, 0];
        for (let i = 0; i < 40; i += 1) {
          const s = i % 4;
          const batch = Array.from({ length: 1 + (i % 3) }, (_, n) => event('ProgressUpdated', { w, i, n }));
          const result = await writer.append(`${prefix}-${w}-${s}`, batch, versions[s] === 0 ? NO_STREAM : versions[s]);
          versions[s] = result.version;
          result.events.forEach((e) => appendedIds.add(e.id));
        }
      }),
    );

    const received: RecordedEvent[] = [];
    const runUntil = async (done: () => boolean) => {
      const reader = await open();
      const stop = new AbortController();
      const watch = setInterval(() => done() && stop.abort(), 20);
      try {
        await runSubscription({
          store: reader,
          checkpoints: reader,
          subscriber,
          signal: stop.signal,
          batchSize: 50,
          handle: (e) => {
            received.push(e);
            if (done()) stop.abort();
          },
        });
      } finally {
        clearInterval(watch);
        await reader.close();
      }
    };
    const ours = () => received.filter((e) => e.stream.startsWith(prefix));
    await runUntil(() => ours().length >= 200);
    const beforeRestart = ours().length;
    let finished = false;
    void writing.then(() => (finished = true));
    await runUntil(() => finished && ours().length >= appendedIds.size);
    await writing;

    expect(beforeRestart).toBeGreaterThanOrEqual(200);
    expect(beforeRestart).toBeLessThan(appendedIds.size);
    const positions = received.map((e) => e.position);
    expect(positions).toEqual([...new Set(positions)].sort((a, b) => a - b));
    expect(
      ours()
        .map((e) => e.id)
        .sort(),
    ).toEqual([...appendedIds].sort());
  });
}
