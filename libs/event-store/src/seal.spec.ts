import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import { canonicalJson } from './hash-chain';
import { seal } from './seal';

describe('seal', () => {
  const actor = { id: 'user-7', role: 'plan manager' };
  const recordedAt = new Date('2026-11-22T10:00:00.000Z');

  it.each([
    ['the standard metadata', { actor }],
    [
      'metadata with a causation id and unicode',
      { actor: { id: 'Zoë “chair”', role: 'panel member' }, causationId: 'c-1', correlationId: 'k-1' },
    ],
    ['metadata with extra keys', { actor, reason: 'backdated after the panel', occurredAt: '2021-03-31T00:00:00Z' }],
  ])('stores %s exactly as its canonical JSON (RFC 8785)', (_, metadata) => {
    const [sealed] = seal('action-1', { version: 0, hash: null }, [{ type: 'ProgressUpdated', data: {}, metadata }], recordedAt);
    const { hash, prevHash, ...stored } = sealed.event.metadata;
    expect(sealed.metadataJson).toBe(canonicalJson(stored, 'metadata'));
    expect(JSON.parse(sealed.metadataJson)).toEqual(stored);
  });

  it('chains each event to the one before it', () => {
    const events = [1, 2, 3].map((n) => ({ type: 'ProgressUpdated', data: { n }, metadata: { actor } }));
    const sealed = seal('action-1', { version: 4, hash: 'f'.repeat(64) }, events, recordedAt).map((s) => s.event);
    expect(sealed.map((e) => e.version)).toEqual([5, 6, 7]);
    expect(sealed.map((e) => e.metadata.prevHash)).toEqual(['f'.repeat(64), sealed[0].metadata.hash, sealed[1].metadata.hash]);
    expect(new Set(sealed.map((e) => e.metadata.correlationId))).toEqual(new Set([sealed[0].id]));
  });

  it('hashes exactly as documented: SHA-256 of prevHash, a newline, and the RFC 8785 JSON of the event', () => {
    const input = {
      id: '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
      type: 'SignedOffAtPanel',
      data: { outcome: 'signed off', é: [1.5, 'ü'] },
      metadata: { actor },
    };
    const [first, second] = seal(
      'action-2.3',
      { version: 0, hash: null },
      [input, { ...input, id: '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c' }],
      recordedAt,
    ).map((s) => s.event);
    const independently = (prevHash: string | null, event: typeof first) => {
      const { hash, prevHash: _, ...metadata } = event.metadata;
      const whole = { id: event.id, stream: event.stream, version: event.version, type: event.type, data: event.data, metadata };
      return createHash('sha256')
        .update(`${prevHash ?? ''}\n${canonicalize(whole)}`)
        .digest('hex');
    };
    expect(first.metadata.hash).toBe(independently(null, first));
    expect(second.metadata.hash).toBe(independently(first.metadata.hash, second));
  });
});
