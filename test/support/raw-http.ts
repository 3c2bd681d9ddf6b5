import { Agent, request, type IncomingHttpHeaders } from 'node:http';

export interface RawReply {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

export interface RawRequest {
  method: string;
  /** Sent exactly as given: Node's client, unlike fetch, neither normalises `..` nor re-encodes it. */
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

const agent = new Agent({ keepAlive: true, maxSockets: 4 });

/** One request over a kept-alive connection; the answer's body as text. */
export function sendRaw(url: string, { method, path, headers, body }: RawRequest): Promise<RawReply> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      { host: hostname, port, method, path, agent, headers: { ...headers, 'content-length': String(body?.length ?? 0) } },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () =>
          resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, text: Buffer.concat(chunks).toString('utf8') }),
        );
        incoming.on('error', reject);
      },
    );
    // The server may answer (413, 431) and close before reading all we send; the answer still counts.
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

export const closeConnections = () => agent.destroy();
