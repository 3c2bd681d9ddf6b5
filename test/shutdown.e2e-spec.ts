import { connect } from 'node:net';
import { join } from 'node:path';
import { startBuiltApi, tempDir } from '@actionplans/testing';

/** Stopping the app (SIGTERM, as a service manager or an orchestrator does) with requests under way. */
describe('stopping the all-in-one app', () => {
  const dir = tempDir('shutdown');
  afterAll(() => dir.remove());

  it('stops within its grace period while a request body is still arriving', async () => {
    const api = await startBuiltApi({ DATA_DIR: join(dir.path, 'half-sent') });
    const { hostname, port } = new URL(api.url);
    const socket = connect(Number(port), hostname);
    socket.on('error', () => undefined);
    socket.write('POST /plans HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{"kind":');
    // Once the app has answered a later request, it has read the half-sent one's headers.
    expect((await fetch(`${api.url}/health`)).status).toBe(200);
    const began = Date.now();
    try {
      // Before the bound, the server waited for this connection for ever and the app never exited.
      await api.stop();
      expect(Date.now() - began).toBeLessThan(20_000);
    } finally {
      socket.destroy();
    }
  }, 40_000);
});
