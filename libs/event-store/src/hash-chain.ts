import { hash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** The parts of an event its hash covers: everything but the global position and the hashes. */
export interface HashedFields {
  id: string;
  stream: string;
  version: number;
  type: string;
  data: unknown;
  /** Metadata without `hash` and `prevHash`. */
  metadata: Record<string, unknown>;
}

/**
 * Canonical JSON (RFC 8785, JCS) of one value, so that anyone can recompute a hash with any JCS
 * implementation. Throws on values JSON cannot carry (undefined, functions, cyclic objects).
 */
export function canonicalJson(value: unknown, field: string): string {
  let text: string | undefined;
  try {
    text = canonicalize(value);
  } catch (error) {
    throw new TypeError(`${field}: ${(error as Error).message}`, { cause: error });
  }
  if (text === undefined) throw new TypeError(`${field}: is not representable as JSON`);
  return text;
}

/**
 * The text that is hashed: the canonical JSON of `{data, id, metadata, stream, type, version}`,
 * assembled from the separately canonicalised data and metadata (keys in JCS order) so a large
 * payload is serialised once, and the same text is what the SQL adapters store.
 */
export function canonicalEvent(fields: Omit<HashedFields, 'data' | 'metadata'>, dataJson: string, metadataJson: string): string {
  const { id, stream, type, version } = fields;
  return (
    `{"data":${dataJson},"id":${JSON.stringify(id)},"metadata":${metadataJson},` +
    `"stream":${JSON.stringify(stream)},"type":${JSON.stringify(type)},"version":${version}}`
  );
}

/** hash = SHA-256 (hex) of `prevHash` (empty for a stream's first event), a newline, and the canonical event. */
export function chainHash(prevHash: string | null, canonical: string): string {
  // One-shot hashing (Node 20.12+): no Hash object per event, a measurable share of an append.
  return hash('sha256', `${prevHash ?? ''}\n${canonical}`, 'hex');
}

/** Recomputes an event's hash from its fields, as `verify` does. */
export function hashOf(prevHash: string | null, event: HashedFields): string {
  const canonical = canonicalEvent(event, canonicalJson(event.data, 'data'), canonicalJson(event.metadata, 'metadata'));
  return chainHash(prevHash, canonical);
}
