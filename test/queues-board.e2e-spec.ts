import { describeWithRedis } from '@actionplans/testing';
import { startWorld } from './support/api-world';

describeWithRedis("the reminder queues' dashboard (Bull Board) with REDIS_URL set", (redisUrl) => {
  let world: Awaited<ReturnType<typeof startWorld<'manager'>>>;
  beforeAll(async () => {
    world = await startWorld(
      'queues-board',
      { manager: { name: 'YOT Performance Manager', role: 'plan manager' } },
      { REDIS_URL: redisUrl },
    );
  });
  afterAll(() => world?.stop());

  it('shows an admin the reminder and delivery queues', async () => {
    const page = await fetch(`${world.url}/admin/queues`, { headers: { authorization: `Bearer ${world.admin.token}` } });
    expect([page.status, page.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
    const { queues } = (await (
      await fetch(`${world.url}/admin/queues/api/queues`, { headers: { authorization: `Bearer ${world.admin.token}` } })
    ).json()) as { queues: Array<{ name: string }> };
    expect(queues.map((queue: { name: string }) => queue.name).sort()).toEqual(['reminder-deliveries', 'reminders']);
  });

  it('refuses anyone but an admin, with problem details', async () => {
    const anonymous = await fetch(`${world.url}/admin/queues`);
    const manager = await fetch(`${world.url}/admin/queues/api/queues`, {
      headers: { authorization: `Bearer ${world.users.manager.token}` },
    });
    expect([anonymous.status, manager.status]).toEqual([401, 403]);
    expect(await manager.json()).toMatchObject({ code: 'AUTH.ROLE' });
  });

  it("lets an admin's browser in with the cookie POST /admin/session sets", async () => {
    const session = await fetch(`${world.url}/admin/session`, {
      method: 'POST',
      headers: { authorization: `Bearer ${world.admin.token}` },
    });
    const cookie = session.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^actionplans_admin=apt_[^;]+; .*Path=\/admin\/queues; .*HttpOnly; SameSite=Strict/);
    const page = await fetch(`${world.url}/admin/queues`, { headers: { cookie: cookie.split(';')[0] } });
    expect(page.status).toBe(200);
    expect(
      (await fetch(`${world.url}/admin/session`, { method: 'POST', headers: { authorization: `Bearer ${world.users.manager.token}` } }))
        .status,
    ).toBe(403);
  });
});
