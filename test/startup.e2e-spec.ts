import { join } from 'node:path';
import request from 'supertest';
import { Test } from '@nestjs/testing';
import type { INestApplication } from '@nestjs/common';
import { SqliteEventStore } from '@actionplans/event-store';
import { describeWithPostgres, runBuilt, startBuiltApi, tempDir } from '@actionplans/testing';
import { openReadModelDb } from '@actionplans/read-models';
import { AppModule } from '../apps/api/src/app.module';

describe('start-up of the all-in-one app', () => {
  const dir = tempDir('startup');
  afterAll(() => dir.remove());

  it('starts on the embedded defaults and answers /health with the store status', async () => {
    const api = await startBuiltApi({ DATA_DIR: join(dir.path, 'defaults') });
    try {
      const response = await fetch(`${api.url}/health`);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ status: 'ok', info: { eventStore: { status: 'up', store: 'sqlite' } } });
    } finally {
      await api.stop();
    }
  });

  it.each([
    [{ EVENT_STORE: 'mongo' }, 'actionplans: EVENT_STORE: must be one of sqlite, postgres, kurrentdb (got "mongo")'],
    [
      { EVENT_STORE: 'postgres', DATABASE_URL: 'postgres://postgres@127.0.0.1:1/test' },
      /^actionplans: DATABASE_URL: cannot use PostgreSQL: .*ECONNREFUSED/,
    ],
    [{ DATA_DIR: '/etc/passwd/plans' }, /^actionplans: DATA_DIR: cannot open SQLite file .*ENOTDIR/],
    [{ PORT: 'eighty' }, 'actionplans: PORT: must be a whole number (got "eighty")'],
  ])('refuses %j: exits non-zero with one line naming the variable', (env, line) => {
    const { code, stdout, stderr } = runBuilt('api', [], { DATA_DIR: join(dir.path, 'refused'), ...env });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    const lines = stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(line);
  });
});

describeWithPostgres('start-up on PostgreSQL', (url) => {
  it('starts on PostgreSQL when configured, creating its schema', async () => {
    const api = await startBuiltApi({ EVENT_STORE: 'postgres', DATABASE_URL: url });
    try {
      expect(await (await fetch(`${api.url}/health`)).json()).toMatchObject({ info: { eventStore: { status: 'up', store: 'postgres' } } });
    } finally {
      await api.stop();
    }
  });
});

describe('GET /health', () => {
  let app: INestApplication;
  let store: SqliteEventStore;
  const dir = tempDir('health');
  beforeAll(async () => {
    store = new SqliteEventStore({ file: join(dir.path, 'events.db') });
    const moduleRef = await Test.createTestingModule({
      imports: [
        AppModule.forStore(store, { dataDir: dir.path, readModels: await openReadModelDb({ dialect: 'sqlite', dataDir: dir.path }) }),
      ],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
  });
  afterAll(async () => {
    await app.close();
    dir.remove();
  });

  it('answers 503 with the reason when the event store stops answering', async () => {
    await store.close();
    const response = await request(app.getHttpServer()).get('/health').expect(503);
    expect(response.body).toMatchObject({ status: 'error', error: { eventStore: { status: 'down', store: 'sqlite' } } });
  });
});
