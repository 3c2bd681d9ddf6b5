import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { NO_STREAM, type EventStore, type EventToAppend } from '@actionplans/event-store';

export interface Figure {
  name: string;
  value: number;
  unit: string;
}

/** The workload every store in the benchmark runs, ours and Emmett's alike (see the peers' run.mjs). */
export const WORKLOAD = { singleAppends1: 2000, singleAppends8: 4000, batches: 500, batchSize: 100, readPage: 1000 };

const actor = { id: 'bench-owner', role: 'action owner' };
const progress = (actionId: string): EventToAppend => ({
  type: 'ProgressUpdated',
  data: {
    actionId,
    commentary: 'On track: policy drafted and circulated to partners for comment.',
    assessment: 'on track',
    asOf: '2026-11-22',
  },
  metadata: { actor },
});

/** One writer's loop: appends one event at a time round robin over its 100 streams, at exact versions. */
async function writer(store: EventStore, appends: number): Promise<void> {
  const prefix = `bench-${randomUUID()}`;
  const versions = new Array<number>(100).fill(0);
  for (let i = 0; i < appends; i += 1) {
    const s = i % 100;
    const result = await store.append(`${prefix}-${s}`, [progress(`${prefix}-${s}`)], versions[s] === 0 ? NO_STREAM : versions[s]);
    versions[s] = result.version;
  }
}

async function timed(work: () => Promise<number>): Promise<number> {
  const start = performance.now();
  const count = await work();
  return count / ((performance.now() - start) / 1000);
}

export async function runWorkload(db: string, store: EventStore, scale: number): Promise<Figure[]> {
  const n = (count: number) => Math.max(8, Math.round(count * scale));
  const single1 = n(WORKLOAD.singleAppends1);
  const single8 = n(WORKLOAD.singleAppends8);
  const batches = n(WORKLOAD.batches);
  const start = await store.headPosition();

  const figures: Figure[] = [];
  const add = (name: string, value: number, unit: string) => figures.push({ name: `${db}.${name}`, value: Math.round(value), unit });
  add('append.single.1writer', await timed(async () => (await writer(store, single1), single1)), 'appends/s');
  add(
    'append.single.8writers',
    await timed(async () => {
      await Promise.all(Array.from({ length: 8 }, () => writer(store, single8 / 8)));
      return single8;
    }),
    'appends/s',
  );
  add(
    'append.batch100',
    await timed(async () => {
      for (let b = 0; b < batches; b += 1) {
        const stream = `bench-batch-${randomUUID()}`;
        await store.append(
          stream,
          Array.from({ length: WORKLOAD.batchSize }, () => progress(stream)),
          NO_STREAM,
        );
      }
      return batches * WORKLOAD.batchSize;
    }),
    'events/s',
  );
  add(
    'read.all',
    await timed(async () => {
      let read = 0;
      for (
        let page = await store.readAll(start, WORKLOAD.readPage);
        page.length > 0;
        page = await store.readAll(page[page.length - 1].position, WORKLOAD.readPage)
      )
        read += page.length;
      return read;
    }),
    'events/s',
  );
  return figures;
}
