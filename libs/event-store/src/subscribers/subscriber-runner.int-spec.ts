import { eventually } from '@actionplans/testing';
import type { EventToAppend, RecordedEvent } from '../event-store.port';
import { NO_STREAM } from '../event-store.port';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import type { Subscriber } from './subscriber';
import { SubscriberRunner } from './subscriber-runner';

const event = (n: number): EventToAppend => ({ type: 'Counted', data: { n }, metadata: { actor: { id: 'user-test', role: 'admin' } } });

describe('SubscriberRunner', () => {
  let store: SqliteEventStore;
  beforeEach(async () => {
    store = new SqliteEventStore({ file: ':memory:' });
    await store.append('counter-a', [1, 2, 3, 4, 5].map(event), NO_STREAM);
  });
  afterEach(() => store.close());

  const recording = (name: string, from: number, extra: Partial<Subscriber> = {}) => {
    const seen: number[] = [];
    const subscriber: Subscriber = {
      name,
      checkpoint: () => from,
      handle: (events) => void seen.push(...events.map((e) => e.position)),
      ...extra,
    };
    return { subscriber, seen };
  };

  it('runs each subscriber of the list from its own checkpoint, live', async () => {
    const index = recording('index', 0, { readyAtHead: true });
    const reports = recording('reports', 3);
    const runner = new SubscriberRunner(store, [index.subscriber, reports.subscriber]);
    await runner.start();
    // Ready at the head: the index has read the log as it was before start resolved.
    expect(index.seen).toEqual([1, 2, 3, 4, 5]);
    await store.append('counter-b', [event(6)], NO_STREAM);
    await eventually('both read the new event', () => index.seen.length === 6 && reports.seen.at(-1) === 6);
    await runner.stop();
    expect(reports.seen).toEqual([4, 5, 6]);
    expect(runner.readers().map((tracker) => tracker.position)).toEqual([6, 6]);
  });

  it('resumes a failing subscriber from its checkpoint and says so, while the others carry on', async () => {
    let stored = 0;
    let failures = 0;
    const handled: RecordedEvent[] = [];
    const flaky: Subscriber = {
      name: 'flaky',
      maxBatch: 2,
      checkpoint: () => stored,
      handle: (events) => {
        if (events.some((e) => e.position === 4) && failures++ === 0) throw new Error('the database went away');
        handled.push(...events);
        stored = events.at(-1)!.position;
      },
    };
    const steady = recording('steady', 0);
    const warnings: string[] = [];
    const runner = new SubscriberRunner(store, [flaky, steady.subscriber], {
      logger: { warn: (message) => warnings.push(message) },
      retryMs: 5,
    });
    await runner.start();
    await eventually('the flaky subscriber reaches the head after its failure', () => stored === 5);
    await runner.stop();
    expect(handled.map((e) => e.position)).toEqual([1, 2, 3, 4, 5]);
    expect(steady.seen).toEqual([1, 2, 3, 4, 5]);
    expect(warnings).toEqual(['flaky: reading the event log failed (the database went away); resuming from the checkpoint']);
  });

  it('starts the list in order and stops it in reverse', async () => {
    const calls: string[] = [];
    const hooks = (name: string): Subscriber => ({
      name,
      checkpoint: () => 0,
      start: () => void calls.push(`start ${name}`),
      stop: () => void calls.push(`stop ${name}`),
    });
    const runner = new SubscriberRunner(store, [hooks('index'), hooks('reminders')]);
    await runner.start();
    await runner.stop();
    expect(calls).toEqual(['start index', 'start reminders', 'stop reminders', 'stop index']);
    expect(() => new SubscriberRunner(store, [hooks('twice'), hooks('twice')])).toThrow('two subscribers are named "twice"');
  });
});
