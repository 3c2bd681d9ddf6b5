import { canonicalJson } from './hash-chain';
import { seal } from './seal';

describe('seal', () => {
  const actor = { id: 'user-7', role: 'plan manager' };
  const recordedAt = new Date('2026-11-22T10:00:00.000Z');

  it.each([
    ['the standard metadata', { actor }],
    ['metadata with a causation id and unicode', { actor: { id: 'Zoë “chair”', role: 'panel member' }, causationId: 'c-1', correlationId: 'k-1' }],
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
});
