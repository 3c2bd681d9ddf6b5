import type { EventStoreKind, RecordedEvent } from '@actionplans/event-store';

export const BUNDLE_FORMAT = 'actionplans-audit-bundle';
export const BUNDLE_FORMAT_VERSION = 1;

/**
 * What a bundle's streams are: the plan, its actions, panel meetings and impact measures, its pack
 * register, and the people in them. Bundles made before measures and packs were audited hold only
 * the first three and users; they read and verify as they did.
 */
export type BundleStreamKind = 'plan' | 'action' | 'panel' | 'measure' | 'pack register' | 'user';

/** The kinds in the order a manifest lists their streams. */
export const BUNDLE_STREAM_KINDS: readonly BundleStreamKind[] = ['plan', 'action', 'panel', 'measure', 'pack register', 'user'];

/** One stream as the exporting store held it: an anchor to compare with the store later. */
export interface BundleStream {
  kind: BundleStreamKind;
  /** How many events the bundle holds; versions run 1 to this. */
  events: number;
  /** The hash of the stream's last event in the bundle. */
  headHash: string;
}

export interface BundleManifest {
  format: typeof BUNDLE_FORMAT;
  formatVersion: number;
  plan: { id: string; title: string };
  exportedAt: string;
  exportedBy: { tool: string; version: string };
  /** The store read, and the global position it was read up to: the bundle is the log as it stood there. */
  source: { eventStore: EventStoreKind; upToPosition: number };
  eventCount: number;
  /** Every stream in the bundle, in the order plan, actions, panels, measures, pack register, users. */
  streams: Record<string, BundleStream>;
  /** Ids that act or are named in the plan's streams with no user stream: the engine's own processes (role `system`), or ids never added. */
  userIdsWithoutStream: string[];
  /** Which streams are included, in words, for the reader. */
  contents: string;
  /** How each `metadata.hash` is computed, so it can be checked without this tool. */
  hashRule: string;
}

/** A plan's events with their hash chains and a manifest, as written by `actionplans export-audit`. */
export interface AuditBundle {
  manifest: BundleManifest;
  /** Every event of every stream in the manifest, in global position order, with full metadata. */
  events: RecordedEvent[];
}

export const BUNDLE_CONTENTS =
  'the plan stream; every action raised into the plan (an action never moves between plans); every panel meeting ' +
  'scheduled for the plan; every impact measure defined for the plan (figures recorded ' +
  "and restated, with the figure each restatement replaces); the plan's pack register (which committee pack, with " +
  'which hash, was issued to which meeting); and the whole stream of every user who acted on or is named in those ' +
  'streams (actors, owners linked to users, panel chairs, members, those present and deciding, measure owners). ' +
  'Actions of other plans that are linked to are named, not included. Evidence files are not included: their ' +
  'SHA-256 is in EvidenceAttached. Committee packs themselves are not included: each is made again from these ' +
  "events and checked by the hash its PackIssued records. The plan's notification channels are not included: " +
  'they say where notices go, not what was decided, and their webhook addresses are credentials.';

export const HASH_RULE =
  'hash = hex SHA-256 of (prevHash, or "" for version 1) + "\\n" + RFC 8785 canonical JSON of ' +
  '{data, id, metadata without hash and prevHash, stream, type, version}; prevHash = the hash of the previous version';

export class AuditBundleError extends Error {
  readonly code = 'BUNDLE.INVALID';
  constructor(readonly problem: string) {
    super(problem);
    this.name = 'AuditBundleError';
  }
}

/** The manifest's anchor of each stream, in the order given, from the events (in position order). */
export function streamAnchors(events: RecordedEvent[], streams: Map<string, BundleStreamKind>): Record<string, BundleStream> {
  const anchors: Record<string, BundleStream> = {};
  for (const [stream, kind] of streams) anchors[stream] = { kind, events: 0, headHash: '' };
  for (const event of events) {
    const anchor = anchors[event.stream];
    anchor.events += 1;
    anchor.headHash = event.metadata.hash;
  }
  return anchors;
}

/**
 * Parses a bundle file's text and checks its shape, so verification can rely on every field
 * being there. Throws AuditBundleError naming the first thing missing or malformed.
 */
export function parseBundle(text: string): AuditBundle {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new AuditBundleError(`not JSON (${(error as Error).message})`);
  }
  const bundle = parsed as Partial<AuditBundle>;
  if (!isObject(bundle) || !isObject(bundle.manifest)) throw new AuditBundleError('manifest: missing; is this an audit bundle?');
  const manifest = bundle.manifest as Partial<BundleManifest>;
  if (manifest.format !== BUNDLE_FORMAT)
    throw new AuditBundleError(`manifest.format: must be "${BUNDLE_FORMAT}"; is this an audit bundle?`);
  if (manifest.formatVersion !== BUNDLE_FORMAT_VERSION) {
    throw new AuditBundleError(
      `manifest.formatVersion: ${JSON.stringify(manifest.formatVersion)} is not one this version of actionplans reads (${BUNDLE_FORMAT_VERSION})`,
    );
  }
  if (!Number.isSafeInteger(manifest.eventCount)) throw new AuditBundleError('manifest.eventCount: must be a whole number');
  if (!isObject(manifest.streams)) throw new AuditBundleError('manifest.streams: must be an object of stream names');
  for (const [stream, entry] of Object.entries(manifest.streams)) checkAnchor(stream, entry);
  if (!Array.isArray(bundle.events)) throw new AuditBundleError('events: must be an array');
  bundle.events.forEach((event, index) => checkEvent(event, `events[${index}]`));
  return bundle as AuditBundle;
}

function checkAnchor(stream: string, entry: unknown): void {
  const at = `manifest.streams["${stream}"]`;
  if (!isObject(entry)) throw new AuditBundleError(`${at}: must be an object`);
  const { events, headHash } = entry as Partial<BundleStream>;
  if (!Number.isSafeInteger(events) || events! < 1) throw new AuditBundleError(`${at}.events: must be a whole number from 1`);
  if (typeof headHash !== 'string') throw new AuditBundleError(`${at}.headHash: must be a string`);
}

function checkEvent(event: unknown, at: string): void {
  if (!isObject(event)) throw new AuditBundleError(`${at}: must be an object`);
  const { id, stream, version, position, type, data, metadata } = event as Partial<RecordedEvent>;
  for (const [field, value] of Object.entries({ id, stream, type })) {
    if (typeof value !== 'string') throw new AuditBundleError(`${at}.${field}: must be a string`);
  }
  for (const [field, value] of Object.entries({ version, position })) {
    if (!Number.isSafeInteger(value) || value! < 1) throw new AuditBundleError(`${at}.${field}: must be a whole number from 1`);
  }
  if (data === undefined) throw new AuditBundleError(`${at}.data: missing`);
  if (!isObject(metadata)) throw new AuditBundleError(`${at}.metadata: must be an object`);
  if (typeof metadata.hash !== 'string') throw new AuditBundleError(`${at}.metadata.hash: must be a string`);
  if (metadata.prevHash !== null && typeof metadata.prevHash !== 'string') {
    throw new AuditBundleError(`${at}.metadata.prevHash: must be a string, or null for version 1`);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
