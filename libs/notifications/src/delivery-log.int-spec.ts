import { openReadModelDb, type ReadModelDb } from '@actionplans/read-models';
import { describeWithPostgres, dropSchemas, tempDir } from '@actionplans/testing';
import { DeliveryLog } from './delivery-log';
import type { Notice } from './notices';

const notice: Notice = {
  trigger: 'sign-off',
  type: 'SignOffRecordedFromPaper',
  planId: 'p1',
  title: 'Signed off: 2.1',
  summary: 's',
  facts: [],
  link: 'l',
};
const event = {
  id: 'e1',
  type: notice.type,
  stream: 'action-a1',
  position: 7,
  occurredAt: '2021-01-20T00:00:00.000Z',
  recordedAt: '2021-02-01T00:00:00.000Z',
  data: {},
};
const delivery = (channelId: string) => ({ planId: 'p1', channelId, channelKind: 'webhook' as const, eventKey: 'e1', notice, event });

/** The same log on either read-model database: once per channel and event, every attempt kept, filtered by status. */
function logContract(open: () => Promise<ReadModelDb>) {
  let readModels: ReadModelDb;
  let log: DeliveryLog;
  beforeAll(async () => {
    readModels = await open();
    log = new DeliveryLog(readModels);
  });
  afterAll(() => readModels?.close());

  it('adds a delivery once per channel and event, however often it is added', async () => {
    const now = new Date('2021-02-01T09:00:00.000Z');
    const first = await log.add(delivery('ch1'), now);
    expect(first.added).toBe(true);
    expect((await log.add(delivery('ch1'), now)).added).toBe(false);
    expect((await log.add(delivery('ch2'), now)).added).toBe(true);
    expect(await log.due(now, 10)).toHaveLength(2);
    await log.recordAttempt(first.deliveryId, {
      attempt: 1,
      attemptedAt: '2021-02-01T09:00:01.000Z',
      statusCode: 500,
      durationMs: 12,
      outcome: 'will retry',
      error: 'answered 500',
      nextRetryAt: '2021-02-01T09:00:11.000Z',
    });
    expect(await log.due(now, 10)).toHaveLength(1);
    await log.recordAttempt(first.deliveryId, {
      attempt: 2,
      attemptedAt: '2021-02-01T09:00:11.000Z',
      statusCode: 200,
      durationMs: 9,
      outcome: 'delivered',
      error: null,
      nextRetryAt: null,
    });
    const [delivered] = await log.list('p1', { status: 'delivered' });
    expect(delivered).toMatchObject({ channelId: 'ch1', status: 'delivered', attempts: 2, lastStatusCode: 200, notice, event });
    expect(delivered.attemptLog.map((attempt) => [attempt.attempt, attempt.statusCode, attempt.outcome])).toEqual([
      [1, 500, 'will retry'],
      [2, 200, 'delivered'],
    ]);
    expect((await log.list('p1', { status: 'pending' })).map((one) => one.channelId)).toEqual(['ch2']);
  });
}

describe('the delivery log on SQLite', () => {
  const dir = tempDir('delivery-log');
  afterAll(() => dir.remove());
  logContract(() => openReadModelDb({ dialect: 'sqlite', dataDir: dir.path }));
});

describeWithPostgres('the delivery log on PostgreSQL', (url) => {
  const schema = `delivery_log_${Date.now()}`;
  afterAll(() => dropSchemas(url, schema));
  logContract(() => openReadModelDb({ dialect: 'postgres', databaseUrl: url, schema }));
});
