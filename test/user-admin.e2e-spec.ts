import { freePort, runBuilt } from '@actionplans/testing';
import { client, startWorld } from './support/api-world';

/**
 * An admin manages users through the API as the admin pages do: disabling and enabling, roles,
 * email addresses, and signing someone out everywhere (browser sessions and API token alike).
 */
describe('admins managing users through the API', () => {
  let world: Awaited<ReturnType<typeof startWorld<'manager'>>>;
  let env: Record<string, string>;

  beforeAll(async () => {
    const port = await freePort();
    env = { PUBLIC_URL: `http://127.0.0.1:${port}`, PORT: String(port), RATE_LIMIT: '0' };
    world = await startWorld('user-admin', { manager: { name: 'YOT Performance Manager', role: 'plan manager' } }, env);
  });

  afterAll(async () => {
    await world?.stop();
  });

  /** A user added at the command line, with their token and a browser signed in with their one-time link. */
  async function signedInUser(name: string) {
    const added = runBuilt('cli', ['users', 'add', '--name', name, '--role', 'action owner', '--email', 'owner@anytown.gov.uk'], {
      DATA_DIR: world.dir,
      ...env,
    });
    const userId = /as user (\S+)/.exec(added.stdout)![1];
    const token = /token \(shown once, keep it safe\): (\S+)/.exec(added.stdout)![1];
    const link = /sign in in a browser[^:]*: (\S+)/.exec(added.stdout)![1];
    const shown = await fetch(link);
    const cookie = shown.headers.get('set-cookie')!.split(';')[0];
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await shown.text())![1];
    const signedIn = await fetch(`${world.url}/sign-in/link`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, token: link.split('/').pop()! }).toString(),
    });
    expect(signedIn.status).toBe(303);
    return { userId, api: client(world.url, token, userId), cookie: signedIn.headers.get('set-cookie')!.split(';')[0] };
  }
  const page = async (cookie: string) => (await fetch(`${world.url}/app/plans`, { headers: { cookie }, redirect: 'manual' })).status;

  it('disables a user, so neither their token nor their browser gets in, and enables them again', async () => {
    const owner = await signedInUser('Service Manager, Evidence Based Hub');
    expect([(await owner.api.get('/users/me')).status, await page(owner.cookie)]).toEqual([200, 200]);

    const disabled = await world.admin.post(`/users/${owner.userId}/disable`, { reason: 'left the council' });
    expect([disabled.status, disabled.body.events.map((event: { type: string }) => event.type)]).toEqual([201, ['UserDisabled']]);
    expect([(await owner.api.get('/users/me')).status, await page(owner.cookie)]).toEqual([401, 303]);
    expect((await world.admin.get(`/users/${owner.userId}`)).body.disabled).toBe(true);

    const again = await world.admin.post(`/users/${owner.userId}/disable`, { reason: 'twice' });
    expect([again.status, again.body.code]).toEqual([422, 'USER.DISABLED']);
    expect((await world.admin.post(`/users/${owner.userId}/enable`, { reason: 'came back from secondment' })).status).toBe(201);
    expect((await owner.api.get('/users/me')).body.disabled).toBe(false);
  });

  it('signs a user out everywhere: their browser and token stop working until a new token is issued', async () => {
    const owner = await signedInUser('Head of Service LAC');
    const out = await world.admin.post(`/users/${owner.userId}/sign-out`, { reason: 'laptop stolen' });
    expect([out.status, out.body.sessionsEnded, out.body.events.map((event: { type: string }) => event.type)]).toEqual([
      201,
      1,
      ['UserSessionsEnded'],
    ]);
    expect([(await owner.api.get('/users/me')).status, await page(owner.cookie)]).toEqual([401, 303]);
    const reissued = await world.admin.post(`/users/${owner.userId}/token`, {});
    expect((await client(world.url, reissued.body.token).get('/users/me')).body).toMatchObject({ userId: owner.userId, disabled: false });
  });

  it('changes a role and an email address, each with a reason, and refuses anyone but an admin', async () => {
    const { manager } = world.users;
    const owner = await signedInUser('Remedi contact');
    const role = await world.admin.put(`/users/${owner.userId}/role`, { role: 'panel member', reason: 'joined the panel' });
    const email = await world.admin.put(`/users/${owner.userId}/email`, { email: 'contact@remedi.example', reason: 'new mailbox' });
    expect([role.status, email.status]).toEqual([200, 200]);
    expect(await owner.api.get('/users/me').then((reply) => reply.body)).toMatchObject({
      role: 'panel member',
      email: 'contact@remedi.example',
    });
    const same = await world.admin.put(`/users/${owner.userId}/email`, { email: 'Contact@remedi.example', reason: 'again' });
    expect([same.status, same.body.code]).toEqual([409, 'USER.ALREADY_THAT_EMAIL']);
    const byManager = await manager.put(`/users/${owner.userId}/role`, { role: 'admin', reason: 'promote myself' });
    expect([byManager.status, byManager.body.code]).toEqual([403, 'AUTH.ROLE']);
    const unknown = await world.admin.put('/users/0190b5a8-0000-7000-8000-000000000000/email', { email: null, reason: 'gone' });
    expect([unknown.status, unknown.body.code]).toEqual([404, 'USER.NOT_FOUND']);
  });

  it('does the same from the command line, refusing a change that breaks a rule with its code and exit code 1', async () => {
    const owner = await signedInUser('South Yorkshire Police liaison');
    const cli = (...args: string[]) => runBuilt('cli', ['users', ...args], { DATA_DIR: world.dir, ...env });
    // Typed as people type it unquoted: read as "plan manager".
    const role = cli('role', owner.userId, 'Plan-Manager', '--reason', 'took over the plan');
    const email = cli('email', owner.userId, 'none', '--reason', 'shared mailbox closed');
    const disabled = cli('disable', owner.userId, '--reason', 'left the council');
    expect([role.code, email.code, disabled.code, disabled.stdout.trim()]).toEqual([0, 0, 0, `disabled ${owner.userId}`]);
    const twice = cli('disable', owner.userId, '--reason', 'again');
    expect([twice.code, twice.stderr.trim()]).toEqual([1, 'actionplans: USER.DISABLED: the user is disabled']);
    const unknown = cli('role', owner.userId, 'superuser', '--reason', 'x');
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('must be one of: "admin", ');
    await eventually(async () =>
      expect((await world.admin.get(`/users/${owner.userId}`)).body).toMatchObject({ role: 'plan manager', email: null, disabled: true }),
    );
    expect(cli('enable', owner.userId, '--reason', 'back').code).toBe(0);
  });
});

/** Retries an assertion while the app catches up with what another process wrote. */
async function eventually(check: () => Promise<void>, within = 10_000): Promise<void> {
  const until = Date.now() + within;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
