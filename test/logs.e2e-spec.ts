import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { SqliteEventStore } from '@actionplans/event-store';
import { describeWithRedis, eventually, receiver, runBuilt, startBuiltApi, tempDir } from '@actionplans/testing';
import { client, created, type Client } from './support/api-world';

/**
 * The built app, logging as much as it can, with everything it writes kept: what it logs must
 * let an operator follow each request and command, and must never hold a secret (a token, its
 * hash, a cookie, an Idempotency-Key) or restricted evidence (its title lives in request bodies).
 */
async function startLoggedApp(label: string, env: Record<string, string>) {
  const dir = tempDir(label);
  const added = runBuilt('cli', ['users', 'add', '--name', 'Ada Admin', '--role', 'admin'], { DATA_DIR: dir.path });
  const adminToken = /token \(shown once, keep it safe\): (\S+)/.exec(added.stdout)?.[1];
  if (added.code !== 0 || !adminToken) throw new Error(`actionplans users add failed: ${added.stderr}${added.stdout}`);
  const api = await startBuiltApi({ DATA_DIR: dir.path, RATE_LIMIT: '0', ...env });
  let output = '';
  api.process.stdout!.on('data', (chunk) => (output += chunk));
  api.process.stderr!.on('data', (chunk) => (output += chunk));
  const admin = client(api.url, adminToken);
  const add = async (name: string, role: string): Promise<Client> => {
    const reply = await created(admin.post('/users', { name, role }));
    return client(api.url, reply.body.token, reply.body.userId);
  };
  return {
    url: api.url,
    dir: dir.path,
    admin,
    add,
    output: () => output,
    /** The JSON lines logged so far. */
    lines: () =>
      output
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, any>),
    async stop() {
      await api.stop();
      dir.remove();
    },
  };
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Every secret given, and the SHA-256 hex of each token, none of which may appear in `output`. */
function leaked(output: string, secrets: Record<string, string>, tokens: string[]): string[] {
  const all = {
    ...secrets,
    ...Object.fromEntries(
      tokens.flatMap((token, i) => [
        [`token ${i}`, token],
        [`token ${i} SHA-256`, sha256(token)],
      ]),
    ),
  };
  return Object.entries(all)
    .filter(([, value]) => output.includes(value))
    .map(([name]) => name);
}

describe('structured logs (JSON, LOG_LEVEL=trace)', () => {
  const secretTitle = `Case review of child K ${randomUUID()}`;
  const cookie = `session-${randomUUID()}`;
  const idempotencyKey = `retry-${randomUUID()}`;
  let app: Awaited<ReturnType<typeof startLoggedApp>>;
  let manager: Client;
  let owner: Client;
  let stranger: Client;
  let actionId = '';

  beforeAll(async () => {
    app = await startLoggedApp('logs', { LOG_LEVEL: 'trace', LOG_FORMAT: 'json' });
    [manager, owner, stranger] = [
      await app.add('YOT Performance Manager', 'plan manager'),
      await app.add('CYPS Training lead', 'action owner'),
      await app.add('Someone else', 'action owner'),
    ];
    const planId = (
      await created(manager.post('/plans', { kind: 'inspection', title: 'Logs plan', source: { body: 'HMIP', date: '2020-11-18' } }))
    ).body.id;
    const groupingId = (
      await created(manager.post(`/plans/${planId}/groupings`, { kind: 'recommendation', references: ['1'], title: 'Recommendation 1' }))
    ).body.createdId;
    await created(manager.post(`/plans/${planId}/activation`, { submittedTo: 'Youth Justice Board', submittedOn: '2021-01-15' }));
    actionId = (
      await created(
        manager.post(`/plans/${planId}/actions`, {
          groupingId,
          references: ['1.1'],
          description: 'Audit the quality of assessments',
          targetDate: 'Mar-27',
          leadOwners: [{ kind: 'person', name: 'CYPS Training lead', userId: owner.userId }],
        }),
      )
    ).body.id;
  }, 60_000);
  afterAll(() => app?.stop());

  const restricted = () => ({ title: secretTitle, kind: 'case study', restricted: true, link: 'https://council.example/case-review' });

  it('logs each command with its type, stream, position, version, duration, actor and request id, and each request with its id and actor', async () => {
    const headers = { 'x-request-id': 'logs-attach-1', cookie: `actionplans_admin=${cookie}`, 'idempotency-key': idempotencyKey };
    const attached = await created(owner.post(`/actions/${actionId}/evidence`, restricted(), headers));
    expect(attached.headers.get('x-request-id')).toBe('logs-attach-1');
    const retried = await owner.post(`/actions/${actionId}/evidence`, restricted(), { ...headers, 'x-request-id': 'logs-attach-2' });
    expect([retried.status, retried.body.replayed]).toEqual([201, true]);

    const commandLine = (requestId: string) => app.lines().find((line) => line.context === 'commands' && line.requestId === requestId);
    await eventually('the command lines', () => commandLine('logs-attach-1') !== undefined && commandLine('logs-attach-2') !== undefined);
    const ownerActor = { id: owner.userId, role: 'action owner' };
    expect(commandLine('logs-attach-1')).toMatchObject({
      level: 30,
      command: 'AttachEvidence',
      stream: `action-${actionId}`,
      outcome: 'stored',
      events: ['EvidenceAttached'],
      version: attached.body.version,
      position: attached.body.position,
      durationMs: expect.any(Number),
      actor: ownerActor,
      correlationId: 'logs-attach-1',
    });
    expect(commandLine('logs-attach-2')).toMatchObject({
      outcome: 'replayed',
      stream: `action-${actionId}`,
      position: attached.body.position,
      version: attached.body.version,
      actor: ownerActor,
      correlationId: 'logs-attach-2',
    });
    // The request id is the stored event's correlationId, so a log line leads to the events and back.
    const store = new SqliteEventStore({ file: join(app.dir, 'events.db') });
    try {
      const stored = (await store.readStream(`action-${actionId}`)).find((event) => event.version === attached.body.version);
      expect(stored).toMatchObject({ type: 'EvidenceAttached', metadata: { correlationId: 'logs-attach-1' } });
    } finally {
      await store.close();
    }
    const requestLine = () => app.lines().find((line) => line.requestId === 'logs-attach-1' && line.res);
    await eventually('the request line', () => requestLine() !== undefined);
    expect(requestLine()).toMatchObject({
      msg: expect.stringMatching(new RegExp(`^POST /actions/${actionId}/evidence 201 \\d+ ms$`)),
      res: { statusCode: 201 },
      actor: ownerActor,
    });
  });

  it("logs a refused command with its rule's code, and gives a request a new id when the one sent is not sane", async () => {
    const refused = await stranger.post(`/actions/${actionId}/evidence`, restricted(), { 'x-request-id': 'not a sane id; drop it' });
    expect([refused.status, refused.body.code]).toEqual([403, 'ACTION.NOT_OWNER']);
    const id = refused.headers.get('x-request-id')!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await eventually("the refusal's line", () => app.lines().some((line) => line.context === 'commands' && line.requestId === id));
    expect(app.lines().find((line) => line.context === 'commands' && line.requestId === id)).toMatchObject({
      command: 'AttachEvidence',
      stream: `action-${actionId}`,
      outcome: 'refused',
      code: 'ACTION.NOT_OWNER',
      actor: { id: stranger.userId, role: 'action owner' },
      durationMs: expect.any(Number),
    });
  });

  it("logs a monitor's health checks at debug, so that at the default level they do not fill the log", async () => {
    expect((await fetch(`${app.url}/health`, { headers: { 'x-request-id': 'logs-health' } })).status).toBe(200);
    await eventually("the health check's line", () => app.lines().some((line) => line.requestId === 'logs-health'));
    expect(app.lines().find((line) => line.requestId === 'logs-health')).toMatchObject({ level: 20, res: { statusCode: 200 } });
  });

  it('never logs a token, its hash, a cookie, an Idempotency-Key or a restricted title, even from answers that echo what was sent', async () => {
    // Answers that quote the request back: an unknown field named by the title, and JSON that does not parse.
    const invalid = await owner.post(
      `/actions/${actionId}/evidence`,
      { ...restricted(), [secretTitle]: true },
      { cookie: `actionplans_admin=${cookie}` },
    );
    expect([invalid.status, JSON.stringify(invalid.body).includes(secretTitle)]).toEqual([400, true]);
    const malformed = await fetch(`${app.url}/actions/${actionId}/evidence`, {
      method: 'POST',
      headers: { authorization: `Bearer ${owner.token}`, 'content-type': 'application/json', cookie: `actionplans_admin=${cookie}` },
      body: `{"title": "${secretTitle}" "kind": "case study"}`,
    });
    expect(malformed.status).toBe(400);
    const read = await owner.get(`/actions/${actionId}`, { 'x-request-id': 'logs-read' });
    expect(JSON.stringify(read.body)).toContain(secretTitle);
    await eventually("the last request's line", () => app.lines().some((line) => line.requestId === 'logs-read' && line.res));

    const tokens = [app.admin.token!, manager.token!, owner.token!, stranger.token!];
    const secrets = { 'restricted title': secretTitle, cookie, 'Idempotency-Key': idempotencyKey };
    expect(leaked(app.output(), secrets, tokens)).toEqual([]);
    // What makes the check above mean something: the requests that carried them were logged, headers and all.
    const carriers = app.lines().filter((line) => line.req?.url === `/actions/${actionId}/evidence` && line.res);
    expect(carriers.length).toBeGreaterThanOrEqual(5);
    expect(carriers.map((line) => line.req.headers.authorization)).toEqual(carriers.map(() => '[redacted]'));
    expect(carriers.filter((line) => line.req.headers.cookie === '[redacted]').length).toBeGreaterThanOrEqual(3);
    expect(app.lines().filter((line) => 'body' in (line.req ?? {}))).toEqual([]);
  });
});

describeWithRedis("structured logs: the admin's session cookie", (redisUrl) => {
  let app: Awaited<ReturnType<typeof startLoggedApp>>;
  beforeAll(async () => {
    app = await startLoggedApp('logs-admin', { LOG_LEVEL: 'trace', LOG_FORMAT: 'json', REDIS_URL: redisUrl });
  }, 60_000);
  afterAll(() => app?.stop());

  it("never logs the session cookie POST /admin/session sets, nor the admin's token, when it is set or sent", async () => {
    const session = await fetch(`${app.url}/admin/session`, {
      method: 'POST',
      headers: { authorization: `Bearer ${app.admin.token}`, 'x-request-id': 'logs-session' },
    });
    expect(session.status).toBe(204);
    const cookie = session.headers.get('set-cookie')!.split(';')[0];
    const page = await fetch(`${app.url}/admin/queues`, { headers: { cookie, 'x-request-id': 'logs-board' } });
    expect(page.status).toBe(200);
    await eventually("both requests' lines", () =>
      ['logs-session', 'logs-board'].every((id) => app.lines().some((line) => line.requestId === id && line.res)),
    );
    expect(app.lines().find((line) => line.requestId === 'logs-board' && line.res)?.req.headers.cookie).toBe('[redacted]');
    expect(leaked(app.output(), { cookie: cookie.split('=')[1] }, [app.admin.token!])).toEqual([]);
  });
});

describe('structured logs on a terminal (LOG_FORMAT=pretty)', () => {
  it('writes one readable line per request, without its secrets', async () => {
    const app = await startLoggedApp('logs-pretty', { LOG_FORMAT: 'pretty' });
    try {
      const manager = await app.add('YOT Performance Manager', 'plan manager');
      await created(
        manager.post(
          '/plans',
          { kind: 'inspection', title: 'Logs plan', source: { body: 'HMIP', date: '2020-11-18' } },
          { 'x-request-id': 'logs-pretty' },
        ),
      );
      await eventually("the command's line", () =>
        / INFO: commands: CreatePlan stored on plan-\S+: version 1, position \d+ \([\d.]+ ms\)/.test(app.output()),
      );
      const lines = app.output().trimEnd().split('\n');
      expect(lines.filter((line) => line.startsWith('{'))).toEqual([]);
      await eventually("the request's line", () =>
        app
          .output()
          .split('\n')
          .some((line) => / INFO: POST \/plans 201 \d+ ms .*"requestId":"logs-pretty"/.test(line)),
      );
      expect(leaked(app.output(), {}, [app.admin.token!, manager.token!])).toEqual([]);
    } finally {
      await app.stop();
    }
  }, 60_000);
});

describe('structured logs of notifications (LOG_LEVEL=trace)', () => {
  it('logs each delivery attempt by delivery and channel, never the address, its secret or the sealing key', async () => {
    const key = randomBytes(32).toString('base64');
    const hook = await receiver([500, 200]);
    const app = await startLoggedApp('logs-notify', {
      LOG_LEVEL: 'trace',
      LOG_FORMAT: 'json',
      NOTIFY_SECRET_KEY: key,
      NOTIFY_ALLOW_HTTP_LOOPBACK: 'true',
      NOTIFY_RETRY_BASE_SECONDS: '1',
    });
    try {
      const manager = await app.add('SEND performance manager', 'plan manager');
      const planId = (
        await created(manager.post('/plans', { kind: 'wsoa', title: 'Logs plan', source: { body: 'Ofsted/CQC', date: '2022-11-18' } }))
      ).body.id;
      const url = hook.url(`path-token-${randomUUID()}`);
      const secret = `signing-${randomUUID()}`;
      const channelId = (
        await created(
          manager.post(`/plans/${planId}/notification-channels`, {
            kind: 'webhook',
            name: 'Case system',
            url,
            triggers: ['sign-off'],
            signingSecret: secret,
          }),
        )
      ).body.createdId;
      await manager.post(`/plans/${planId}/notification-channels/${channelId}/test`);
      await eventually('the retry delivered and logged', () => app.output().includes('delivered (200'));
      expect(app.lines().some((line) => line.context === 'notifications' && /answered 500; next attempt at/.test(line.msg))).toBe(true);
      expect(leaked(app.output(), { url, 'the path': new URL(url).pathname, secret, key }, [])).toEqual([]);
    } finally {
      await app.stop();
      await hook.close();
    }
  }, 60_000);
});
