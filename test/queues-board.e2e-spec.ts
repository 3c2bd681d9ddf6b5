import { describeWithRedis, runBuilt } from '@actionplans/testing';
import { startWorld } from './support/api-world';

/** As PUBLIC_URL says: the engine is reached over https (TLS ends at a proxy in front of it). */
const PUBLIC_URL = 'https://actionplans.anytown.gov.uk';

describeWithRedis("the reminder queues' dashboard (Bull Board) with REDIS_URL set", (redisUrl) => {
  let world: Awaited<ReturnType<typeof startWorld<'manager'>>>;
  const env = (dir: string) => ({ DATA_DIR: dir, REDIS_URL: redisUrl, PUBLIC_URL });
  beforeAll(async () => {
    world = await startWorld(
      'queues-board',
      { manager: { name: 'YOT Performance Manager', role: 'plan manager' } },
      { REDIS_URL: redisUrl, PUBLIC_URL },
    );
  });
  afterAll(() => world?.stop());

  const board = (headers: Record<string, string>) => fetch(`${world.url}/admin/queues`, { headers });
  const openSession = (token: string, headers: Record<string, string> = {}) =>
    fetch(`${world.url}/admin/session`, { method: 'POST', headers: { authorization: `Bearer ${token}`, ...headers } });

  /** Adds a user with the command line and signs them in to the pages with the link it prints, as their browser would. */
  async function signedInToPages(name: string, role: string, email: string): Promise<{ cookie: string; userId: string }> {
    const added = runBuilt('cli', ['users', 'add', '--name', name, '--role', role, '--email', email], env(world.dir));
    const userId = /as user (\S+)/.exec(added.stdout)![1];
    const link = /sign in in a browser[^:]*: (\S+)/.exec(added.stdout)![1];
    const shown = await fetch(link.replace(PUBLIC_URL, world.url));
    const visitor = shown.headers.get('set-cookie')!.split(';')[0];
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await shown.text())![1];
    const signedIn = await fetch(`${world.url}/sign-in/link`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: visitor, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, token: link.split('/').pop()! }).toString(),
    });
    expect(signedIn.status).toBe(303);
    return { cookie: signedIn.headers.get('set-cookie')!.split(';')[0], userId };
  }

  it('shows an admin the reminder and delivery queues', async () => {
    const page = await board({ authorization: `Bearer ${world.admin.token}` });
    expect([page.status, page.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
    const { queues } = (await (
      await fetch(`${world.url}/admin/queues/api/queues`, { headers: { authorization: `Bearer ${world.admin.token}` } })
    ).json()) as { queues: Array<{ name: string }> };
    expect(queues.map((queue: { name: string }) => queue.name).sort()).toEqual(['reminder-deliveries', 'reminders']);
  });

  it('refuses anyone but an admin, with problem details', async () => {
    const anonymous = await board({});
    const manager = await fetch(`${world.url}/admin/queues/api/queues`, {
      headers: { authorization: `Bearer ${world.users.manager.token}` },
    });
    expect([anonymous.status, manager.status]).toEqual([401, 403]);
    expect(await manager.json()).toMatchObject({ code: 'AUTH.ROLE' });
  });

  it("opens for an admin signed in to the pages, with the pages' own session, and for no one else signed in there", async () => {
    const admin = await signedInToPages('Bea Admin', 'admin', 'bea.admin@anytown.gov.uk');
    const manager = await signedInToPages('Cal Manager', 'plan manager', 'cal.manager@anytown.gov.uk');
    expect((await board({ cookie: admin.cookie })).status).toBe(200);
    expect((await board({ cookie: manager.cookie })).status).toBe(403);
    // A change the browser says another site asked for is not the admin's, whatever the cookie.
    const retry = (site: string) =>
      fetch(`${world.url}/admin/queues/api/queues/reminders/retry/failed`, {
        method: 'PUT',
        headers: { cookie: admin.cookie, 'sec-fetch-site': site },
      });
    expect((await retry('cross-site')).status).toBe(401);
    expect((await retry('same-origin')).status).not.toBe(401);
  });

  it("gives an admin's browser a server-side session for their token, never the token itself, Secure behind https, and signs it out", async () => {
    const session = await openSession(world.admin.token!);
    expect(session.status).toBe(204);
    const setCookie = session.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^actionplans_session=[\w-]{43}; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
    expect(setCookie).not.toContain(world.admin.token!);
    const cookie = setCookie.split(';')[0];
    expect((await board({ cookie })).status).toBe(200);

    const signedOut = await fetch(`${world.url}/admin/session`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${world.admin.token}`, cookie },
    });
    expect(signedOut.status).toBe(204);
    expect(signedOut.headers.get('set-cookie')).toMatch(
      /^actionplans_session=; Path=\/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; Secure/,
    );
    expect((await board({ cookie })).status).toBe(401);
    expect((await openSession(world.users.manager.token!)).status).toBe(403);
  });

  it('stops letting a browser in once an admin ends its sessions on the Sessions page', async () => {
    const cookie = (await openSession(world.admin.token!)).headers.get('set-cookie')!.split(';')[0];
    expect((await board({ cookie })).status).toBe(200);
    const tokenHolder = (await world.admin.get('/users/me')).body.userId as string;
    const other = await signedInToPages('Dee Admin', 'admin', 'dee.admin@anytown.gov.uk');
    const sessionsPage = await fetch(`${world.url}/app/admin/sessions`, { headers: { cookie: other.cookie } });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await sessionsPage.text())![1];
    const ended = await fetch(`${world.url}/app/admin/sessions/end-all`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: other.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, userId: tokenHolder }).toString(),
    });
    expect([ended.status, ended.headers.get('location')]).toEqual([303, '/app/admin/sessions?ended=1']);
    expect((await board({ cookie })).status).toBe(401);
  });

  it('counts a wrong token sent to the dashboard as any failed attempt to authenticate', async () => {
    const wrong = { authorization: 'Bearer apt_not-anyones-token' };
    const statuses: number[] = [];
    for (let n = 0; n < 31; n += 1) statuses.push((await board(wrong)).status);
    expect(statuses.slice(-2)).toEqual([401, 429]);
    const limited = await board(wrong);
    expect([limited.status, Number(limited.headers.get('retry-after')) > 0]).toEqual([429, true]);
    expect(await limited.json()).toMatchObject({ code: 'AUTH.TOO_MANY_FAILURES' });
  });
});
