import { connect } from 'node:net';
import { setTimeout as idle } from 'node:timers/promises';
import { eventually } from '@actionplans/testing';
import { client, startWorld } from './support/api-world';

/** What every response carries and what the edge refuses before any rule is consulted. */
describe('the HTTP edge: security headers, CORS, rate limits and body sizes', () => {
  let world: Awaited<ReturnType<typeof startWorld<'manager' | 'owner'>>>;
  const intranet = 'https://intranet.rotherham.gov.uk';

  beforeAll(async () => {
    world = await startWorld(
      'edges',
      { manager: { name: 'YOT Performance Manager', role: 'plan manager' }, owner: { name: 'CYPS Training lead', role: 'action owner' } },
      { RATE_LIMIT: '40', CORS_ORIGINS: intranet },
    );
  });
  afterAll(() => world?.stop());

  it('sends security headers on every answer, errors included, and does not say what it runs on', async () => {
    for (const reply of [
      await world.users.manager.get('/users/me'),
      await world.anonymous.get('/plans'),
      await fetch(`${world.url}/docs/`),
    ]) {
      const headers = reply.headers;
      expect(headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(headers.get('x-content-type-options')).toBe('nosniff');
      expect(headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      expect(headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(headers.get('x-powered-by')).toBeNull();
    }
  });

  it('answers a browser on an allowed origin, and gives no CORS permission to any other', async () => {
    const preflight = (origin: string) =>
      fetch(`${world.url}/plans`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type,idempotency-key',
        },
      });
    const allowed = await preflight(intranet);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(intranet);
    expect(allowed.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('idempotency-key');
    expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
    expect((await preflight('https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
    const read = await world.users.manager.get('/users/me', { origin: intranet });
    expect(read.headers.get('access-control-allow-origin')).toBe(intranet);
    expect(read.headers.get('access-control-expose-headers')).toContain('ETag');
  });

  it("limits each user's requests per minute with a 429 problem saying when to retry, without touching anyone else or the health check", async () => {
    const statuses: number[] = [];
    for (let n = 0; n < 45; n += 1) statuses.push((await world.users.owner.get('/users/me')).status);
    expect(statuses.filter((status) => status === 200).length).toBeLessThanOrEqual(40);
    const limited = await world.users.owner.get('/users/me');
    expect(limited).toMatchObject({ status: 429, body: { code: 'REQUEST.RATE_LIMITED' } });
    expect(limited.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await world.users.manager.get('/users/me')).status).toBe(200);
    for (let n = 0; n < 45; n += 1) expect((await fetch(`${world.url}/health`)).status).toBe(200);
  });

  it('refuses a JSON body over 1 MB with 413 before reading it as a command', async () => {
    const reply = await world.users.manager.post('/plans', {
      kind: 'inspection',
      title: 'x'.repeat(1_100_000),
      source: { body: 'HMIP', date: '2020-12-17' },
    });
    expect(reply).toMatchObject({ status: 413, body: { code: 'REQUEST.TOO_LARGE' } });
    expect((await world.admin.get('/plans')).body).toEqual([]);
  });

  it('refuses a body that is not JSON with 400, not as a server error', async () => {
    const reply = await fetch(`${world.url}/plans`, {
      method: 'POST',
      headers: { authorization: `Bearer ${world.users.manager.token}`, 'content-type': 'application/json' },
      body: '{"kind": "inspection",',
    });
    expect(reply.status).toBe(400);
    expect(reply.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect(await reply.json()).toMatchObject({
      code: 'REQUEST.MALFORMED',
      errors: [{ field: 'body', problem: expect.stringContaining('JSON') }],
    });
  });

  it('keeps an idle kept-alive connection open longer than proxies keep theirs, so a reused connection is answered, not reset', async () => {
    const { hostname, port } = new URL(world.url);
    const socket = connect(Number(port), hostname);
    let received = '';
    let closed = false;
    socket
      .setEncoding('utf8')
      .on('data', (chunk: string) => (received += chunk))
      .on('close', () => (closed = true));
    const answers = async (count: number) => {
      socket.write(`GET /health HTTP/1.1\r\nHost: ${hostname}\r\n\r\n`);
      await eventually(`answer ${count} on the connection`, () => (received.match(/HTTP\/1\.1 200/g) ?? []).length === count || closed);
    };
    try {
      await answers(1);
      expect(received).toMatch(/^Keep-Alive: timeout=65$/im);
      // Node's own default closes after 5 s idle: a client reusing the connection then gets a reset.
      await idle(6_000);
      expect(closed).toBe(false);
      await answers(2);
      expect(received.match(/HTTP\/1\.1 200/g)).toHaveLength(2);
    } finally {
      socket.destroy();
    }
  });

  it('refuses an evidence file over 25 MB with 413 and keeps nothing of it', async () => {
    const reply = await world.users.manager.upload('/files', Buffer.alloc(26 * 1024 * 1024, 1));
    expect(reply).toMatchObject({ status: 413, body: { code: 'REQUEST.TOO_LARGE' } });
  });
});

describe('the HTTP edge with nothing configured', () => {
  it('gives no browser origin CORS permission', async () => {
    const world = await startWorld('edges-default', {});
    try {
      const reply = await client(world.url, null).get('/health', { origin: 'https://intranet.rotherham.gov.uk' });
      expect(reply.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await world.stop();
    }
  });
});

describe('failed attempts to authenticate, counted per address', () => {
  let proxied: Awaited<ReturnType<typeof startWorld<'owner'>>>;
  let direct: Awaited<ReturnType<typeof startWorld<'owner'>>>;
  const owner = { owner: { name: 'CYPS Training lead', role: 'action owner' } };
  const wrong = 'apt_wrong-token-guessed-by-someone-else';

  beforeAll(async () => {
    [proxied, direct] = await Promise.all([
      // 100 requests a minute per user: failed attempts stop at their own cap of 30.
      startWorld('edges-failures-proxied', owner, { RATE_LIMIT: '100', TRUST_PROXY: 'loopback' }),
      startWorld('edges-failures-direct', owner, { RATE_LIMIT: '8' }),
    ]);
  });
  afterAll(async () => {
    await proxied?.stop();
    await direct?.stop();
  });

  const from = (world: typeof proxied, address: string, token: string) =>
    fetch(`${world.url}/users/me`, { headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': address } });

  it('refuses an address with a 429 problem and Retry-After once it has sent the limit of wrong tokens, and no other address', async () => {
    const statuses: number[] = [];
    for (let n = 0; n < 35; n += 1) statuses.push((await from(proxied, '203.0.113.7', wrong)).status);
    expect(statuses).toEqual([...Array(30).fill(401), ...Array(5).fill(429)]);
    const limited = await from(proxied, '203.0.113.7', wrong);
    expect(limited.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect(await limited.json()).toMatchObject({ status: 429, code: 'AUTH.TOO_MANY_FAILURES' });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // A right token from another address is unaffected; from the refused address it waits too, or a guess that hit would show.
    expect((await from(proxied, '198.51.100.2', proxied.users.owner.token!)).status).toBe(200);
    expect((await from(proxied, '203.0.113.7', proxied.users.owner.token!)).status).toBe(429);
  });

  it('counts a wrong sign-in link against the same address, and answers the page with 429 once over the limit', async () => {
    // The continue page, shown at one address; the link tried again and again from another.
    const shown = await fetch(`${proxied.url}/sign-in/link/not-a-link`, { headers: { 'x-forwarded-for': '192.0.2.45' } });
    const cookie = shown.headers.get('set-cookie')!.split(';')[0];
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await shown.text())![1];
    const tryLink = () =>
      fetch(`${proxied.url}/sign-in/link`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': '192.0.2.44' },
        body: new URLSearchParams({ _csrf: csrf, token: 'not-a-link' }).toString(),
      });
    const statuses: number[] = [];
    for (let n = 0; n < 32; n += 1) statuses.push((await tryLink()).status);
    expect(statuses).toEqual([...Array(30).fill(400), 429, 429]);
    const limited = await tryLink();
    expect(await limited.text()).toContain('Too many sign-in links that do not work');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it("without TRUST_PROXY counts the connection's own address, so X-Forwarded-For cannot spread the guesses", async () => {
    const statuses: number[] = [];
    for (let n = 0; n < 10; n += 1) statuses.push((await from(direct, `203.0.113.${n}`, wrong)).status);
    expect(statuses).toEqual([...Array(8).fill(401), 429, 429]);
  });
});
