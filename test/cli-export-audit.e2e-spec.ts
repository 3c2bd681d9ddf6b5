import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runBuilt, tempDir } from '@actionplans/testing';
import { created, startWorld } from './support/api-world';
import { addRestatedMeasureAndIssuedPack } from './support/measure-and-pack';

/**
 * A plan built over HTTP by the people in it, with an impact measure whose figure was restated and
 * a committee pack issued to its board, exported with the built CLI, and checked on "another
 * machine": a folder with the bundle alone and no DATA_DIR or DATABASE_URL.
 */
const people = {
  manager: { name: 'YOT Performance Manager', role: 'plan manager' },
  owner: { name: 'CYPS Training lead', role: 'action owner' },
  chair: { name: 'Suzanne Joyner', role: 'panel member' },
  member: { name: 'Ian Atkinson', role: 'panel member' },
  bystander: { name: 'Someone Else', role: 'action owner' },
};
const today = new Date().toISOString().slice(0, 10);

interface BundleEvent {
  stream: string;
  version: number;
  position: number;
  type: string;
  data: Record<string, unknown>;
  metadata: { hash: string };
}
interface Bundle {
  manifest: {
    eventCount: number;
    streams: Record<string, { kind: string; events: number; headHash: string }>;
    userIdsWithoutStream: string[];
  };
  events: BundleEvent[];
}

describe('actionplans export-audit and verify --bundle', () => {
  let world: Awaited<ReturnType<typeof startWorld<keyof typeof people>>>;
  const auditor = tempDir('cli-audit-auditor');
  let planId: string;
  let actionIds: string[];
  let measureId: string;
  let bundleFile: string;
  const copy = join(auditor.path, 'plan-audit.json');
  const verifyCopy = (bundle: Bundle) => {
    const file = join(auditor.path, `tampered-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, JSON.stringify(bundle, null, 2));
    return runBuilt('cli', ['verify', '--bundle', file], {}, auditor.path);
  };
  const fresh = () => JSON.parse(readFileSync(copy, 'utf8')) as Bundle;

  beforeAll(async () => {
    world = await startWorld('cli-audit', people);
    const { manager, owner, chair, member } = world.users;
    const id = async (reply: ReturnType<typeof manager.post>) => (await created(reply)).body.id as string;
    planId = await id(
      manager.post('/plans', {
        kind: 'inspection',
        title: 'YOT HMIP Inspection Action Plan',
        source: { body: 'HMIP', date: '2020-12-17' },
      }),
    );
    const groupingId = (
      await created(
        manager.post(`/plans/${planId}/groupings`, { kind: 'recommendation', references: ['2'], title: 'Looked after children' }),
      )
    ).body.createdId;
    await created(manager.post(`/plans/${planId}/activation`, { submittedTo: 'Youth Justice Board', submittedOn: today }));
    actionIds = [];
    for (const reference of ['2.1', '2.2']) {
      actionIds.push(
        await id(
          manager.post(`/plans/${planId}/actions`, {
            groupingId,
            references: [reference],
            description: `Action ${reference}`,
            targetDate: 'Mar-30',
            leadOwners: [{ kind: 'role', name: 'CYPS Training lead', userId: owner.userId }],
          }),
        ),
      );
    }
    for (const actionId of actionIds) {
      await created(owner.post(`/actions/${actionId}/progress`, { commentary: 'Workshops booked', assessment: 'on track', asOf: today }));
      await created(
        owner.post(`/actions/${actionId}/evidence`, { title: 'Minutes', kind: 'minutes', link: 'https://rotherham.example/minutes' }),
      );
    }
    const evidenceIds = (await owner.get(`/actions/${actionIds[0]}`)).body.evidence.map((e: { evidenceId: string }) => e.evidenceId);
    await created(owner.post(`/actions/${actionIds[0]}/submission`, { evidenceIds }));
    const panelId = await id(
      manager.post('/panels', { planId, title: 'Evidence Challenge Panel', date: today, chair: chair.userId, members: [member.userId] }),
    );
    await created(chair.post(`/panels/${panelId}/agenda`, { actionId: actionIds[0] }));
    await created(chair.post(`/panels/${panelId}/attendance`, { present: [chair.userId, member.userId] }));
    await created(
      chair.post(`/panels/${panelId}/decisions`, { actionId: actionIds[0], outcome: 'signed off', rationale: 'Evidence of change seen' }),
    );
    measureId = await addRestatedMeasureAndIssuedPack({ manager, owner }, planId, today);
    bundleFile = join(world.dir, 'plan-audit.json');
  });
  afterAll(async () => {
    await world?.stop();
    auditor.remove();
  });

  it("writes the plan's bundle and says where, and how many events of which streams it holds", () => {
    const { code, stdout } = runBuilt('cli', ['export-audit', planId, '--out', bundleFile], { DATA_DIR: world.dir });
    expect(code).toBe(0);
    const bundle = JSON.parse(readFileSync(bundleFile, 'utf8')) as Bundle;
    const [where, counts] = stdout.trim().split('\n');
    expect(where).toBe(`wrote the audit bundle of plan ${planId} "YOT HMIP Inspection Action Plan" to ${bundleFile}`);
    expect(counts).toMatch(
      new RegExp(
        `^${bundle.events.length} events in 10 streams \\(1 plan, 2 actions, 1 panel, 1 measure, 1 pack register, 4 users\\), the log as at position \\d+$`,
      ),
    );
    const { manager, owner, chair, member } = world.users;
    expect(Object.keys(bundle.manifest.streams)).toEqual([
      `plan-${planId}`,
      ...actionIds.map((a) => `action-${a}`),
      expect.stringMatching(/^panel-/),
      `measure-${measureId}`,
      `packs-${planId}`,
      ...[manager, owner, chair, member].map((user) => `user-${user.userId}`),
    ]);
    expect(bundle.manifest.streams[`measure-${measureId}`]).toMatchObject({ kind: 'measure', events: 3 });
    expect(bundle.manifest.streams[`packs-${planId}`]).toMatchObject({ kind: 'pack register', events: 1 });
    // The panel process carried the sign-off to the action as a system actor: named, with no user stream.
    expect(bundle.manifest.userIdsWithoutStream).toEqual(['evidence-panel']);
    writeFileSync(copy, readFileSync(bundleFile));
  });

  it('verifies the copy with no DATA_DIR or database, opening nothing but the file', () => {
    const { code, stdout } = runBuilt('cli', ['verify', '--bundle', copy], {}, auditor.path);
    expect(stdout.trim()).toBe(`ok: ${fresh().events.length} events in 10 streams, head hashes match the manifest`);
    expect(code).toBe(0);
    expect(readdirSync(auditor.path)).toEqual(['plan-audit.json']);
  });

  it('names the stream, version and problem after a data field is edited', () => {
    const bundle = fresh();
    const progress = bundle.events.find((e) => e.type === 'ProgressUpdated' && e.stream === `action-${actionIds[1]}`)!;
    progress.data.commentary = 'Action completed';
    const { code, stdout } = verifyCopy(bundle);
    expect(stdout.trim()).toBe(
      `tampering found at stream action-${actionIds[1]} version ${progress.version} (position ${progress.position}): the event does not match its hash: its content was altered`,
    );
    expect(code).toBe(1);
  });

  it('names the measure after a restated figure is edited back to the one first recorded', () => {
    const bundle = fresh();
    const restated = bundle.events.find((e) => e.type === 'ActualRestated')!;
    restated.data.value = 61.2;
    const { code, stdout } = verifyCopy(bundle);
    expect(stdout.trim()).toBe(
      `tampering found at stream measure-${measureId} version ${restated.version} (position ${restated.position}): the event does not match its hash: its content was altered`,
    );
    expect(code).toBe(1);
  });

  it('names the pack register after the hash of the pack issued to the board is replaced', () => {
    const bundle = fresh();
    const issued = bundle.events.find((e) => e.type === 'PackIssued')!;
    issued.data.hash = 'f'.repeat(64);
    const { code, stdout } = verifyCopy(bundle);
    expect(stdout.trim()).toBe(
      `tampering found at stream packs-${planId} version 1 (position ${issued.position}): the event does not match its hash: its content was altered`,
    );
    expect(code).toBe(1);
  });

  it('names the gap after an event is deleted', () => {
    const bundle = fresh();
    const stream = `action-${actionIds[0]}`;
    bundle.events = bundle.events.filter((e) => !(e.stream === stream && e.version === 2));
    const next = bundle.events.find((e) => e.stream === stream && e.version === 3)!;
    const { code, stdout } = verifyCopy(bundle);
    expect(stdout.trim()).toBe(
      `tampering found at stream ${stream} version 3 (position ${next.position}): version 2 is missing or out of order (found version 3 next)`,
    );
    expect(code).toBe(1);
  });

  it('names the gap after two events of a stream are swapped', () => {
    const bundle = fresh();
    const stream = `action-${actionIds[0]}`;
    const [i, j] = [2, 3].map((version) => bundle.events.findIndex((e) => e.stream === stream && e.version === version));
    [bundle.events[i], bundle.events[j]] = [bundle.events[j], bundle.events[i]];
    const { code, stdout } = verifyCopy(bundle);
    expect(stdout.trim()).toBe(
      `tampering found at stream ${stream} version 3 (position ${bundle.events[i].position}): version 2 is missing or out of order (found version 3 next)`,
    );
    expect(code).toBe(1);
  });

  it('catches the last event of a stream cut off with its manifest left alone', () => {
    const bundle = fresh();
    const stream = `plan-${planId}`;
    const count = bundle.manifest.streams[stream].events;
    bundle.events = bundle.events.filter((e) => !(e.stream === stream && e.version === count));
    const { code, stdout } = verifyCopy(bundle);
    expect(stdout.trim()).toBe(
      `tampering found at stream ${stream} (manifest): the manifest lists ${count} events, the bundle holds ${count - 1}: events were removed or added`,
    );
    expect(code).toBe(1);
  });

  it('catches an edited head hash in the manifest', () => {
    const bundle = fresh();
    const stream = `action-${actionIds[1]}`;
    const { headHash, events } = bundle.manifest.streams[stream];
    bundle.manifest.streams[stream].headHash = '0'.repeat(64);
    const { code, stdout } = verifyCopy(bundle);
    expect(stdout.trim()).toBe(
      `tampering found at stream ${stream} (manifest): the manifest's head hash ${'0'.repeat(64)} is not the hash of the stream's last event, version ${events} (${headHash})`,
    );
    expect(code).toBe(1);
  });

  it('says what is wrong with a file that is not a bundle', () => {
    const file = join(auditor.path, 'not-a-bundle.json');
    writeFileSync(file, '{"rows": []}');
    const { code, stderr } = runBuilt('cli', ['verify', '--bundle', file], {}, auditor.path);
    expect([code, stderr.trim()]).toEqual([1, `actionplans: BUNDLE.INVALID: ${file}: manifest: missing; is this an audit bundle?`]);
  });

  it('confirms on the live machine that the store still holds the exported history, and says which streams grew since', async () => {
    await created(
      world.users.owner.post(`/actions/${actionIds[1]}/progress`, { commentary: 'Workshops held', assessment: 'on track', asOf: today }),
    );
    const { code, stdout } = runBuilt('cli', ['verify', '--bundle', copy, '--against-store'], { DATA_DIR: world.dir });
    expect(stdout.trim().split('\n')).toEqual([
      `ok: ${fresh().events.length} events in 10 streams, head hashes match the manifest`,
      `the store holds the same history for all 10 streams; 1 of them has events recorded since the export (action-${actionIds[1]})`,
    ]);
    expect(code).toBe(0);
  });

  it('refuses a plan that does not exist, and writes nothing', () => {
    const out = join(auditor.path, 'none.json');
    const { code, stderr } = runBuilt('cli', ['export-audit', 'no-such-plan', '--out', out], { DATA_DIR: world.dir });
    expect([code, stderr.trim()]).toEqual([1, 'actionplans: PLAN.NOT_FOUND: there is no plan no-such-plan']);
    expect(existsSync(out)).toBe(false);
  });

  it('never overwrites a bundle already written', () => {
    const before = readFileSync(bundleFile, 'utf8');
    const { code, stderr } = runBuilt('cli', ['export-audit', planId, '--out', bundleFile], { DATA_DIR: world.dir });
    expect([code, stderr.trim()]).toEqual([1, `actionplans: BUNDLE.FILE_EXISTS: ${bundleFile} already exists; give another --out`]);
    expect(readFileSync(bundleFile, 'utf8')).toBe(before);
  });
});
