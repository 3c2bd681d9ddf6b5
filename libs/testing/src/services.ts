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
 * `describe` for a suite that needs PostgreSQL. When it is unreachable the suite is skipped with
 * a loud message on a developer's machine, and fails under CI=true.
 */
export function describeWithPostgres(name: string, body: (url: string) => void): void {
  const down = process.env[PROBE_ENV];
  if (!down) {
    describe(name, () => body(testDatabaseUrl()));
    return;
  }
  const message = `PostgreSQL at ${testDatabaseUrl()} is unreachable (${down})`;
  if (process.env.CI === 'true') {
    describe(name, () => it('needs PostgreSQL', () => { throw new Error(`${message}; CI must run this suite`); }));
    return;
  }
  console.warn(`\n*** SKIPPED "${name}": ${message}. Start PostgreSQL or set DATABASE_URL. ***\n`);
  describe.skip(name, () => body(testDatabaseUrl()));
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
