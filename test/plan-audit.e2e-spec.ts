import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runBuilt, tempDir } from '@actionplans/testing';
import { created, startWorld, type Reply } from './support/api-world';
import { addRestatedMeasureAndIssuedPack } from './support/measure-and-pack';

/**
 * The auditor's two questions over HTTP: the plan's audit bundle (the file the CLI writes, checked
 * on another machine), and whether the plan's hash chains hold in the store, before and after an
 * event is edited behind the engine's back: an action's, an impact measure's restated figure, and
 * the pack register's record of which pack went to the board.
 */
const people = {
  manager: { name: 'YOT Performance Manager', role: 'plan manager' },
  owner: { name: 'CYPS Training lead', role: 'action owner' },
  chair: { name: 'Suzanne Joyner', role: 'panel member' },
  member: { name: 'Ian Atkinson', role: 'panel member' },
  auditor: { name: 'Internal Audit', role: 'auditor' },
};
const today = new Date().toISOString().slice(0, 10);

interface Bundle {
  manifest: { plan: { id: string }; exportedAt: string; streams: Record<string, { kind: string; events: number }> };
  events: Array<{ stream: string; version: number; position: number; type: string }>;
}

describe("a plan's audit bundle and hash-chain check over the API", () => {
  let world: Awaited<ReturnType<typeof startWorld<keyof typeof people>>>;
  const elsewhere = tempDir('plan-audit-auditor');
  let planId = '';
  const actionIds: string[] = [];
  let panelId = '';
  let measureId = '';

  beforeAll(async () => {
    world = await startWorld('plan-audit', people);
    const { manager, owner, chair, member } = world.users;
    planId = (
      await created(
        manager.post('/plans', {
          kind: 'inspection',
          title: 'YOT HMIP Inspection Action Plan',
          source: { body: 'HMIP', date: '2020-12-17' },
        }),
      )
    ).body.id;
    const groupingId = (
      await created(
        manager.post(`/plans/${planId}/groupings`, { kind: 'recommendation', references: ['2'], title: 'Looked after children' }),
      )
    ).body.createdId;
    await created(manager.post(`/plans/${planId}/activation`, { submittedTo: 'Youth Justice Board', submittedOn: today }));
    for (const reference of ['2.1', '2.2']) {
      const body = {
        groupingId,
        references: [reference],
        description: `Action ${reference}`,
        targetDate: 'Mar-30',
        leadOwners: [{ kind: 'role', name: 'CYPS Training lead', userId: owner.userId }],
      };
      actionIds.push((await created(manager.post(`/plans/${planId}/actions`, body))).body.id);
    }
    await created(owner.post(`/actions/${actionIds[1]}/progress`, { commentary: 'Workshops booked', assessment: 'on track', asOf: today }));
    const evidenceId = (
      await created(
        owner.post(`/actions/${actionIds[0]}/evidence`, {
          title: 'Case review of child K',
          kind: 'case study',
          restricted: true,
          link: 'https://council.example/k',
        }),
      )
    ).body.createdId;
    await created(owner.post(`/actions/${actionIds[0]}/submission`, { evidenceIds: [evidenceId] }));
    panelId = (
      await created(
        manager.post('/panels', { planId, title: 'Evidence challenge panel', date: today, chair: chair.userId, members: [member.userId] }),
      )
    ).body.id;
    await created(chair.post(`/panels/${panelId}/agenda`, { actionId: actionIds[0] }));
    await created(chair.post(`/panels/${panelId}/attendance`, { present: [chair.userId, member.userId] }));
    await created(
      chair.post(`/panels/${panelId}/decisions`, { actionId: actionIds[0], outcome: 'signed off', rationale: 'Evidence of change seen' }),
    );
    measureId = await addRestatedMeasureAndIssuedPack({ manager, owner }, planId, today);
  }, 60_000);
  afterAll(async () => {
    await world?.stop();
    elsewhere.remove();
  });

  const download = async (as = world.users.auditor) => {
    const response = await fetch(`${world.url}/plans/${planId}/audit-bundle`, { headers: { authorization: `Bearer ${as.token}` } });
    return { status: response.status, headers: response.headers, text: await response.text() };
  };

  it('gives an auditor the same bundle the command line writes, as a file that verifies anywhere', async () => {
    const { status, headers, text } = await download();
    expect(status).toBe(200);
    expect(headers.get('content-type')).toMatch(/^application\/json/);
    const bundle = JSON.parse(text) as Bundle;
    const stamp = bundle.manifest.exportedAt.replace(/[-:]/g, '').replace(/\.\d+/, '');
    expect(headers.get('content-disposition')).toBe(`attachment; filename="plan-${planId}-audit-${stamp}.json"`);
    expect(text).toBe(`${JSON.stringify(bundle, null, 2)}\n`);

    const fromCli = join(world.dir, 'cli-bundle.json');
    expect(runBuilt('cli', ['export-audit', planId, '--out', fromCli], { DATA_DIR: world.dir }).code).toBe(0);
    const written = JSON.parse(readFileSync(fromCli, 'utf8')) as Bundle;
    const withoutMoment = ({ manifest: { exportedAt: _, ...manifest }, events }: Bundle) => ({ manifest, events });
    expect(withoutMoment(bundle)).toEqual(withoutMoment(written));
    expect(bundle.manifest.streams[`measure-${measureId}`]).toMatchObject({ kind: 'measure', events: 3 });
    expect(bundle.manifest.streams[`packs-${planId}`]).toMatchObject({ kind: 'pack register', events: 1 });

    const copy = join(elsewhere.path, 'plan-audit.json');
    writeFileSync(copy, text);
    const checked = runBuilt('cli', ['verify', '--bundle', copy], {}, elsewhere.path);
    expect({ code: checked.code, stdout: checked.stdout.trim() }).toEqual({
      code: 0,
      stdout: `ok: ${bundle.events.length} events in ${Object.keys(bundle.manifest.streams).length} streams, head hashes match the manifest`,
    });
  });

  it('is refused to everyone but auditors (it holds restricted evidence as stored), and 404 for no such plan', async () => {
    for (const role of ['manager', 'owner', 'chair'] as const) {
      const { status, text } = await download(world.users[role]);
      expect({ role, status, code: JSON.parse(text).code }).toEqual({ role, status: 403, code: 'AUTH.ROLE' });
    }
    expect((await world.admin.get(`/plans/${planId}/audit-bundle`)).status).toBe(403);
    const missing = await world.users.auditor.get('/plans/no-such-plan/audit-bundle');
    expect({ status: missing.status, code: missing.body.code }).toEqual({ status: 404, code: 'PLAN.NOT_FOUND' });
  });

  it("checks the plan's own streams and says which, with how many events", async () => {
    const { status, body } = await world.users.auditor.get(`/plans/${planId}/verify`);
    expect(status).toBe(200);
    expect(body.streams.map((check: { stream: string; kind: string }) => [check.kind, check.stream])).toEqual([
      ['plan', `plan-${planId}`],
      ...actionIds.map((id) => ['action', `action-${id}`]),
      ['panel', `panel-${panelId}`],
      ['measure', `measure-${measureId}`],
      ['pack register', `packs-${planId}`],
    ]);
    const total = body.streams.reduce((sum: number, check: { events: number }) => sum + check.events, 0);
    expect(body).toMatchObject({ planId, ok: true, events: total, break: null, says: `verified ${total} events in 6 streams` });
    expect((await world.users.manager.get(`/plans/${planId}/verify`)).status).toBe(200);
    expect((await world.users.owner.get(`/plans/${planId}/verify`)).body.code).toBe('AUTH.ROLE');
  });

  /** Edits one stored event's data behind the engine's back; gives back how to undo it. */
  const edit = (stream: string, type: string, path: string, value: string | number) => {
    const raw = new Database(join(world.dir, 'events.db'));
    try {
      const row = raw.prepare(`SELECT version, position, data FROM events WHERE stream = ? AND type = ?`).get(stream, type) as {
        version: number;
        position: number;
        data: string;
      };
      raw.prepare(`UPDATE events SET data = json_set(data, ?, ?) WHERE stream = ? AND version = ?`).run(path, value, stream, row.version);
      const undo = () => {
        const again = new Database(join(world.dir, 'events.db'));
        again.prepare(`UPDATE events SET data = ? WHERE stream = ? AND version = ?`).run(row.data, stream, row.version);
        again.close();
      };
      return { version: row.version, position: row.position, undo };
    } finally {
      raw.close();
    }
  };
  const altered = 'the event does not match its hash: its content was altered';

  it('names the pack register after the hash of the pack the board was issued is replaced, and holds again once it is put back', async () => {
    const stream = `packs-${planId}`;
    const { version, position, undo } = edit(stream, 'PackIssued', '$.hash', 'f'.repeat(64));
    const { body }: Reply = await world.users.auditor.get(`/plans/${planId}/verify`);
    expect(body).toMatchObject({
      ok: false,
      break: { stream, version, position, problem: altered },
      says: `tampering found at stream ${stream} version ${version} (position ${position}): ${altered}`,
    });
    expect(body.streams.at(-1)).toMatchObject({ kind: 'pack register', stream, events: 0 });
    undo();
    expect((await world.users.auditor.get(`/plans/${planId}/verify`)).body.ok).toBe(true);
  });

  it('names the measure after a restated figure is edited back to the first one', async () => {
    const stream = `measure-${measureId}`;
    const { version, position } = edit(stream, 'ActualRestated', '$.value', 61.2);
    const { body }: Reply = await world.users.auditor.get(`/plans/${planId}/verify`);
    expect(body).toMatchObject({
      ok: false,
      break: { stream, version, position, problem: altered },
      says: `tampering found at stream ${stream} version ${version} (position ${position}): ${altered}`,
    });
    expect(body.streams.at(-1)).toMatchObject({ kind: 'measure', stream, events: version - 1 });
  });

  it('names the first break after an event is edited in the database', async () => {
    const stream = `action-${actionIds[1]}`;
    const raw = new Database(join(world.dir, 'events.db'));
    const { version, position } = raw
      .prepare(`SELECT version, position FROM events WHERE stream = ? AND type = 'ProgressUpdated'`)
      .get(stream) as {
      version: number;
      position: number;
    };
    raw
      .prepare(`UPDATE events SET data = json_set(data, '$.commentary', 'Action completed') WHERE stream = ? AND version = ?`)
      .run(stream, version);
    raw.close();
    const { body }: Reply = await world.users.auditor.get(`/plans/${planId}/verify`);
    expect(body).toMatchObject({
      ok: false,
      break: { stream, version, position, problem: 'the event does not match its hash: its content was altered' },
      says: `tampering found at stream ${stream} version ${version} (position ${position}): the event does not match its hash: its content was altered`,
    });
    expect(body.streams.at(-1)).toMatchObject({ stream, events: version - 1 });
  });
});
