import { Redis } from 'ioredis';
import { Client } from 'pg';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';

/** The PostgreSQL tests use: DATABASE_URL, else the default local port. */
export function testDatabaseUrl(): string {
  return process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
}

/** Tries a real query; returns null when reachable, else why not. Used by jest's global setup. */
export async function probePostgres(url = testDatabaseUrl()): Promise<string | null> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (error) {
    return (error as Error).message || String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

const PROBE_ENV = 'ACTIONPLANS_TEST_POSTGRES_DOWN';

/** Records the probe's outcome for the test workers (they start after global setup). */
export function recordPostgresProbe(reason: string | null): void {
  if (reason) process.env[PROBE_ENV] = reason;
  else delete process.env[PROBE_ENV];
}

/**
 * `describe` for a suite that needs a service. When the global setup found it unreachable the
 * suite is skipped with a loud message on a developer's machine, and fails under CI=true.
 */
function describeWithService(
  service: string,
  url: string,
  down: string | undefined,
  hint: string,
  name: string,
  body: (url: string) => void,
): void {
  if (!down) {
    describe(name, () => body(url));
    return;
  }
  const message = `${service} at ${url} is unreachable (${down})`;
  if (process.env.CI === 'true') {
    describe(name, () =>
      it(`needs ${service}`, () => {
        throw new Error(`${message}; CI must run this suite`);
      }),
    );
    return;
  }
  console.warn(`\n*** SKIPPED "${name}": ${message}. ${hint} ***\n`);
  describe.skip(name, () => body(url));
}

/** `describe` for a suite that needs PostgreSQL (`DATABASE_URL`, else the default local port). */
export function describeWithPostgres(name: string, body: (url: string) => void): void {
  describeWithService('PostgreSQL', testDatabaseUrl(), process.env[PROBE_ENV], 'Start PostgreSQL or set DATABASE_URL.', name, body);
}

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
const REDIS_PROBE_ENV = 'ACTIONPLANS_TEST_REDIS_DOWN';

/** The Redis tests use: REDIS_URL, else the default local port. */
export const testRedisUrl = () => process.env.REDIS_URL || DEFAULT_REDIS_URL;

/** PINGs Redis; null when it answers, else why not. */
export async function probeRedis(url = testRedisUrl()): Promise<string | null> {
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: 3000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await redis.connect();
    await redis.ping();
    return null;
  } catch (error) {
    return (error as Error).message || String(error);
  } finally {
    redis.disconnect();
  }
}

export function recordRedisProbe(reason: string | null): void {
  if (reason) process.env[REDIS_PROBE_ENV] = reason;
  else delete process.env[REDIS_PROBE_ENV];
}

/** `describe` for a suite that needs Redis. */
export function describeWithRedis(name: string, body: (url: string) => void): void {
  describeWithService('Redis', testRedisUrl(), process.env[REDIS_PROBE_ENV], 'Start Redis or set REDIS_URL.', name, body);
}

/** Drops schemas a test or benchmark created for itself. */
export async function dropSchemas(url: string, ...schemas: string[]): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}
