import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { freePort, runBuilt, startBuiltApi, tempDir } from '@actionplans/testing';

/** The pages over HTTP, against the built all-in-one app: what a browser gets, and what the API never accepts. */
describe('pages beside the API', () => {
  const dir = tempDir('web-pages');
  let api: Awaited<ReturnType<typeof startBuiltApi>>;
  let env: Record<string, string>;

  beforeAll(async () => {
    const port = await freePort();
    env = { DATA_DIR: dir.path, PUBLIC_URL: `http://127.0.0.1:${port}`, COUNCIL_NAME: 'Anytown Borough Council', TRUST_PROXY: 'loopback' };
    api = await startBuiltApi({ ...env, PORT: String(port) });
  });

  afterAll(async () => {
    await api?.stop();
    dir.remove();
  });

  it('never lets a session cookie authenticate an API route: a signed-in browser’s cookie alone gets 401', async () => {
    const cookie = await signedInCookie();
    const home = await fetch(`${api.url}/`, { headers: { cookie } });
    expect(await home.text()).toContain('Signed in as <strong>Ada Admin</strong>');
    for (const path of ['/users', '/plans']) {
      const response = await fetch(`${api.url}${path}`, { headers: { cookie } });
      expect([path, response.status, response.headers.get('content-type')]).toEqual([path, 401, 'application/problem+json; charset=utf-8']);
    }
  });

  it('serves styles and scripts by content hash, cached for a year, compressed', async () => {
    const page = await (await fetch(`${api.url}/`)).text();
    const assets = [...page.matchAll(/(?:href|src)="(\/assets\/[\w-]+-[0-9a-f]{12}\.(?:css|js))"/g)].map((match) => match[1]);
    expect(assets).toEqual(expect.arrayContaining([expect.stringMatching(/\.css$/), expect.stringMatching(/\.js$/)]));
    for (const asset of assets) {
      const response = await fetch(`${api.url}${asset}`, { headers: { 'accept-encoding': 'gzip' } });
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    }
    const raw = await rawGet(
      assets.find((asset) => asset.endsWith('.css'))!,
      { 'accept-encoding': 'gzip' },
    );
    expect(raw.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(raw.body).toString()).toContain('font-family:arial,sans-serif');
    expect(gunzipSync(raw.body).toString()).not.toContain('GDS Transport');
  });

  it('sends a page compressed with brotli to a browser that lists it after gzip, as browsers do, and with gzip to one without it', async () => {
    const chromium = await rawGet('/sign-in', { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(chromium.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(chromium.body).toString()).toContain('<h1');
    const older = await rawGet('/sign-in', { 'accept-encoding': 'gzip, deflate' });
    expect(older.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(older.body).toString()).toContain('<h1');
  });

  it('runs only the page’s own scripts: each carries the nonce its Content-Security-Policy names, new on every request', async () => {
    const [first, second] = [await fetch(`${api.url}/sign-in`), await fetch(`${api.url}/sign-in`)];
    const nonces = [first, second].map(
      (response) => /script-src 'self' 'nonce-([^']+)'/.exec(response.headers.get('content-security-policy')!)![1],
    );
    expect(nonces[0]).not.toBe(nonces[1]);
    const html = await first.text();
    const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((match) => match[1]);
    expect(scripts.length).toBeGreaterThan(1);
    for (const script of scripts) expect(script).toContain(`nonce="${nonces[0]}"`);
    expect(first.headers.get('content-security-policy')).not.toMatch(/script-src[^;]*unsafe-inline/);
  });

  it('answers a browser’s unknown path with the 404 page, and an API client’s with a problem document as before', async () => {
    const browser = await fetch(`${api.url}/no/such/page`, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    expect([browser.status, browser.headers.get('content-type')]).toEqual([404, 'text/html; charset=utf-8']);
    expect(await browser.text()).toContain('<title>Page not found – Action plans – Anytown Borough Council</title>');
    const client = await fetch(`${api.url}/no/such/page`);
    expect([client.status, client.headers.get('content-type')]).toEqual([404, 'application/problem+json; charset=utf-8']);
  });

  it('refuses a form sent without its CSRF token with the 403 page, and sends no link', async () => {
    const response = await fetch(`${api.url}/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=ada%40anytown.gov.uk',
    });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('Your form has expired');
  });

  it('sends someone not signed in from a page that needs it to sign in, with the way back', async () => {
    const response = await fetch(`${api.url}/account?tab=1`, { redirect: 'manual' });
    expect([response.status, response.headers.get('location')]).toEqual([303, '/sign-in?returnTo=%2Faccount%3Ftab%3D1']);
  });

  it('keeps the session cookie HttpOnly and SameSite=Lax, and Secure when a trusted proxy says the request came over https', async () => {
    const plain = await fetch(`${api.url}/sign-in`);
    expect(plain.headers.get('set-cookie')).toMatch(/^actionplans_session=[\w-]+; Path=\/; HttpOnly; SameSite=Lax$/);
    const proxied = await fetch(`${api.url}/sign-in`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(proxied.headers.get('set-cookie')).toMatch(/^actionplans_session=[\w-]+; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
  });

  it('marks the session cookie Secure on every request when the public address is https, proxy or not', async () => {
    const httpsDir = tempDir('web-pages-https');
    const port = await freePort();
    const https = await startBuiltApi({
      DATA_DIR: httpsDir.path,
      PUBLIC_URL: 'https://actions.anytown.gov.uk',
      COUNCIL_NAME: 'Anytown Borough Council',
      PORT: String(port),
    });
    try {
      const response = await fetch(`${https.url}/sign-in`);
      expect(response.headers.get('set-cookie')).toMatch(/^actionplans_session=[\w-]+; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
    } finally {
      await https.stop();
      httpsDir.remove();
    }
  });

  /** Adds an admin with the command line and signs in with the link it prints, as a browser would. */
  async function signedInCookie(): Promise<string> {
    const added = runBuilt('cli', ['users', 'add', '--name', 'Ada Admin', '--role', 'admin', '--email', 'ada@anytown.gov.uk'], env);
    const link = /sign in in a browser[^:]*: (\S+)/.exec(added.stdout)![1];
    const shown = await fetch(link.replace(env.PUBLIC_URL, api.url));
    const cookie = shown.headers.get('set-cookie')!.split(';')[0];
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await shown.text())![1];
    const token = link.split('/').pop()!;
    const signedIn = await fetch(`${api.url}/sign-in/link`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, token }).toString(),
    });
    expect(signedIn.status).toBe(303);
    return signedIn.headers.get('set-cookie')!.split(';')[0];
  }

  /** A GET without fetch's automatic decompression, to see the bytes sent. */
  async function rawGet(path: string, headers: Record<string, string>) {
    const { request } = await import('node:http');
    return new Promise<{ headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
      request(`${api.url}${path}`, { headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
      })
        .on('error', reject)
        .end();
    });
  }
});
