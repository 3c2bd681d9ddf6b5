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
