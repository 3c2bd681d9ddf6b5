import { runBuilt, startBuiltApi, tempDir } from '@actionplans/testing';

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** One person talking to the API with their personal token. */
export interface Client {
  userId: string;
  token: string | null;
  get<T = any>(path: string, headers?: Record<string, string>): Promise<Reply<T>>;
  post<T = any>(path: string, body?: unknown, headers?: Record<string, string>): Promise<Reply<T>>;
  patch<T = any>(path: string, body?: unknown, headers?: Record<string, string>): Promise<Reply<T>>;
  put<T = any>(path: string, body?: unknown, headers?: Record<string, string>): Promise<Reply<T>>;
  /** Sends raw bytes (an evidence file). */
  upload<T = any>(path: string, bytes: Buffer): Promise<Reply<T>>;
}

/** Awaits a command that must succeed (201), failing with the problem it answered otherwise. */
export async function created(reply: Promise<Reply>): Promise<Reply> {
  const answered = await reply;
  if (answered.status !== 201) throw new Error(`expected 201, got ${answered.status}: ${JSON.stringify(answered.body)}`);
  return answered;
}

/** A client for `token` against the API at `url`; no token sends no Authorization header. */
export function client(url: string, token: string | null, userId = ''): Client {
  const send = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> => {
    const bytes = Buffer.isBuffer(body);
    const response = await fetch(`${url}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': bytes ? 'application/octet-stream' : 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : bytes ? new Uint8Array(body) : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
  };
  return {
    userId,
    token,
    get: (path, headers) => send('GET', path, undefined, headers),
    post: (path, body = {}, headers) => send('POST', path, body, headers),
    patch: (path, body = {}, headers) => send('PATCH', path, body, headers),
    put: (path, body = {}, headers) => send('PUT', path, body, headers),
    upload: (path, bytes) => send('POST', path, bytes),
  };
}

/**
 * The built all-in-one app on a fresh data folder, with an admin added by `actionplans users add`
 * (as an operator would) and `people` added by that admin over HTTP.
 */
export async function startWorld<Name extends string>(
  label: string,
  people: Record<Name, { name: string; role: string; email?: string }>,
  env: Record<string, string> = {},
) {
  const dir = tempDir(label);
  const added = runBuilt('cli', ['users', 'add', '--name', 'Ada Admin', '--role', 'admin'], { DATA_DIR: dir.path, ...env });
  const adminToken = /token \(shown once, keep it safe\): (\S+)/.exec(added.stdout)?.[1];
  if (added.code !== 0 || !adminToken) throw new Error(`actionplans users add failed: ${added.stderr}${added.stdout}`);
  let api = await startBuiltApi({ DATA_DIR: dir.path, ...env });
  const admin = client(api.url, adminToken);
  const users = {} as Record<Name, Client>;
  for (const [key, person] of Object.entries(people) as Array<[Name, { name: string; role: string; email?: string }]>) {
    const reply = await admin.post('/users', person);
    if (reply.status !== 201) throw new Error(`adding ${person.name} failed: ${JSON.stringify(reply.body)}`);
    users[key] = client(api.url, reply.body.token, reply.body.userId);
  }
  return {
    url: api.url,
    dir: dir.path,
    admin,
    users,
    anonymous: client(api.url, null),
    /** Kills the app with SIGKILL, as `kill -9` or a crash would: no shutdown hooks run. */
    kill: () =>
      new Promise<void>((done) => {
        api.process.once('exit', () => done());
        api.process.kill('SIGKILL');
      }),
    /** Starts the app again on the same data; it keeps its address if `env` fixed the PORT. */
    async restart() {
      api = await startBuiltApi({ DATA_DIR: dir.path, ...env });
    },
    /** Stops the app as an operator would (SIGTERM), keeping its data. */
    halt: () => api.stop(),
    async stop() {
      await api.stop();
      dir.remove();
    },
  };
}
