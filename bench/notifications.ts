import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { notificationChannelStream } from '@actionplans/domain';
import { NO_STREAM, SqliteEventStore } from '@actionplans/event-store';
import { EmbeddedNotifications, Notifications, type Notice } from '@actionplans/notifications';
import { openReadModelDb } from '@actionplans/read-models';
import { tempDir } from '@actionplans/testing';
import type { Figure } from './workload';

/**
 * Outbound webhook deliveries to a local receiver: each one signed with HMAC-SHA256, posted with
 * `fetch`, and its attempt written to the delivery log, by the embedded sender (16 at a time).
 */
export async function runNotifications(scale: number, log: (message: string) => void): Promise<Figure[]> {
  const count = Math.max(100, Math.round(2000 * scale));
  const dir = tempDir('bench-notifications');
  const store = new SqliteEventStore({ file: join(dir.path, 'events.db') });
  const readModels = await openReadModelDb({ dialect: 'sqlite', dataDir: dir.path });
  let received = 0;
  const receiver = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      received += 1;
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/bench`;
  const quiet = { log: () => undefined, warn: (line: string) => log(line) };
  const notifications = new Notifications(store, readModels, { secretKey: randomBytes(32).toString('hex'), publicUrl: 'https://x' }, quiet);
  try {
    const box = notifications.box!;
    await store.append(
      notificationChannelStream('p1'),
      [
        {
          type: 'NotificationChannelAdded',
          data: {
            channelId: 'ch1',
            planId: 'p1',
            kind: 'webhook',
            name: 'Bench',
            triggers: ['sign-off'],
            address: box.seal(url),
            addressHint: 'http://127.0.0.1/…/ench',
            signingSecret: box.seal('bench-signing-secret-0001'),
          },
          metadata: { actor: { id: 'bench-manager', role: 'plan manager' } },
        },
      ],
      NO_STREAM,
    );
    const notice: Notice = {
      trigger: 'sign-off',
      type: 'SignOffRecordedFromPaper',
      planId: 'p1',
      title: 'Signed off',
      summary: 'From the minutes',
      facts: [],
      link: 'https://x',
    };
    for (let n = 0; n < count; n += 1) {
      const event = {
        id: `e${n}`,
        type: notice.type,
        stream: `action-a${n}`,
        position: n,
        occurredAt: '2026-01-05T09:00:00.000Z',
        recordedAt: '2026-01-05T09:00:00.000Z',
        data: { source: 'minutes' },
      };
      await notifications.log.add(
        { planId: 'p1', channelId: 'ch1', channelKind: 'webhook', eventKey: `e${n}`, notice, event },
        new Date(0),
      );
    }
    const sender = new EmbeddedNotifications(notifications.log, notifications.sender!, quiet, 60_000, 16);
    const started = performance.now();
    await sender.sweep();
    const seconds = (performance.now() - started) / 1000;
    const delivered = (await notifications.log.list('p1', { status: 'delivered', limit: count })).length;
    if (delivered !== count || received !== count) throw new Error(`${delivered} of ${count} delivered, ${received} received`);
    log(`notifications: ${count} signed webhook deliveries in ${seconds.toFixed(2)} s`);
    return [{ name: 'notifications.webhook.deliveries', value: Math.round(count / seconds), unit: 'deliveries/s' }];
  } finally {
    receiver.closeAllConnections();
    receiver.close();
    await readModels.close();
    await store.close();
    dir.remove();
  }
}
