import { ConfigurationError, loadConfig } from './config';

describe('loadConfig', () => {
  it('runs on embedded defaults with nothing set', () => {
    expect(loadConfig({})).toMatchObject({ port: 3000, eventStore: 'sqlite', readModels: 'sqlite' });
    expect(loadConfig({}).dataDir).toMatch(/[/\\]data$/);
  });

  it('reads a PostgreSQL set-up', () => {
    const config = loadConfig({ EVENT_STORE: 'postgres', DATABASE_URL: 'postgres://app@db:5432/plans', PORT: '8080' });
    expect(config).toMatchObject({ eventStore: 'postgres', readModels: 'postgres', databaseUrl: 'postgres://app@db:5432/plans', port: 8080 });
  });

  it.each([
    [{ EVENT_STORE: 'mongo' }, 'EVENT_STORE: must be one of sqlite, postgres, kurrentdb (got "mongo")'],
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL: must be a redis:// or rediss:// URL (got "localhost:6379")'],
    [{ SMTP_URL: 'mail.council.gov.uk' }, 'SMTP_URL: must be an smtp:// or smtps:// URL (got "mail.council.gov.uk")'],
    [{ READ_MODELS: 'mysql' }, 'READ_MODELS: must be one of sqlite, postgres (got "mysql")'],
    [{ READ_MODELS: 'postgres' }, 'DATABASE_URL: must be a postgres:// connection URL (required when EVENT_STORE or READ_MODELS is postgres)'],
    [{ EVENT_STORE: 'postgres' }, 'DATABASE_URL: must be a postgres:// connection URL (required when EVENT_STORE or READ_MODELS is postgres)'],
    [{ DATABASE_URL: 'mysql://db/plans' }, 'DATABASE_URL: must be a postgres:// connection URL (required when EVENT_STORE or READ_MODELS is postgres) (got "mysql://db/plans")'],
    [{ EVENT_STORE: 'kurrentdb' }, 'KURRENTDB_URL: must be a kurrentdb:// connection string (required when EVENT_STORE=kurrentdb)'],
    [{ PORT: 'eighty' }, 'PORT: must be a whole number (got "eighty")'],
    [{ PORT: '70000' }, 'PORT: must be a port number from 0 to 65535 (got "70000")'],
  ])('refuses %j with one line naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(new ConfigurationError(message.split(':')[0], message.slice(message.indexOf(':') + 2)));
  });
});
