import { spawn, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { freePort } from './free-port';
import { eventually } from './poll';

/**
 * A Redis server of the test's own (the machine's `redis-server`, no persistence), so a test can
 * kill it and start it again without disturbing anything else.
 */
export async function startOwnRedis(): Promise<{ url: string; kill(): Promise<void>; start(): Promise<void> }> {
  const port = await freePort();
  let child: ChildProcess | null = null;
  const start = async () => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    await eventually(
      `redis-server on port ${port}`,
      async () => {
        const probe = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
        try {
          await probe.connect();
          return (await probe.ping()) === 'PONG';
        } catch {
          return false;
        } finally {
          // A refused probe has ended already; disconnecting it again would leave ioredis's 2 s
          // disconnect timer running for a socket that never closes again, holding Jest open.
          if (probe.status !== 'end') probe.disconnect();
        }
      },
      10_000,
    );
  };
  const kill = () =>
    new Promise<void>((resolve) => {
      if (!child || child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  await start();
  return { url: `redis://127.0.0.1:${port}`, kill, start };
}
