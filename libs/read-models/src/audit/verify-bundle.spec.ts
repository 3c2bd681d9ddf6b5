import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RecordedEvent } from '@actionplans/event-store';
import { seal } from '../../../event-store/src/seal';
import {
  AuditBundleError,
  BUNDLE_FORMAT,
  BUNDLE_FORMAT_VERSION,
  parseBundle,
  streamAnchors,
  type AuditBundle,
  type BundleStreamKind,
} from './audit-bundle';
import { describeBundleCheck, verifyBundle } from './verify-bundle';

const actor = { id: 'u-manager', role: 'plan manager' };

/** plan-p and action-a with three events each, interleaved: positions 1..6, as an export writes them. */
function bundle(): AuditBundle {
  const update = (stream: string, position: number) => ({ stream, type: 'ProgressUpdated', data: { commentary: `update ${position}` } });
  return sealedBundle(
    ['plan-p', 'action-a', 'plan-p', 'action-a', 'action-a', 'plan-p'].map((stream, index) => update(stream, index + 1)),
    new Map([
      ['plan-p', 'plan'],
      ['action-a', 'action'],
    ]),
  );
}

/** The events given, sealed in their streams at positions 1, 2, …, with a manifest listing `kinds`. */
function sealedBundle(given: Array<{ stream: string; type: string; data: object }>, kinds: Map<string, BundleStreamKind>): AuditBundle {
  const heads = new Map<string, { version: number; hash: string | null }>();
  const events: RecordedEvent[] = [];
  for (const [index, { stream, type, data }] of given.entries()) {
    const head = heads.get(stream) ?? { version: 0, hash: null };
    const [{ event }] = seal(stream, head, [{ type, data, metadata: { actor } }], new Date('2021-03-10T09:00:00Z'));
    events.push({ ...event, position: index + 1 });
    heads.set(stream, { version: event.version, hash: event.metadata.hash });
  }
  const streams = streamAnchors(events, kinds);
  // Through JSON and back, as the file is read on the auditor's machine.
  return JSON.parse(
    JSON.stringify({
      manifest: {
        format: BUNDLE_FORMAT,
        formatVersion: BUNDLE_FORMAT_VERSION,
        plan: { id: 'p', title: 'Plan' },
        exportedAt: '2021-03-11T00:00:00.000Z',
        exportedBy: { tool: 'actionplans', version: 'test' },
        source: { eventStore: 'sqlite', upToPosition: events.length },
        eventCount: events.length,
        streams,
        userIdsWithoutStream: [],
        contents: '',
        hashRule: '',
      },
      events,
    }),
  );
}

const indexOf = (b: AuditBundle, stream: string, version: number) =>
  b.events.findIndex((e) => e.stream === stream && e.version === version);

describe('verifyBundle', () => {
  it('accepts an untouched bundle and says how much it checked', () => {
    expect(describeBundleCheck(verifyBundle(bundle()))).toBe('ok: 6 events in 2 streams, head hashes match the manifest');
  });

  const tampering: Array<[string, (b: AuditBundle) => void, string]> = [
    [
      'an edited data field',
      (b) => {
        (b.events[indexOf(b, 'action-a', 2)].data as { commentary: string }).commentary = 'Action completed';
      },
      'tampering found at stream action-a version 2 (position 4): the event does not match its hash: its content was altered',
    ],
    [
      'an edited actor',
      (b) => {
        b.events[indexOf(b, 'plan-p', 1)].metadata.actor.id = 'u-chair';
      },
      'tampering found at stream plan-p version 1 (position 1): the event does not match its hash: its content was altered',
    ],
    [
      'a deleted event',
      (b) => {
        b.events.splice(indexOf(b, 'action-a', 2), 1);
      },
      'tampering found at stream action-a version 3 (position 5): version 2 is missing or out of order (found version 3 next)',
    ],
    [
      'a deleted first event',
      (b) => {
        b.events.splice(indexOf(b, 'plan-p', 1), 1);
      },
      'tampering found at stream plan-p version 2 (position 3): version 1 is missing or out of order (found version 2 next)',
    ],
    [
      'a deleted last event',
      (b) => {
        b.events.splice(indexOf(b, 'plan-p', 3), 1);
      },
      'tampering found at stream plan-p (manifest): the manifest lists 3 events, the bundle holds 2: events were removed or added',
    ],
    [
      'two events of a stream swapped',
      (b) => {
        const [i, j] = [indexOf(b, 'action-a', 2), indexOf(b, 'action-a', 3)];
        [b.events[i], b.events[j]] = [b.events[j], b.events[i]];
      },
      'tampering found at stream action-a version 3 (position 5): version 2 is missing or out of order (found version 3 next)',
    ],
    [
      'events of two streams swapped',
      (b) => {
        [b.events[0], b.events[1]] = [b.events[1], b.events[0]];
      },
      'tampering found at stream plan-p version 1 (position 1): out of order: it comes after position 2, and a bundle is in position order',
    ],
    [
      'an edited prevHash',
      (b) => {
        b.events[indexOf(b, 'plan-p', 2)].metadata.prevHash = 'e'.repeat(64);
      },
      'tampering found at stream plan-p version 2 (position 3): prevHash does not match the hash of the previous event: an event was removed or replaced',
    ],
    [
      'an edited head hash in the manifest',
      (b) => {
        b.manifest.streams['action-a'].headHash = 'a'.repeat(64);
      },
      `tampering found at stream action-a (manifest): the manifest's head hash ${'a'.repeat(64)} is not the hash of the stream's last event, version 3 (`,
    ],
    [
      'a stream missing from the manifest',
      (b) => {
        delete b.manifest.streams['action-a'];
      },
      'tampering found at stream action-a (manifest): the bundle holds events of this stream, but the manifest does not list it',
    ],
    [
      'a stream of the manifest with no events',
      (b) => {
        b.events = b.events.filter((e) => e.stream !== 'action-a');
      },
      'tampering found at stream action-a (manifest): the manifest lists 3 events, the bundle holds none: events were removed or added',
    ],
    [
      'an edited event count in the manifest',
      (b) => {
        b.manifest.eventCount = 7;
      },
      "tampering found in the manifest: the manifest's eventCount is 7, the bundle holds 6 events",
    ],
  ];

  it.each(tampering)('names the first break after %s', (_, tamper, message) => {
    const tampered = bundle();
    tamper(tampered);
    const check = verifyBundle(tampered);
    expect(check.ok).toBe(false);
    expect(describeBundleCheck(check)).toContain(message);
  });
});

describe('verifyBundle, on a plan with an impact measure and a pack register', () => {
  const figure = { period: '2023-03', periodEnd: '2023-03-31', value: 61.2, provisional: true, note: null };
  const meeting = { name: 'Improvement Board', date: '2022-06-14' };
  const issued = { packId: 'k1', planId: 'p', hash: 'ab'.repeat(32), inputs: { asAt: '2022-06-10', meeting, upTo: 4 }, meeting };
  const withMeasure = () =>
    sealedBundle(
      [
        { stream: 'plan-p', type: 'PlanCreated', data: { planId: 'p' } },
        { stream: 'measure-m', type: 'MeasureDefined', data: { measureId: 'm', planId: 'p', unit: '%' } },
        { stream: 'measure-m', type: 'ActualRecorded', data: figure },
        { stream: 'measure-m', type: 'ActualRestated', data: { ...figure, value: 58, reason: 're-run', replaces: figure } },
        { stream: 'packs-p', type: 'PackIssued', data: issued },
        // A type the register may gain later: verified as any other event.
        { stream: 'packs-p', type: 'PackWithdrawn', data: { packId: 'k1', reason: 'wrong meeting' } },
      ],
      new Map([
        ['plan-p', 'plan'],
        ['measure-m', 'measure'],
        ['packs-p', 'pack register'],
      ]),
    );

  it('accepts it untouched', () => {
    expect(describeBundleCheck(verifyBundle(withMeasure()))).toBe('ok: 6 events in 3 streams, head hashes match the manifest');
  });

  it.each<[string, (b: AuditBundle) => void, string]>([
    [
      'a restated figure edited back to the first one',
      (b) => {
        (b.events[indexOf(b, 'measure-m', 3)].data as { value: number }).value = 61.2;
      },
      'tampering found at stream measure-m version 3 (position 4): the event does not match its hash: its content was altered',
    ],
    [
      "an issued pack's hash replaced",
      (b) => {
        (b.events[indexOf(b, 'packs-p', 1)].data as { hash: string }).hash = 'cd'.repeat(32);
      },
      'tampering found at stream packs-p version 1 (position 5): the event does not match its hash: its content was altered',
    ],
    [
      'a restatement removed',
      (b) => {
        b.events.splice(indexOf(b, 'measure-m', 3), 1);
      },
      'tampering found at stream measure-m (manifest): the manifest lists 3 events, the bundle holds 2: events were removed or added',
    ],
  ])('names the measure or the register after %s', (_, tamper, message) => {
    const tampered = withMeasure();
    tamper(tampered);
    expect(describeBundleCheck(verifyBundle(tampered))).toBe(message);
  });
});

describe('a bundle made before measures and pack registers were in the audit', () => {
  // Written by export-audit as it was then, byte for byte: its manifest knows only plan, action, panel and user streams.
  const text = readFileSync(join(__dirname, '../../../../test/fixtures/audit-bundle-made-before-measures.json'), 'utf8');

  it('still reads and verifies', () => {
    const old = parseBundle(text);
    expect(new Set(Object.values(old.manifest.streams).map((stream) => stream.kind))).toEqual(new Set(['plan', 'action', 'panel']));
    expect(describeBundleCheck(verifyBundle(old))).toBe('ok: 31 events in 6 streams, head hashes match the manifest');
  });

  it('still shows an edit', () => {
    const old = parseBundle(text);
    const progress = old.events.find((event) => event.type === 'ProgressUpdated')!;
    (progress.data as { commentary: string }).commentary = 'Action completed';
    expect(describeBundleCheck(verifyBundle(old))).toBe(
      `tampering found at stream ${progress.stream} version ${progress.version} (position ${progress.position}): the event does not match its hash: its content was altered`,
    );
  });
});

describe('parseBundle', () => {
  const text = (change: (b: any) => void) => {
    const b = bundle();
    change(b);
    return JSON.stringify(b);
  };

  it('reads a bundle that has every field', () => {
    expect(parseBundle(text(() => undefined)).events).toHaveLength(6);
  });

  it.each([
    ['text that is not JSON', '{"manifest":', /^not JSON/],
    ['JSON that is not a bundle', '{"rows":[]}', /^manifest: missing; is this an audit bundle\?$/],
    [
      'another format',
      text((b) => {
        b.manifest.format = 'something-else';
      }),
      /^manifest\.format: must be "actionplans-audit-bundle"/,
    ],
    [
      'a newer format version',
      text((b) => {
        b.manifest.formatVersion = 2;
      }),
      /^manifest\.formatVersion: 2 is not one this version of actionplans reads \(1\)$/,
    ],
    [
      'an event without a hash',
      text((b) => {
        delete b.events[2].metadata.hash;
      }),
      /^events\[2\]\.metadata\.hash: must be a string$/,
    ],
    [
      'an event with a version of 0',
      text((b) => {
        b.events[4].version = 0;
      }),
      /^events\[4\]\.version: must be a whole number from 1$/,
    ],
    [
      'a manifest stream without a count',
      text((b) => {
        delete b.manifest.streams['plan-p'].events;
      }),
      /^manifest\.streams\["plan-p"\]\.events: must be a whole number from 1$/,
    ],
  ])('refuses %s, naming the field', (_, input, problem) => {
    expect(() => parseBundle(input)).toThrow(AuditBundleError);
    expect(() => parseBundle(input)).toThrow(problem);
  });
});
