import { createHmac, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, receiver, runBuilt } from '@actionplans/testing';
import { created, startWorld } from './support/api-world';

/**
 * Rotating NOTIFY_SECRET_KEY over the built app and CLI: channels sealed under key A still deliver
 * once B is the key and A only an old one; `actionplans notifications reseal` seals them again
 * under B, recorded on each channel's stream; then A is dropped and they still deliver.
 */
const keyA = randomBytes(32).toString('base64');
const keyB = randomBytes(32).toString('hex');
const teamsPath = 'teams-rotation-path-7788';
const hookPath = 'hook-rotation-path-9911';
const hookSecret = 'whsec-rotation-partner-0042';

describe('rotating the key notification addresses are sealed with', () => {
  let world: Awaited<ReturnType<typeof startWorld<'manager'>>>;
  let hooks: Awaited<ReturnType<typeof receiver>>;
  const env: Record<string, string> = { NOTIFY_SECRET_KEY: keyA, NOTIFY_ALLOW_HTTP_LOOPBACK: 'true' };
  let planId = '';
  const channels: string[] = [];

  /** Sends each channel a test message and answers what its first attempt came to. */
  const deliver = async () => {
    const outcomes = [];
    for (const channelId of channels)
      outcomes.push((await world.users.manager.post(`/plans/${planId}/notification-channels/${channelId}/test`, {})).body);
    return outcomes.map((outcome: { outcome: string; error?: string }) => outcome.error ?? outcome.outcome);
  };
  const restartWith = async (keys: Record<string, string | undefined>) => {
    await world.halt();
    for (const [name, value] of Object.entries(keys))
      if (value === undefined) delete env[name];
      else env[name] = value;
    await world.restart();
  };
  const reseal = () => runBuilt('cli', ['notifications', 'reseal'], { DATA_DIR: world.dir, ...env });

  beforeAll(async () => {
    // A fixed port, so the clients reach the app after each restart.
    env.PORT = String(await freePort());
    hooks = await receiver([200]);
    world = await startWorld('key-rotation', { manager: { name: 'SEND performance manager', role: 'plan manager' } }, env);
    const { manager } = world.users;
    planId = (
      await created(
        manager.post('/plans', {
          kind: 'wsoa',
          title: 'SEND Written Statement of Action',
          source: { body: 'Ofsted/CQC', date: '2022-11-18' },
        }),
      )
    ).body.id;
    const add = async (body: object) =>
      channels.push((await created(manager.post(`/plans/${planId}/notification-channels`, body))).body.createdId);
    await add({ kind: 'teams', name: 'SEND partnership (Teams)', url: hooks.url(teamsPath), triggers: ['sign-off'] });
    await add({ kind: 'webhook', name: 'Case system', url: hooks.url(hookPath), triggers: ['sign-off'], signingSecret: hookSecret });
  });

  afterAll(async () => {
    await world?.stop();
    await hooks?.close();
  });

  it('delivers under key A, then under key B with A kept as an old key', async () => {
    await expect(deliver()).resolves.toEqual(['delivered', 'delivered']);
    await restartWith({ NOTIFY_SECRET_KEY: keyB, NOTIFY_SECRET_OLD_KEYS: keyA });
    await expect(deliver()).resolves.toEqual(['delivered', 'delivered']);
  });

  it('re-seals every channel under B once, saying how many, and never prints an address or secret', async () => {
    await world.halt();
    const first = reseal();
    expect([first.code, first.stderr]).toEqual([0, '']);
    expect(first.stdout).toMatch(/re-sealed 2 channels under key [0-9a-f]{8}; 0 were sealed under it already; 0 failed/);
    const again = reseal();
    expect(again.stdout).toMatch(/re-sealed 0 channels under key [0-9a-f]{8}; 2 were sealed under it already; 0 failed/);
    for (const printed of [first.stdout, again.stdout])
      for (const secret of [teamsPath, hookPath, hookSecret]) expect(printed).not.toContain(secret);
    await world.restart();
  });

  it('still delivers, signed with the same secret, once A is dropped; no file of the store holds an address or secret', async () => {
    const before = hooks.received.length;
    await restartWith({ NOTIFY_SECRET_KEY: keyB, NOTIFY_SECRET_OLD_KEYS: undefined });
    await expect(deliver()).resolves.toEqual(['delivered', 'delivered']);
    const [teams, hook] = hooks.received.slice(before);
    expect([teams.path, hook.path]).toEqual([`/hooks/${teamsPath}`, `/hooks/${hookPath}`]);
    const signature = createHmac('sha256', hookSecret)
      .update(`${String(hook.headers['x-actionplans-timestamp'])}.${hook.body}`)
      .digest('hex');
    expect(hook.headers['x-actionplans-signature']).toBe(`sha256=${signature}`);
    const stored = readdirSync(world.dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => readFileSync(join(entry.parentPath, entry.name)).toString('latin1'))
      .join('\n');
    for (const secret of [teamsPath, hookPath, hookSecret]) expect(stored).not.toContain(secret);
  });

  it('names a channel whose key is gone, and exits 1', async () => {
    await world.halt();
    const lost = runBuilt('cli', ['notifications', 'reseal'], { DATA_DIR: world.dir, ...env, NOTIFY_SECRET_KEY: keyA });
    expect(lost.code).toBe(1);
    expect(lost.stderr).toContain(`channel ${channels[0]} of plan ${planId} not re-sealed: no key`);
    await world.restart();
  });
});
