// The workload both Emmett peers run: the same figures, counts and event as bench/workload.ts.
// Plain ESM without dependencies, so each peer folder can import it with its own packages.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

// Emmett logs some errors with console.log; keep stdout for the JSON figures only.
console.log = (...args) => console.error(...args);

export const emit = (name, value, unit) => process.stdout.write(JSON.stringify({ name, value: Math.round(value), unit }) + '\n');

const { values: args } = parseArgs({
  options: { 'events-scale': { type: 'string', default: '1' } },
  strict: true,
});
export const scale = Number(args['events-scale']);
if (!Number.isFinite(scale) || scale <= 0) {
  throw new Error(`--events-scale must be a positive number, got ${args['events-scale']}`);
}
// same rounding as bench/workload.ts: at least 8 of anything
const scaled = (n) => Math.max(8, Math.round(n * scale));

export const STREAMS_PER_WRITER = 100;
export const SINGLE_1W_APPENDS = scaled(2000);
export const WRITERS = 8;
export const SINGLE_8W_APPENDS_PER_WRITER = Math.ceil(scaled(4000) / WRITERS);
export const BATCHES = scaled(500);
export const BATCH_SIZE = 100;
export const READ_PAGE = 1000;

export const progressEvent = (actionId) => ({
  type: 'ProgressUpdated',
  data: {
    actionId,
    commentary: 'On track: policy drafted and circulated to partners for comment.',
    assessment: 'on track',
    asOf: '2026-11-22',
  },
  // The same metadata our events carry (bench/workload.ts), so both stores store the same payload.
  metadata: { actor: { id: 'bench-owner', role: 'action owner' } },
});

// A writer owns STREAMS_PER_WRITER streams and tracks each one's version itself, so every
// append carries the exact expected stream version (`initialVersion` = no stream yet).
export const makeWriter = (initialVersion) =>
  Array.from({ length: STREAMS_PER_WRITER }, () => {
    const actionId = randomUUID();
    return { name: `action-${actionId}`, actionId, version: initialVersion };
  });

const timed = async (work) => {
  const t0 = performance.now();
  const count = await work();
  return { count, ms: performance.now() - t0 };
};

/**
 * Runs the three timed append phases and emits their figures; returns how many events were
 * written. `appendOne(stream, concurrent)` appends one progressEvent to a writer's stream at its
 * tracked version; `appendBatch(name, events)` appends to a new stream and returns Emmett's
 * result; `note(phase)` adds what the peer wants said about a phase on stderr.
 */
export async function runAppendPhases({ db, initialVersion, appendOne, appendBatch, log, note = () => '' }) {
  const report = (phase, unit, { count, ms }) => {
    log(`${phase}: ${count} in ${ms.toFixed(0)} ms${note(phase)}`);
    emit(`${db}.${phase}`, (count / ms) * 1000, unit);
    return count;
  };
  const loop = async (streams, appends, concurrent) => {
    for (let i = 0; i < appends; i++) await appendOne(streams[i % STREAMS_PER_WRITER], concurrent);
  };
  let written = report(
    'append.single.1writer',
    'appends/s',
    await timed(async () => {
      await loop(makeWriter(initialVersion), SINGLE_1W_APPENDS, false);
      return SINGLE_1W_APPENDS;
    }),
  );
  const writers = Array.from({ length: WRITERS }, () => makeWriter(initialVersion));
  written += report(
    'append.single.8writers',
    'appends/s',
    await timed(async () => {
      await Promise.all(writers.map((streams) => loop(streams, SINGLE_8W_APPENDS_PER_WRITER, true)));
      return WRITERS * SINGLE_8W_APPENDS_PER_WRITER;
    }),
  );
  // Each batch to a new stream at expected version 0n: Emmett's STREAM_DOES_NOT_EXIST constant
  // means "no check" in these versions, while 0n is enforced.
  const batches = Array.from({ length: BATCHES }, () => {
    const actionId = randomUUID();
    return { name: `action-${actionId}`, events: Array.from({ length: BATCH_SIZE }, () => progressEvent(actionId)) };
  });
  written += report(
    'append.batch100',
    'events/s',
    await timed(async () => {
      for (const batch of batches) {
        const result = await appendBatch(batch.name, batch.events);
        if (result.nextExpectedStreamVersion !== BigInt(BATCH_SIZE)) {
          throw new Error(`unexpected version after batch: ${result.nextExpectedStreamVersion}`);
        }
      }
      return BATCHES * BATCH_SIZE;
    }),
  );
  return written;
}
