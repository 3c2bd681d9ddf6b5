import { connect, type Socket } from 'node:net';
import type { Reply } from './api-world';

export interface RawRequest {
  path: string;
  token: string;
  body: unknown;
}

const requestText = (url: URL, { path, token, body }: RawRequest, close: boolean) => {
  const json = Buffer.from(JSON.stringify(body));
  return Buffer.concat([
    Buffer.from(
      `POST ${path} HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: Bearer ${token}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${json.length}\r\n${close ? 'Connection: close\r\n' : ''}\r\n`,
    ),
    json,
  ]);
};

/**
 * Sends every request in one TCP write (HTTP/1.1 pipelining), so all of them have reached the
 * server before any is stored, then reads the answers back in order. Separate connections would
 * only race now and then; this races every time.
 */
export function pipelined(url: string, token: string, requests: Array<{ path: string; body: unknown }>): Promise<Reply[]> {
  const target = new URL(url);
  const text = Buffer.concat(requests.map((request, n) => requestText(target, { ...request, token }, n === requests.length - 1)));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    // Written, not ended: the last request says `Connection: close`, and the server closes once it has answered all.
    const socket = connect(Number(target.port), target.hostname, () => socket.write(text));
    socket
      .on('data', (chunk) => chunks.push(chunk))
      .on('error', reject)
      .on('end', () => resolve(readAnswers(Buffer.concat(chunks))));
  });
}

/**
 * Sends each request on a connection of its own, all at the same instant: every connection is
 * opened and given its request but the last byte, and only when all of them have been written
 * does each get its last byte, in one turn of the event loop. The server then reads all the
 * requests complete together, as it would from that many people pressing the button at once.
 */
export async function firedTogether(url: string, requests: RawRequest[]): Promise<Reply[]> {
  const target = new URL(url);
  const texts = requests.map((request) => requestText(target, request, true));
  const sockets = await Promise.all(
    texts.map(
      (text) =>
        new Promise<Socket>((resolve, reject) => {
          const socket = connect(Number(target.port), target.hostname);
          socket.once('error', reject).once('connect', () => socket.write(text.subarray(0, -1), () => resolve(socket)));
        }),
    ),
  );
  const answers = sockets.map(
    (socket) =>
      new Promise<Reply>((resolve, reject) => {
        const chunks: Buffer[] = [];
        socket
          .on('data', (chunk) => chunks.push(chunk))
          .on('error', reject)
          .on('end', () => resolve(readAnswers(Buffer.concat(chunks))[0]));
      }),
  );
  sockets.forEach((socket, n) => socket.write(texts[n].subarray(-1)));
  return Promise.all(answers);
}

function readAnswers(raw: Buffer): Reply[] {
  const answers: Reply[] = [];
  for (let at = 0; at < raw.length;) {
    const headEnd = raw.indexOf('\r\n\r\n', at);
    const [statusLine, ...lines] = raw.subarray(at, headEnd).toString().split('\r\n');
    const headers = new Headers(
      lines.map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()] as [string, string]),
    );
    const bodyEnd = headEnd + 4 + Number(headers.get('content-length'));
    answers.push({ status: Number(statusLine.split(' ')[1]), headers, body: JSON.parse(raw.subarray(headEnd + 4, bodyEnd).toString()) });
    at = bodyEnd;
  }
  return answers;
}
