import { describeWhere, StreamChains, type EventStore, type RecordedEvent } from '@actionplans/event-store';
import type { AuditBundle } from './audit-bundle';

/** Where a bundle first fails: an event (stream, version, position), a stream of the manifest, or the manifest as a whole. */
export interface BundleBreak {
  stream: string | null;
  version: number | null;
  position: number | null;
  problem: string;
}

export type BundleCheck = { ok: true; events: number; streams: number } | { ok: false; break: BundleBreak };

const broken = (found: BundleBreak): BundleCheck => ({ ok: false, break: found });
const at = (event: RecordedEvent) => ({ stream: event.stream, version: event.version, position: event.position });

/**
 * Checks a bundle on its own, with no store: every stream's chain runs from version 1 without a
 * gap, each event names its predecessor's hash and matches its own, events are in position
 * order, and the manifest's streams, counts and head hashes are exactly those of the events.
 */
export function verifyBundle(bundle: AuditBundle): BundleCheck {
  const chains = new StreamChains();
  let lastPosition = 0;
  for (const event of bundle.events) {
    const found = chains.follow(event);
    if (found) return broken(found);
    if (event.position <= lastPosition) {
      return broken({ ...at(event), problem: `out of order: it comes after position ${lastPosition}, and a bundle is in position order` });
    }
    lastPosition = event.position;
  }
  return checkManifest(bundle, chains) ?? { ok: true, events: bundle.events.length, streams: chains.streams };
}

function checkManifest({ manifest, events }: AuditBundle, chains: StreamChains): BundleCheck | undefined {
  for (const [stream] of chains.entries()) {
    if (!Object.hasOwn(manifest.streams, stream))
      return broken({
        stream,
        version: null,
        position: null,
        problem: 'the bundle holds events of this stream, but the manifest does not list it',
      });
  }
  for (const [stream, anchor] of Object.entries(manifest.streams)) {
    const where = { stream, version: null, position: null };
    const head = chains.head(stream);
    const held = head?.version ?? 0;
    if (held !== anchor.events) {
      return broken({
        ...where,
        problem: `the manifest lists ${anchor.events} events, the bundle holds ${held || 'none'}: events were removed or added`,
      });
    }
    if (head!.hash !== anchor.headHash) {
      return broken({
        ...where,
        problem: `the manifest's head hash ${anchor.headHash} is not the hash of the stream's last event, version ${held} (${head!.hash})`,
      });
    }
  }
  if (manifest.eventCount !== events.length) {
    return broken({
      stream: null,
      version: null,
      position: null,
      problem: `the manifest's eventCount is ${manifest.eventCount}, the bundle holds ${events.length} events`,
    });
  }
  return undefined;
}

/** One line for people: `ok: …`, or where the bundle first fails and why. */
export function describeBundleCheck(check: BundleCheck): string {
  if (check.ok) return `ok: ${check.events} events in ${check.streams} streams, head hashes match the manifest`;
  const { stream, version, position, problem } = check.break;
  if (stream === null) return `tampering found in the manifest: ${problem}`;
  if (version === null || position === null) return `tampering found at stream ${stream} (manifest): ${problem}`;
  return `tampering found at ${describeWhere({ stream, version, position })}: ${problem}`;
}

export type StoreComparison = { ok: true; streams: number; grown: string[] } | { ok: false; break: BundleBreak };

/**
 * Compares a verified bundle with a live store: each of its streams must be there, with an intact
 * chain, and hold at the bundle's head version the very event the bundle ends with. Streams may
 * have grown since the export. Reads only the bundle's streams.
 */
export async function compareWithStore(bundle: AuditBundle, store: EventStore): Promise<StoreComparison> {
  const grown: string[] = [];
  for (const [stream, anchor] of Object.entries(bundle.manifest.streams)) {
    const live = await store.readStream(stream);
    const chains = new StreamChains();
    for (const event of live) {
      const found = chains.follow(event);
      if (found) return { ok: false, break: { ...found, problem: `in the store: ${found.problem}` } };
    }
    const where = { stream, version: anchor.events, position: null };
    if (live.length < anchor.events) {
      return {
        ok: false,
        break: {
          ...where,
          problem: `the store holds ${live.length} events, the bundle ${anchor.events}: events were removed from the store since the export`,
        },
      };
    }
    const stored = live[anchor.events - 1];
    if (stored.metadata.hash !== anchor.headHash) {
      return {
        ok: false,
        break: {
          ...where,
          position: stored.position,
          problem: `the store's event has hash ${stored.metadata.hash}, the bundle's ${anchor.headHash}: the store's history differs from the bundle's`,
        },
      };
    }
    if (live.length > anchor.events) grown.push(stream);
  }
  return { ok: true, streams: Object.keys(bundle.manifest.streams).length, grown };
}

/** One line for people about a comparison with the store. */
export function describeStoreComparison(comparison: StoreComparison): string {
  if (!comparison.ok) {
    const { stream, version, position, problem } = comparison.break;
    const where = position === null ? `stream ${stream} version ${version}` : describeWhere({ stream, version, position });
    return `the store does not match the bundle at ${where}: ${problem}`;
  }
  const { grown } = comparison;
  const since = grown.length
    ? `; ${grown.length} of them ${grown.length === 1 ? 'has' : 'have'} events recorded since the export (${grown.join(', ')})`
    : '';
  return `the store holds the same history for all ${comparison.streams} streams${since}`;
}
