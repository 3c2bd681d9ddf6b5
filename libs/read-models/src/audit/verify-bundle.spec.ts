import type { RecordedEvent } from '@actionplans/event-store';
import { seal } from '../../../event-store/src/seal';
import { AuditBundleError, BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, parseBundle, streamAnchors, type AuditBundle } from './audit-bundle';
import { describeBundleCheck, verifyBundle } from './verify-bundle';

const actor = { id: 'u-manager', role: 'plan manager' };

/** plan-p and action-a with three events each, interleaved: positions 1..6, as an export writes them. */
function bundle(): AuditBundle {
  const heads = new Map<string, { version: number; hash: string | null }>();
  const events: RecordedEvent[] = [];
  for (const [position, stream] of ['plan-p', 'action-a', 'plan-p', 'action-a', 'action-a', 'plan-p'].entries()) {
    const head = heads.get(stream) ?? { version: 0, hash: null };
    const [{ event }] = seal(
      stream,
      head,
      [{ type: 'ProgressUpdated', data: { commentary: `update ${position + 1}` }, metadata: { actor } }],
      new Date('2021-03-10T09:00:00Z'),
    );
    events.push({ ...event, position: position + 1 });
    heads.set(stream, { version: event.version, hash: event.metadata.hash });
  }
  const streams = streamAnchors(
    events,
    new Map([
      ['plan-p', 'plan'],
      ['action-a', 'action'],
    ]),
  );
  // Through JSON and back, as the file is read on the auditor's machine.
  return JSON.parse(
    JSON.stringify({
      manifest: {
        format: BUNDLE_FORMAT,
        formatVersion: BUNDLE_FORMAT_VERSION,
        plan: { id: 'p', title: 'Plan' },
        exportedAt: '2021-03-11T00:00:00.000Z',
        exportedBy: { tool: 'actionplans', version: 'test' },
        source: { eventStore: 'sqlite', upToPosition: 6 },
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
