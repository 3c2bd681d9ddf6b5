import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A local HTTP receiver on a free port: it answers each request with the next status of `script`
 * (the last one from then on) and keeps what it received.
 */
export async function receiver(script: number[] = [200]) {
  const received: Received[] = [];
  let answered = 0;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ path: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      const status = script[Math.min(answered, script.length - 1)];
      answered += 1;
      response.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? '1' : 'try again');
    });
  });
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    received,
    /** An address with a path that stands for the webhook's secret token. */
    url: (token: string) => `http://127.0.0.1:${port}/hooks/${token}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
